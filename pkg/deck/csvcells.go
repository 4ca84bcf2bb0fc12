package deck

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cardgen/cardgen/pkg/diag"
)

// csvText is a CSV file's text, to name the spreadsheet cell of any place
// in it: a problem found by line and column (a syntax error, a byte that
// is not text, a character in a cell of several lines) is given the cell
// a spreadsheet shows it in, as every problem of a table is.
type csvText struct {
	lines []string // without their line ends
	sep   rune
}

// guessSeparator returns the separator of a CSV file's lines: the header
// row's, or the one the first line uses more.
func guessSeparator(lines []string) rune {
	if _, sep, ok := findHeader(lines); ok {
		return sep
	}
	if len(lines) > 0 && strings.Count(lines[0], ",") > strings.Count(lines[0], ";") {
		return ','
	}
	return ';'
}

// place gives each problem that has a line but no cell the cell it is in,
// in one pass over the text however many problems there are. A row is
// a spreadsheet's row: a cell of several lines is one row.
func (c csvText) place(problems diag.List) {
	var todo []int
	for i, p := range problems {
		if p.Line > 0 && p.Cell == "" {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return
	}
	slices.SortFunc(todo, func(a, b int) int {
		return cmp.Or(cmp.Compare(problems[a].Line, problems[b].Line), cmp.Compare(problems[a].Column, problems[b].Column))
	})
	row, col := 1, 0
	quoted, start := false, true // in a quoted cell; at the start of a cell
	next := 0
	here := func() string { return column(col) + fmt.Sprint(row) }
	for n, l := range c.lines {
		line := n + 1
		for next < len(todo) && problems[todo[next]].Line < line {
			next++ // beyond the text: no cell
		}
		if next == len(todo) {
			return
		}
		runeCol := 0
		for i := 0; i < len(l); {
			r, size := utf8.DecodeRuneInString(l[i:]) // a byte that is not UTF-8 counts as one character
			runeCol++
			for next < len(todo) && problems[todo[next]].Line == line && problems[todo[next]].Column <= runeCol {
				problems[todo[next]].Cell = here()
				next++
			}
			switch {
			case quoted && r == '"' && strings.HasPrefix(l[i+size:], `"`):
				size++ // "" is a quote inside the cell
			case quoted && r == '"':
				quoted = false
			case quoted:
			case r == c.sep:
				col++
				start = true
				i += size
				continue
			case r == '"' && start:
				quoted = true
			}
			start = false
			i += size
		}
		// A place at the end of the line, or past it.
		for next < len(todo) && problems[todo[next]].Line == line {
			problems[todo[next]].Cell = here()
			next++
		}
		if !quoted {
			row, col, start = row+1, 0, true
		}
	}
}

// openQuote returns where the cell whose double quote is never closed
// opens, in the record that starts on line start: the last quote that
// opens a cell there and is still open at the end of the text.
func (c csvText) openQuote(start int) Pos {
	open := Pos{Line: start}
	quoted, first := false, true
	for n := start - 1; n < len(c.lines); n++ {
		l := c.lines[n]
		runeCol := 0
		for i := 0; i < len(l); {
			r, size := utf8.DecodeRuneInString(l[i:])
			runeCol++
			switch {
			case quoted && r == '"' && strings.HasPrefix(l[i+size:], `"`):
				size++
				runeCol++
			case quoted && r == '"':
				quoted = false
			case quoted:
			case r == c.sep:
				first = true
				i += size
				continue
			case r == '"' && first:
				quoted, open = true, Pos{Line: n + 1, Column: runeCol}
			}
			first = false
			i += size
		}
		if !quoted {
			first = true
		}
	}
	return open
}
