package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/cli"
	"github.com/cardgen/cardgen/pkg/deck"
)

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
		readPDF(t, readFile(t, out))
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
	want := defaultPDF(t, "a4").data // the default layout
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
