// Package diag carries problems found in a user's files: where each one is
// (file, line, column or spreadsheet cell, card, field), what is wrong and
// what to do. A problem in a spreadsheet's cell names the cell's column by
// its header, as the file writes it ("cell D3 (column "texte")"), rather
// than by cardgen's field name: the user knows the columns they headed. Loaders and validators collect every problem they find and
// return them together, so a user fixes a file in one pass instead of one
// error per run.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with an input file.
type Problem struct {
	File   string // as the user named it
	Line   int    // 1-based; 0 when unknown. In a workbook, the cell's row
	Column int    // 1-based; 0 when meaningless. In a workbook, the cell's column
	// Cell is the spreadsheet cell the problem is in, when the file is a
	// table: "F5" in a CSV file (which also has lines and columns), or
	// "personas!D4", sheet and cell, in a workbook (.xlsx, .ods), which
	// has no lines: the cell is then the problem's place. A whole row is
	// written as spreadsheets write it: "1:1", "personas!1:1".
	Cell string
	// Header is the header of the cell's column, as the file writes it
	// ("texte", "rôle", "Pays"), when the problem is in a cell under a
	// header row or in that row. The message then names the column by it
	// instead of by Field, which names a field the file may not spell
	// that way, or not have at all (a country's code, found from the
	// column "pays"); Field still says which field for a caller that
	// reads it.
	Header string
	Card   string // persona id, when the problem belongs to one
	Field  string // field name, when the problem belongs to one
	Msg    string // what is wrong
	Hint   string // what to do, when Msg does not say it
	// Code names the kind of problem, for a caller that says it in its
	// own words (the web page, in the teacher's language) and must not
	// depend on Msg's wording; "" for the kinds that have none. It is
	// not part of Error: the message says it all.
	Code Code
}

// Code is a stable name for a kind of problem, set by the main producers
// of each kind. Msg says the problem in English; a caller that says it
// otherwise reads the code, the problem's Field, and the values quoted in
// Msg and Hint, and falls back on Msg for a code it does not know.
type Code string

// The codes.
const (
	// CodeUnknownField: a field (or spreadsheet column) cardgen does not
	// know, named by Field; Hint may suggest the field meant ("did you
	// mean …").
	CodeUnknownField Code = "unknown-field"
	// CodeMissingField: a required field (or column), named by Field, is
	// absent.
	CodeMissingField Code = "missing-field"
	// CodeEmpty: a required field, named by Field, is given empty.
	CodeEmpty Code = "empty"
	// CodeEmptyList: a list (the working conditions) has no item.
	CodeEmptyList Code = "empty-list"
	// CodeDuplicateID: the persona's id is an earlier persona's.
	CodeDuplicateID Code = "duplicate-id"
	// CodeUnknownCategory: the persona's category is none of the deck's;
	// Hint may suggest one.
	CodeUnknownCategory Code = "unknown-category"
	// CodeNearCategory: a category named in a table only, which would be
	// a new one, is very close to an existing one (a typo).
	CodeNearCategory Code = "near-category"
	// CodeMissingPicture: the picture a persona names is not there.
	CodeMissingPicture Code = "missing-picture"
	// CodeMissingGlyph: characters the font cannot print, each quoted with
	// its code point in Msg ('🙂' (U+1F642)).
	CodeMissingGlyph Code = "missing-glyph"
	// CodeTooLong: a text does not fit its card at the smallest size.
	CodeTooLong Code = "too-long"
	// CodeWordTooLong: one word is wider than its line.
	CodeWordTooLong Code = "word-too-long"
	// CodeLightColour: a category's colour is too light to read.
	CodeLightColour Code = "light-colour"
	// CodeBadColour: a colour that is not written #RRGGBB; Msg quotes it.
	CodeBadColour Code = "bad-colour"
	// CodeUnknownCountry: a country's name (quoted in Msg) that cardgen
	// knows no two-letter code for; the code is then to be given.
	CodeUnknownCountry Code = "unknown-country"
	// CodeAmbiguousCountry: a country's name (quoted in Msg) that names
	// more than one country; Msg lists their codes, each followed by its
	// name in brackets: CG (…) or CD (…).
	CodeAmbiguousCountry Code = "ambiguous-country"
	// CodeBadCountryCode: a country code (quoted in Msg) that is not an
	// ISO 3166-1 alpha-2 code; Hint may give the code meant ("write FR").
	CodeBadCountryCode Code = "bad-country-code"
	// CodeBadCopies: a number of copies that is not a whole number from 1
	// to the most a persona may have; Msg quotes or gives the value.
	CodeBadCopies Code = "bad-copies"
	// CodeControlChar: an invisible control character left in a text (as
	// pasting from other programs leaves them), given in Msg as (U+0007).
	CodeControlChar Code = "control-character"
)

// InWorkbook reports whether the problem's place is a workbook's cell
// ("personas!D4") rather than a line of text.
func (p Problem) InWorkbook() bool { return strings.Contains(p.Cell, "!") }

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	column := ""
	if p.Header != "" {
		column = " (column " + Quote(p.Header) + ")"
	}
	switch {
	case p.InWorkbook():
		b.WriteString(": ")
		b.WriteString(p.Cell)
		b.WriteString(column)
	case p.Line > 0:
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Card != "" {
		fmt.Fprintf(&b, "persona %s: ", Quote(p.Card))
	}
	if p.Field != "" && p.Header == "" {
		fmt.Fprintf(&b, "field %s: ", Quote(p.Field))
	}
	switch {
	case p.Cell != "" && !p.InWorkbook():
		if row, _, ok := strings.Cut(p.Cell, ":"); ok {
			b.WriteString("row ") // a whole row, 1:1
			b.WriteString(row)
		} else {
			b.WriteString("cell ")
			b.WriteString(p.Cell)
		}
		b.WriteString(column)
		b.WriteString(": ")
	case p.Cell == "" && p.Header != "":
		b.WriteString(column[2 : len(column)-1]) // column "texte"
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	if p.Hint != "" {
		b.WriteString("; ")
		b.WriteString(p.Hint)
	}
	return b.String()
}

// List is every problem found in one pass. It is an error when not empty.
type List []Problem

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// sheet is the sheet part of a workbook cell, "" for other places.
func (p Problem) sheet() string {
	if i := strings.LastIndexByte(p.Cell, '!'); i >= 0 {
		return p.Cell[:i]
	}
	return ""
}

// Err returns l as an error, or nil when l is empty, with problems sorted by
// file and position (sheet, then row and column, in a workbook) so that
// reports are stable.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.sheet(), b.sheet()), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return out
}

// Unique returns l without repeats: a problem found several times (for
// every card, or for every layout) is reported once, where it first came.
func (l List) Unique() List {
	var out List
	seen := map[string]bool{}
	for _, p := range l {
		if key := p.Error(); !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

// Add appends a problem.
func (l *List) Add(p Problem) { *l = append(*l, p) }

// MarkLast gives the problem added last its code (nothing when l is
// empty): a producer names the kind of the problem it has just added.
func (l *List) MarkLast(c Code) {
	if n := len(*l); n > 0 {
		(*l)[n-1].Code = c
	}
}

// MaxQuoted is how many characters of a value a message repeats.
const MaxQuoted = 60

// Quote quotes a value for a message, as %q does, but never repeats a huge
// value whole: past MaxQuoted characters it is cut, with an ellipsis, and
// its length is given — "\"Lorem ipsum…\" (2,000,000 characters)".
func Quote(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= MaxQuoted {
		return strconv.Quote(s)
	}
	cut, k := s, 0
	for i := range s {
		if k == MaxQuoted-1 {
			cut = s[:i]
			break
		}
		k++
	}
	return strconv.Quote(cut+"…") + " (" + Count(n) + " characters)"
}

// Count writes n with thousands separators, as messages do: 2,000,000.
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
