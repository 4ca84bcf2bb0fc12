package cli_test

import (
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
		`glyph-in-a-cell.csv:6:11: persona "bo": field "text": cell D5: the font Lato has no glyph for '🙂'`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("want %s in:\n%s", want, r.stderr)
		}
	}
}
