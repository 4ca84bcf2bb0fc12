package deck_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files of the bad datasets")

// bad is the corpus of datasets that must not load: each NAME.ext has
// beside it NAME.golden, the exact problems it gives, one per line, with
// file names relative to the corpus folder.
const bad = "../../testdata/datasets/bad"

func TestBadDatasets(t *testing.T) {
	files, err := os.ReadDir(bad)
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]int{}
	for _, f := range files {
		name := f.Name()
		format := deck.FormatOf(name)
		if format == "" {
			continue
		}
		formats[format]++
		t.Run(name, func(t *testing.T) {
			d, err := deck.Load(filepath.Join(bad, name), "")
			if err == nil {
				t.Fatalf("loaded a deck of %d personas; want problems", len(d.Personas))
			}
			var l diag.List
			if !errors.As(err, &l) {
				t.Fatalf("error is not a diag.List: %v", err)
			}
			for _, p := range l {
				// An empty file has no line; a workbook that cannot be
				// opened (a zip bomb, XML entities) has no cell.
				if p.Line == 0 && !strings.HasSuffix(name, "-empty."+strings.TrimPrefix(filepath.Ext(name), ".")) && !deck.Binary(format) {
					t.Errorf("problem without a line: %v", p)
				}
			}
			got := strings.ReplaceAll(err.Error(), bad+string(filepath.Separator), "") + "\n"
			golden := filepath.Join(bad, strings.TrimSuffix(name, filepath.Ext(name))+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestBadDatasets -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("problems differ from %s:\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
	total := 0
	for _, format := range deck.Formats {
		if formats[format] < 5 {
			t.Errorf("%d bad %s datasets, want at least 5", formats[format], format)
		}
		total += formats[format]
	}
	if total < 25 {
		t.Errorf("%d bad datasets, want at least 25", total)
	}
}
