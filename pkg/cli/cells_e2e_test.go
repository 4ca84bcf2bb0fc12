package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGlyphsNamedAtTheirCells: a glyph the font lacks on the third line of
// a cell of row 5 is on line 6 of the CSV file, in cell D5; the deck's
// title and a category's label, set on every card, are named where they
// are written too. (TestBadInputs checks that every problem of every bad
// spreadsheet names its cell.)
func TestGlyphsNamedAtTheirCells(t *testing.T) {
	t.Parallel()
	r := run(t, nil, "validate", "--data", fixture("bad/glyph-in-a-cell.csv"), "--layout", "a4")
	for _, want := range []string{
		`glyph-in-a-cell.csv:1:15: field "title": cell B1: the font Lato has no glyph for '★'`,
		`glyph-in-a-cell.csv:2:23: field "label": cell C2: the font Lato has no glyph for '★'`,
		`glyph-in-a-cell.csv:6:11: persona "bo": cell D5 (column "texte"): the font Lato has no glyph for '🙂'`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("want %s in:\n%s", want, r.stderr)
		}
	}
}

// TestColumnsNamedAsHeaded: a problem in a spreadsheet's cell names the
// column as the file's header writes it (accents and case as written),
// not by cardgen's field name; a country's code, which has no column of
// its own, is named at the column it was found from ("pays"). The same
// for a CSV file in French or in English and for workbooks, and for the
// problems found when composing the cards (a text too long).
func TestColumnsNamedAsHeaded(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("Je travaille très longtemps chaque jour dans des conditions difficiles. ", 40)
	rows := "Ana;Mineuse;Chili;Court.;Dur\nKoffi;;France;Texte.;Dur\nZed;Marin;Atlantide;Je navigue.;Houle\nHao;Extractrice;Chine;" + long + ";Mal payé\n"
	dir := t.TempDir()
	for _, tt := range []struct {
		file, header string
		want         []string
	}{
		{"mes-personas.csv", "nom;rôle;pays;texte;conditions", []string{
			`mes-personas.csv:3:7: persona "koffi": cell B3 (column "rôle"): empty; write the persona's role`,
			`mes-personas.csv:4:11: persona "zed": cell C4 (column "pays"): no country code known for "Atlantide"`,
			`mes-personas.csv:5:23: persona "hao": cell D5 (column "texte"): on the front of a 70 × 120 mm card (layout a4): does not fit`,
		}},
		{"my-personas.csv", "Name;Role;Country;Text;Conditions", []string{
			`my-personas.csv:3:7: persona "koffi": cell B3 (column "Role"): empty`,
			`my-personas.csv:4:11: persona "zed": cell C4 (column "Country"): no country code known for "Atlantide"`,
			`my-personas.csv:5:23: persona "hao": cell D5 (column "Text"): on the front of a 70 × 120 mm card (layout a4): does not fit`,
		}},
	} {
		path := filepath.Join(dir, tt.file)
		if err := os.WriteFile(path, []byte(tt.header+"\n"+rows), 0o644); err != nil {
			t.Fatal(err)
		}
		r := run(t, nil, "validate", "--data", path, "--layout", "a4")
		for _, want := range tt.want {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("want %s in:\n%s", want, r.stderr)
			}
		}
		if strings.Contains(r.stderr, "field ") {
			t.Errorf("a spreadsheet's problem names a field rather than its column:\n%s", r.stderr)
		}
	}

	// Workbooks: the same problems, at the sheet's cell.
	for _, ext := range []string{"xlsx", "ods"} {
		r := run(t, nil, "validate", "--data", fixture("datasets/bad/"+ext+"-empty-cells."+ext), "--layout", "a4")
		for _, want := range []string{
			`'empty-cells'!B2 (column "rôle"): persona "koffi": empty; write the persona's role`,
			`'empty-cells'!C3 (column "pays"): persona "zed": no country code known for "Atlantide"`,
			`'empty-cells'!D4 (column "texte"): persona "hao": empty; write the persona's text`,
		} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("want %s in:\n%s", want, r.stderr)
			}
		}
		// A text too long, in a workbook exported from a CSV file whose
		// only problem it is.
		csv := filepath.Join(dir, "long.csv")
		if err := os.WriteFile(csv, []byte("nom;rôle;pays;texte;conditions\nHao;Extractrice;Chine;"+long+";Mal payé\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		book := filepath.Join(dir, "long."+ext)
		mustRun(t, nil, "export", "--data", csv, "--out", book)
		r = run(t, nil, "validate", "--data", book, "--layout", "a4")
		if want := `: personnages!G2 (column "texte"): persona "hao": on the front of a 70 × 120 mm card (layout a4): does not fit`; !strings.Contains(r.stderr, want) {
			t.Errorf("want %s in:\n%s", want, r.stderr)
		}
	}
}
