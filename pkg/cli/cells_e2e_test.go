package cli_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
)

// TestSpreadsheetMessagesNameCells runs validate on every bad spreadsheet
// (CSV, .xlsx, .ods) of the corpus, problems of every stage included (a
// glyph the font lacks, on a line of a cell of several lines): every
// message names its cell, "cell D4" or "row 1" in a CSV file,
// "personas!D4" in a workbook, as the teacher sees the sheet. Only a
// problem with the whole file, alone, names none.
// summaryLine is the line that ends a list of problems.
var summaryLine = regexp.MustCompile(`^cardgen: [0-9,]+ problems? in .+; nothing was written$`)

func TestSpreadsheetMessagesNameCells(t *testing.T) {
	var files []string
	for _, pattern := range []string{"datasets/bad/*", "bad/*"} {
		m, _ := filepath.Glob(fixture(pattern))
		for _, f := range m {
			switch deck.FormatOf(f) {
			case "csv", "xlsx", "ods":
				files = append(files, f)
			}
		}
	}
	if len(files) < 30 {
		t.Fatalf("only %d bad spreadsheets", len(files))
	}
	cell := regexp.MustCompile(`: (cell [A-Z]+[0-9]+|row [0-9]+|\S+![A-Z]*[0-9]+(:[0-9]+)?): `)
	for _, f := range files {
		r := run(t, nil, "validate", "--data", f, "--layout", "a4")
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		// The last line counts the problems.
		if n := len(lines) - 1; n > 0 && summaryLine.MatchString(lines[n]) {
			lines = lines[:n]
		}
		whole := regexp.MustCompile(`^cardgen: ` + regexp.QuoteMeta(f) + `: `) // no line, no cell
		for _, l := range lines {
			if !cell.MatchString(l) && !(len(lines) == 1 && whole.MatchString(l)) {
				t.Errorf("%s: no cell: %s", filepath.Base(f), l)
			}
		}
	}
	// A glyph on the third line of a cell of row 5 is on line 6 of the
	// file, in cell D5; the deck's title and a category's label, set on
	// every card, are named where they are written too.
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
