package cli_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/cli"
	"github.com/cardgen/cardgen/pkg/deck"
)

// TestBadDatasetCorpus runs the real command line on every bad dataset of
// the corpus (every format): exit 1, every stderr line names the file, the
// first with a line number, and nothing is written, not even a temporary
// file; an earlier PDF at the target stays as it was.
func TestBadDatasetCorpus(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(fixture("datasets/bad/*"))
	n := 0
	for _, f := range files {
		if deck.FormatOf(f) == "" {
			continue // goldens, and the images the datasets point at
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "deck.pdf")
			if err := os.WriteFile(target, []byte("earlier"), 0o644); err != nil {
				t.Fatal(err)
			}
			r := run(t, nil, "build", "--data", f, "--out", target)
			if r.code != cli.ExitInput {
				t.Fatalf("exit %d, want 1\nstderr:\n%s", r.code, r.stderr)
			}
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			base := regexp.QuoteMeta(f)
			// An empty file, or one in UTF-16, has no line to name (its
			// problem is the whole file); a workbook names a cell
			// (personas!D4, or a whole row, personas!1:1), or none when it
			// cannot be opened at all.
			place := `:\d+`
			if deck.Binary(deck.FormatOf(f)) {
				place = `(: \S+![A-Z]*\d+(:\d+)?)?: `
			}
			if !regexp.MustCompile(`^cardgen: `+base+place).MatchString(lines[0]) && !strings.Contains(lines[0], "the file is empty") && !strings.Contains(lines[0], "the file is in UTF-16") {
				t.Errorf("first line does not name %s and a line:\n%s", filepath.Base(f), r.stderr)
			}
			for _, l := range lines {
				if !strings.HasPrefix(l, "cardgen: ") {
					t.Errorf("stderr line without the cardgen prefix: %q", l)
				}
			}
			if got := listDir(t, dir); len(got) != 1 {
				t.Errorf("files left: %v", got)
			}
			if b, _ := os.ReadFile(target); string(b) != "earlier" {
				t.Error("the earlier PDF was changed")
			}
			// validate reports the same problems, and exits 1 too.
			v := run(t, nil, "validate", "--data", f)
			if v.code != cli.ExitInput || v.stderr != r.stderr {
				t.Errorf("validate: exit %d, stderr differs from build's:\n%s", v.code, v.stderr)
			}
		})
	}
	if n < 25 {
		t.Errorf("%d bad datasets, want at least 25", n)
	}
}

// TestGoodDatasets builds the good fixtures of every format: the French
// Excel CSV, JSON, the Markdown source, a YAML deck with every optional field.
func TestGoodDatasets(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"excel-fr.csv", "excel-fr.xlsx", "excel-fr.ods", "deck.json", "personas-source.md", "rich.yaml"} {
		out := filepath.Join(t.TempDir(), "x.pdf")
		r := mustRun(t, nil, "build", "--data", fixture("datasets/good/"+name), "--out", out)
		if !strings.Contains(r.stdout, "cards") {
			t.Errorf("%s: %s", name, r.stdout)
		}
		validate(t, readFile(t, out))
	}
	// The Markdown source gives the 20 personas of the embedded deck.
	r := mustRun(t, nil, "list", "--data", fixture("datasets/good/personas-source.md"))
	if got := strings.Count(r.stdout, "\n") - 1; got != 20 {
		t.Errorf("personas-source.md lists %d personas, want 20", got)
	}
}

// TestExportRoundTrip exports the embedded deck to every format through the
// command line and builds each export: every PDF is byte for byte the one
// built from the embedded deck, so nothing was lost on the way.
func TestExportRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustRun(t, nil, "build", "--out", filepath.Join(dir, "embedded.pdf"))
	want := readFile(t, filepath.Join(dir, "embedded.pdf"))
	for _, f := range deck.Formats {
		path := filepath.Join(dir, "personas."+f)
		mustRun(t, nil, "export", "--format", f, "--out", path)
		out := filepath.Join(dir, f+".pdf")
		mustRun(t, nil, "build", "--data", path, "--out", out)
		if got := readFile(t, out); string(got) != string(want) {
			t.Errorf("%s: the PDF built from the export differs from the embedded deck's", f)
		}
	}
}

// TestSelectionAndCopies: selection flags and copies change what is printed.
func TestSelectionAndCopies(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := mustRun(t, nil, "build", "--category", "creation", "--out", dir)
	if !strings.Contains(r.stdout, "4 cards, 2 pages") {
		t.Errorf("--category creation: %s", r.stdout)
	}
	r = run(t, nil, "build", "--only", "hao,kofi", "--out", dir)
	if r.code != cli.ExitInput && r.code != cli.ExitUsage || !strings.Contains(r.stderr, `did you mean "koffi"`) {
		t.Errorf("--only hao,kofi: exit %d\n%s", r.code, r.stderr)
	}
	// copies: 3 copies of the one persona of a small deck give 3 cards.
	src := strings.Replace(string(readFile(t, fixture("mini.yaml"))), "    category: extraction\n", "    category: extraction\n    copies: 3\n", 1)
	data := filepath.Join(dir, "copies.yaml")
	if err := os.WriteFile(data, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r = mustRun(t, nil, "build", "--data", data, "--layout", "tarot", "--out", filepath.Join(dir, "c.pdf"))
	if !strings.Contains(r.stdout, "4 cards, 8 pages") {
		t.Errorf("copies: %s", r.stdout)
	}
}

// TestEnglishEdition: the English deck carries no French label and its
// PDF says it is in English.
func TestEnglishEdition(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"a4", "tarot", "a4-poker", "a4-fold"} {
		dir := t.TempDir()
		r := mustRun(t, nil, "build", "--lang", "en-GB", "--layout", name, "--out", dir)
		path := filepath.Join(dir, "personas-"+name+"-en.pdf")
		if !strings.Contains(r.stdout, path) {
			t.Fatalf("stdout: %s", r.stdout)
		}
		pdf := readFile(t, path)
		if !strings.Contains(string(pdf), "/Lang (en)") {
			t.Errorf("%s: no /Lang (en)", name)
		}
		var all strings.Builder
		for _, lines := range pdfLines(t, pdf) {
			all.WriteString(strings.Join(lines, "\n"))
		}
		text := all.String()
		for _, french := range []string{"Conditions de travail", "Impact environnemental", "visages cachés", "Travail du clic"} {
			if strings.Contains(text, french) {
				t.Errorf("%s: French %q on the English deck", name, french)
			}
		}
		for _, english := range []string{"Working conditions", "Environmental impact", "The hidden faces of AI"} {
			if !strings.Contains(text, english) {
				t.Errorf("%s: no %q", name, english)
			}
		}
	}
}
