package deck

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/cardgen/cardgen/pkg/diag"
)

// CSV: a table as spreadsheets export it (table.go), in UTF-8 or
// Windows-1252, with commas or semicolons.

// decodeCSV returns data as UTF-8 text: as it is when it is UTF-8, decoded
// from Windows-1252 (what Excel writes in western European locales) when
// it is not. A file that is UTF-8 but for a few rows (pasted from another
// file) is not decoded: each such row is a problem.
func decodeCSV(name string, data []byte) (string, diag.List) {
	bom := bytes.HasPrefix(data, bomUTF8)
	data = bytes.TrimPrefix(data, bomUTF8)
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", diag.List{{File: name, Line: offsetPos(data, i).Line,
			Msg:  "the file holds NUL bytes: it is probably UTF-16 (\"Unicode text\")",
			Hint: "in the spreadsheet, save as \"CSV UTF-8\" or \"CSV (separator: semicolon)\""}}
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	if bom || hasUTF8Sequence(data) {
		return "", badRows(name, data)
	}
	text, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", diag.List{{File: name, Msg: "the file is neither UTF-8 nor Windows-1252 text", Hint: "save it as \"CSV UTF-8\""}}
	}
	// Bytes that Windows-1252 leaves undefined decode to U+FFFD: the file
	// is in some other encoding.
	if i := bytes.IndexRune(text, utf8.RuneError); i >= 0 {
		pos := offsetPos(text, i)
		return "", diag.List{{File: name, Line: pos.Line, Column: pos.Column,
			Msg:  "the file is neither UTF-8 nor Windows-1252 text",
			Hint: "save it as \"CSV UTF-8\""}}
	}
	return string(text), nil
}

// hasUTF8Sequence reports whether data holds a valid UTF-8 sequence of
// more than one byte: then it is UTF-8 text (Windows-1252 text almost
// never makes one, "Ã©" aside).
func hasUTF8Sequence(data []byte) bool {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if size > 1 && r != utf8.RuneError {
			return true
		}
		i += size
	}
	return false
}

// badRows reports each row of a UTF-8 file that is not UTF-8, by its row
// number as a spreadsheet counts them.
func badRows(name string, data []byte) diag.List {
	var out diag.List
	row, line, col := 1, 1, 1
	quoted, reported := false, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			if reported != row {
				reported = row
				out.Add(diag.Problem{File: name, Line: line, Column: col,
					Msg:  fmt.Sprintf("row %d is not valid UTF-8 (byte 0x%02X), unlike the rest of the file", row, data[i]),
					Hint: "it was probably pasted from a file in another encoding: retype its accented letters, or save the whole file again as \"CSV UTF-8\""})
			}
		case r == '"':
			quoted = !quoted
		case r == '\n':
			line, col = line+1, 0
			if !quoted {
				row++
			}
		}
		col++
		i += size
	}
	return out
}

// splitLine splits one physical line on sep, honouring double quotes, to
// find the header line before the separator is known.
func splitLine(line string, sep rune) []string {
	var cells []string
	var b strings.Builder
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == sep && !quoted:
			cells = append(cells, b.String())
			b.Reset()
		default:
			b.WriteRune(r)
		}
	}
	return append(cells, b.String())
}

// findHeader returns the index of the header line, the first one that
// names at least three different persona fields, and the separator it uses.
func findHeader(lines []string) (int, rune, bool) {
	count := func(line string, sep rune) int {
		seen := map[string]bool{}
		for _, cell := range splitLine(line, sep) {
			if f, _, ok := personaNames.lookup(cell); ok {
				seen[f] = true
			}
		}
		return len(seen)
	}
	for i, l := range lines {
		semi, comma := count(l, ';'), count(l, ',')
		switch {
		case semi >= 3 && semi >= comma:
			return i, ';', true
		case comma >= 3:
			return i, ',', true
		}
	}
	return 0, 0, false
}

// runeCols converts byte columns into columns in characters, in one pass
// over a line however many cells it has (cells come in order).
type runeCols struct {
	lines             []string
	line, byte, runes int // the last conversion
}

func (rc *runeCols) col(line, byteCol int) int {
	if line < 1 || line > len(rc.lines) {
		return byteCol
	}
	l := rc.lines[line-1]
	b := min(max(byteCol-1, 0), len(l))
	if line != rc.line || b < rc.byte {
		rc.line, rc.byte, rc.runes = line, 0, 0
	}
	rc.runes += utf8.RuneCountInString(l[rc.byte:b])
	rc.byte = b
	return rc.runes + 1
}

// unescapeCell undoes what exportCSV does to a cell that a spreadsheet
// would run as a formula: one leading apostrophe before =, +, - or @.
func unescapeCell(s string) (string, bool) {
	t := strings.TrimLeft(s, "'")
	if len(t) < len(s) && t != "" && strings.IndexByte("=+-@", t[0]) >= 0 {
		return s[1:], true
	}
	return s, false
}

// escapeCell writes a cell so that a spreadsheet shows it as text rather
// than run it as a formula (OWASP "CSV injection"): an apostrophe before
// a leading =, +, - or @ (and before apostrophes already there, so that
// unescapeCell gives the value back).
func escapeCell(s string) string {
	t := strings.TrimLeft(s, "'")
	if t != "" && strings.IndexByte("=+-@", t[0]) >= 0 {
		return "'" + s
	}
	return s
}

func readCSV(name string, data []byte) (*source, diag.List) {
	t := newTable(name)
	text, problems := decodeCSV(name, data)
	if problems != nil {
		raw := strings.Split(string(data), "\n")
		for i, l := range raw {
			raw[i] = strings.TrimSuffix(l, "\r")
		}
		csvText{lines: raw, sep: guessSeparator(raw)}.place(problems)
		return nil, problems
	}
	if !strings.Contains(text, "\n") && strings.Contains(text, "\r") {
		text = strings.ReplaceAll(text, "\r", "\n") // old Mac line ends
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	if strings.TrimSpace(text) == "" {
		t.add(Pos{}, "", "", "the file is empty", "start from cardgen export --format csv")
		return nil, t.problems
	}
	headerLine, sep, ok := findHeader(lines)
	if !ok {
		t.add(Pos{Line: 1, Cell: "1:1"}, "", "", "no header row naming the columns",
			"the first row must name the columns, such as nom;rôle;pays;texte;conditions (the fields are "+personaNames.list+")")
		return nil, t.problems
	}
	t.sep = sep
	cells := csvText{lines: lines, sep: sep}
	defer func() { cells.place(t.problems) }()

	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	cols := &runeCols{lines: lines}
	var (
		rowNum  int // the spreadsheet's row number of the current record
		prevEnd int // the line where the previous record ended
	)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if errors.Is(pe.Err, csv.ErrQuote) && pe.Line != pe.StartLine {
				t.add(cells.openQuote(pe.StartLine), "", "", fmt.Sprintf("CSV syntax: a cell opened with \" here is never closed (it runs to line %d)", pe.Line),
					"end the cell with \"; inside a cell, write each \" twice (\"\")")
			} else {
				t.add(Pos{Line: pe.Line, Column: cols.col(pe.Line, pe.Column)}, "", "", "CSV syntax: "+pe.Err.Error(), csvSyntaxHint(pe.Err))
			}
			prevEnd = pe.Line
			rowNum++
			continue
		}
		if err != nil {
			t.add(Pos{}, "", "", "CSV: "+err.Error(), "")
			break
		}
		start, _ := r.FieldPos(0)
		lastLine, _ := r.FieldPos(len(rec) - 1)
		rowNum += start - prevEnd // blank lines are rows of the spreadsheet too
		prevEnd = lastLine + strings.Count(rec[len(rec)-1], "\n")
		cells := make([]cell, len(rec))
		for i, v := range rec {
			line, col := r.FieldPos(i)
			c := cell{text: v, inFile: true, pos: Pos{Line: line, Column: cols.col(line, col), Cell: column(i) + fmt.Sprint(rowNum)}}
			c.quoted = line >= 1 && line <= len(lines) && col >= 1 && col-1 < len(lines[line-1]) && lines[line-1][col-1] == '"'
			if s, ok := unescapeCell(v); ok {
				c.text = s
				c.pos.Column++
			}
			cells[i] = c
		}
		end, n := prevEnd, rowNum
		cr := row{cells: cells, missing: func(i int) Pos { return Pos{Line: end, Cell: column(i) + fmt.Sprint(n)} }}
		switch {
		case start-1 < headerLine:
			t.preamble(cr, "above the header row")
		case start-1 == headerLine:
			t.readHeader(cr)
		default:
			t.record(cr)
		}
	}
	if t.header == nil {
		if len(t.problems) == 0 {
			t.add(Pos{Line: headerLine + 1}, "", "", "the header row is inside a quoted cell", "close the quotes of the rows above it")
		}
		return nil, t.problems
	}
	return &source{root: t.form(fileMeta(name)), dialect: t.dialect, lines: lines, place: cells.place, sep: sep}, t.problems
}

func csvSyntaxHint(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return "a cell that starts with \" must end with \"; inside it, write each \" twice (\"\")"
	case errors.Is(err, csv.ErrBareQuote):
		return "put the whole cell in double quotes and write each \" inside it twice (\"\")"
	}
	return ""
}
