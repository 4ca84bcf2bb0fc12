package cli_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/internal/testdiff"
	"github.com/cardgen/cardgen/pkg/cli"
	"github.com/cardgen/cardgen/pkg/deck"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// badInputs returns the corpus of bad inputs: testdata/bad (datasets with
// problems of every stage, layout files) and testdata/datasets/bad (every
// dataset format, .xlsx and .ods included), without the pictures the
// datasets point at.
func badInputs(t *testing.T) []string {
	t.Helper()
	var inputs []string
	for _, pattern := range []string{"bad/*", "datasets/bad/*"} {
		m, _ := filepath.Glob(fixture(pattern))
		for _, f := range m {
			if deck.FormatOf(f) != "" {
				inputs = append(inputs, f)
			}
		}
	}
	return inputs
}

// cellRef is where a problem of a spreadsheet is: "cell D4" or "row 1" in
// a CSV file, "personas!D4" or a whole row, "personas!1:1", in a workbook;
// a cell under a header row is followed by its column's header,
// "cell D4 (column "texte")".
var cellRef = regexp.MustCompile(`: (cell [A-Z]+[0-9]+|row [0-9]+|\S+![A-Z]*[0-9]+(:[0-9]+)?)( \(column "[^"]*"\))?: `)

// TestBadInputs runs `cardgen validate` on every bad input of the corpus
// (see badInputs) and compares its complete output with a golden file,
// testdata/golden/<corpus>/<file>.txt, with paths relative to testdata/.
// Run with -update to accept a change in the messages:
//
//	go test ./pkg/cli -run TestBadInputs -update
//
// Each input also exits 1, with every line of stderr a "cardgen: "
// message, the first naming the file and where in it (a line, or a cell
// of a spreadsheet, or neither for a problem with the whole file); every
// message of a spreadsheet (CSV, .xlsx, .ods) names its cell, as the
// teacher sees the sheet. `cardgen build` on a bad dataset reports the same
// problems, exits 1, writes nothing, not even a temporary file, and leaves
// an earlier PDF at the target as it was.
func TestBadInputs(t *testing.T) {
	t.Parallel()
	inputs := badInputs(t)
	formats := map[string]int{}
	goldens := map[string]bool{}
	for _, in := range inputs {
		rel, _ := filepath.Rel(testdata, in)
		format := deck.FormatOf(in)
		layoutFile := strings.HasPrefix(filepath.Base(in), "layout-")
		if !layoutFile {
			formats[format]++
		}
		golden := filepath.Join(testdata, "golden", rel+".txt")
		goldens[golden] = true
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			args := []string{"validate", "--data", in, "--layout", "a4"}
			if layoutFile {
				args = []string{"validate", "--layout", in}
			}
			r := run(t, nil, args...)
			if r.code != cli.ExitInput {
				t.Errorf("exit %d, want %d", r.code, cli.ExitInput)
			}
			// Paths relative to testdata/, so that the files do not depend
			// on where the repository is.
			got := strings.ReplaceAll(r.stdout+r.stderr, testdata+string(filepath.Separator), "testdata/")
			testdiff.Golden(t, golden, got, *update, "go test ./pkg/cli -run TestBadInputs -update")

			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			for _, l := range lines {
				if !strings.HasPrefix(l, "cardgen: ") {
					t.Errorf("stderr line without the cardgen prefix: %q", l)
				}
			}
			// The last line counts the problems, one a line. As validate
			// writes nothing anyway, it does not say so (build does: below).
			summary := regexp.MustCompile(`^cardgen: ([0-9,]+) problems? in ` + regexp.QuoteMeta(in) + `$`)
			if m := summary.FindStringSubmatch(lines[len(lines)-1]); m == nil || len(lines) < 2 {
				t.Errorf("the last line does not count the problems:\n%s", r.stderr)
			} else {
				if n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", "")); n != len(lines)-1 && n <= 500 {
					t.Errorf("%d problems counted, %d listed", n, len(lines)-1)
				}
				lines = lines[:len(lines)-1]
			}
			// An empty file, or one in UTF-16, has no line to name (its
			// problem is the whole file); a workbook names a cell, or
			// none when it cannot be opened at all.
			place := `:\d+(:\d+)?: `
			if deck.Binary(format) {
				place = `: (\S+![A-Z]*\d+(:\d+)?: )?`
			}
			whole := regexp.MustCompile(`^cardgen: ` + regexp.QuoteMeta(in) + `: `) // no line, no cell
			if !regexp.MustCompile(`^cardgen: `+regexp.QuoteMeta(in)+place).MatchString(lines[0]) &&
				!(len(lines) == 1 && whole.MatchString(lines[0])) {
				t.Errorf("the first line does not say where in %s:\n%s", filepath.Base(in), r.stderr)
			}
			if format == "csv" || deck.Binary(format) {
				for _, l := range lines {
					if !cellRef.MatchString(l) && !(len(lines) == 1 && whole.MatchString(l)) {
						t.Errorf("no cell: %s", l)
					}
				}
			}
			if layoutFile {
				return
			}
			dir := t.TempDir()
			target := filepath.Join(dir, "deck.pdf")
			if err := os.WriteFile(target, []byte("earlier"), 0o644); err != nil {
				t.Fatal(err)
			}
			b := run(t, nil, "build", "--data", in, "--out", target)
			if want := strings.TrimSuffix(r.stderr, "\n") + "; nothing was written\n"; b.code != cli.ExitInput || b.stderr != want {
				t.Errorf("build: exit %d, want %d, and the problems validate reports; stderr:\n%s", b.code, cli.ExitInput, b.stderr)
			}
			if got := listDir(t, dir); !slices.Equal(got, []string{"deck.pdf"}) {
				t.Errorf("build left %q", got)
			}
			if b, _ := os.ReadFile(target); string(b) != "earlier" {
				t.Error("build changed the earlier PDF")
			}
		})
	}
	// Every format has its bad inputs, and no golden file is left from an
	// input that is gone.
	for _, format := range deck.Formats {
		if formats[format] < 5 {
			t.Errorf("%d bad %s datasets, want at least 5", formats[format], format)
		}
	}
	all, _ := filepath.Glob(filepath.Join(testdata, "golden", "*", "*.txt"))
	more, _ := filepath.Glob(filepath.Join(testdata, "golden", "*", "*", "*.txt"))
	for _, g := range append(all, more...) {
		if !goldens[g] && !*update {
			t.Errorf("%s is the golden file of no input: remove it", g)
		}
	}
}
