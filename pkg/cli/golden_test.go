package cli_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// TestValidateGolden runs `cardgen validate` on every bad input of the
// corpus, datasets of every format (characters outside the font and text too
// long for its card included) and layout files, and compares its complete
// output with a golden file: testdata/golden/<corpus>/<file>.txt. Run with
// -update to accept a change in the messages.
func TestValidateGolden(t *testing.T) {
	t.Parallel()
	var inputs []string
	for _, pattern := range []string{"bad/*.yaml", "datasets/bad/*.yaml", "datasets/bad/*.json", "datasets/bad/*.csv", "datasets/bad/*.md"} {
		m, _ := filepath.Glob(fixture(pattern))
		inputs = append(inputs, m...)
	}
	if len(inputs) < 40 {
		t.Fatalf("only %d bad inputs", len(inputs))
	}
	for _, in := range inputs {
		rel, _ := filepath.Rel(testdata, in)
		t.Run(rel, func(t *testing.T) {
			args := []string{"validate", "--data", in, "--layout", "a4"}
			if strings.HasPrefix(filepath.Base(in), "layout-") {
				args = []string{"validate", "--layout", in}
			}
			r := run(t, nil, args...)
			if r.code != 1 {
				t.Errorf("exit %d, want 1", r.code)
			}
			// Paths relative to testdata/, so that the files do not depend
			// on where the repository is.
			got := "exit 1\n" + strings.ReplaceAll(r.stdout+r.stderr, testdata+string(filepath.Separator), "testdata/")
			golden := filepath.Join(testdata, "golden", rel+".txt")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./pkg/cli -run TestValidateGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s:\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}
