package deck

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/cardgen/cardgen/pkg/diag"
)

// Excel's .xlsx (workbook.go says what is read). excelize reads the
// values as the sheet shows them, streaming each sheet's rows; a first
// pass over the sheet's XML (xlsxNotes) finds what excelize does not say:
// dates, formulas without a stored result, error values, and cells too far
// down or to the right, before any row is expanded.

func readXLSX(name string, data []byte) (*source, diag.List) {
	zr, problems := openZip(name, ".xlsx", data)
	if problems != nil {
		return nil, problems
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
	if err != nil {
		return nil, diag.List{{File: name, Msg: fmt.Sprintf("the workbook cannot be read: %v", err),
			Hint: "open it in the spreadsheet and save it again as .xlsx"}}
	}
	defer f.Close()
	paths := xlsxSheetPaths(zr)
	read := func(sheet string) ([]sheetRow, diag.List) {
		notes, last, problem := xlsxNotes(f, zr, paths[sheet], sheet)
		if problem != nil {
			problem.File = name
			return nil, diag.List{*problem}
		}
		return xlsxRows(f, name, sheet, notes, last)
	}
	return workbookTable(name, f.GetSheetList(), read)
}

// xlsxRows reads a sheet's rows, as the sheet shows them, up to its last
// row with something in it.
func xlsxRows(f *excelize.File, name, sheet string, notes map[[2]int]note, last int) ([]sheetRow, diag.List) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, diag.List{{File: name, Msg: fmt.Sprintf("sheet %s cannot be read: %v", diag.Quote(sheet), err)}}
	}
	defer rows.Close()
	var out []sheetRow
	for n := 1; n <= last && rows.Next(); n++ {
		cols, err := rows.Columns()
		if err != nil {
			return nil, diag.List{{File: name, Msg: fmt.Sprintf("sheet %s cannot be read (row %d): %v", diag.Quote(sheet), n, err),
				Hint: "open the file in the spreadsheet and save it again as .xlsx"}}
		}
		r := sheetRow{n: n}
		for i, v := range cols {
			nt := notes[[2]int{n, i}]
			if v == "" && nt.problem == "" {
				continue
			}
			c := sheetCell{col: i, text: strings.ReplaceAll(v, "\r\n", "\n")}
			if nt.problem != "" {
				c.problem, c.hint = nt.message(v)
			}
			r.cells = append(r.cells, c)
		}
		if len(r.cells) > 0 {
			out = append(out, r)
		}
	}
	return out, nil
}

// note is what the first pass found about a cell.
type note struct{ problem, detail string }

const (
	noteDate    = "date"
	noteFormula = "formula"
	noteError   = "error"
)

func (n note) message(shown string) (string, string) {
	switch n.problem {
	case noteDate:
		return fmt.Sprintf("the spreadsheet made a date or a time of this cell (%s), not the text typed", diag.Quote(shown)),
			"format the cell as Text and type it again, or start it with an apostrophe (')"
	case noteFormula:
		return "a formula without a stored result: cardgen does not compute formulas",
			"type the value itself, or open the file in the spreadsheet and save it again so that it stores the results"
	}
	return fmt.Sprintf("the cell holds an error (%s)", diag.Quote(n.detail)), "type the value itself rather than a formula"
}

// xlsxSheetPaths maps each sheet's name to its XML file in the zip.
func xlsxSheetPaths(zr *zip.Reader) map[string]string {
	out := map[string]string{}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if b, err := readEntry(zr, "xl/workbook.xml"); err != nil || xml.Unmarshal(b, &wb) != nil {
		return out
	}
	if b, err := readEntry(zr, "xl/_rels/workbook.xml.rels"); err != nil || xml.Unmarshal(b, &rels) != nil {
		return out
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	for _, s := range wb.Sheets {
		out[s.Name] = targets[s.ID]
	}
	return out
}

// xlsxNotes goes once through a sheet's XML and notes the cells the
// sheet shows otherwise than typed: dates, formulas without result, error
// values. It returns the last row with something in it, or a problem when
// a cell lies beyond maxSheetRows or maxSheetColumns.
func xlsxNotes(f *excelize.File, zr *zip.Reader, file, sheet string) (map[[2]int]note, int, *diag.Problem) {
	notes := map[[2]int]note{}
	data, err := readEntry(zr, file)
	if err != nil || data == nil {
		return notes, maxSheetRows, nil // excelize says what is wrong
	}
	dates := map[int]bool{} // style index → is a date format
	isDate := func(s int) bool {
		if d, ok := dates[s]; ok {
			return d
		}
		st, err := f.GetStyle(s)
		d := err == nil && dateFormat(st.NumFmt, st.CustomNumFmt)
		dates[s] = d
		return d
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		row, col, last int
		inCell         bool
		c              struct {
			style          int
			typ            string
			formula, value bool
			v              strings.Builder
		}
		inV bool
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, &diag.Problem{Msg: fmt.Sprintf("sheet %s is not valid XML: %v", diag.Quote(sheet), err),
				Hint: "open the file in the spreadsheet and save it again as .xlsx"}
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "row":
				row++
				if r := attr(e, "r"); r != "" {
					row, _ = strconv.Atoi(r)
				}
				col = -1
			case "c":
				col++
				inCell = true
				c.style, c.typ, c.formula, c.value = 0, "", false, false
				c.v.Reset()
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "r":
						if cc, rr, err := excelize.CellNameToCoordinates(a.Value); err == nil {
							col, row = cc-1, rr
						}
					case "s":
						c.style, _ = strconv.Atoi(a.Value)
					case "t":
						c.typ = a.Value
					}
				}
			case "f":
				c.formula = inCell
			case "v", "t":
				inV = inCell
			}
		case xml.CharData:
			if inV {
				c.value = c.value || len(bytes.TrimSpace(e)) > 0 || c.typ == "str" || c.typ == "inlineStr"
				if c.v.Len() < 100 {
					c.v.Write(e)
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "v", "t":
				inV = false
			case "c":
				inCell = false
				if !c.value && !c.formula {
					continue
				}
				if row > maxSheetRows || col >= maxSheetColumns {
					return nil, 0, &diag.Problem{Line: row, Column: col + 1, Cell: ref(sheet, col, row),
						Msg: fmt.Sprintf("a cell so far down or to the right: a sheet of personas may have at most %s rows and %d columns",
							diag.Count(maxSheetRows), maxSheetColumns),
						Hint: "is it the right file? Delete what lies beyond the table"}
				}
				last = max(last, row)
				switch {
				case c.formula && !c.value:
					notes[[2]int{row, col}] = note{problem: noteFormula}
				case c.typ == "e":
					notes[[2]int{row, col}] = note{problem: noteError, detail: c.v.String()}
				case c.typ == "d", (c.typ == "" || c.typ == "n") && c.value && isDate(c.style):
					notes[[2]int{row, col}] = note{problem: noteDate}
				}
			}
		}
	}
	return notes, last, nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// dateFormat reports whether a number format shows a date or a time: one
// of Excel's built-in date formats, or a format of its own with day,
// month, year, hour or second codes outside quotes and brackets.
func dateFormat(id int, custom *string) bool {
	if id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58 {
		return true
	}
	if custom == nil {
		return false
	}
	quoted, bracket := false, false
	for _, r := range strings.ToLower(*custom) {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '[':
			bracket = true
		case r == ']':
			bracket = false
		case bracket:
		case strings.ContainsRune("dmyhs", r):
			return true
		}
	}
	return false
}

// exportXLSX writes a workbook a teacher can open, edit and build back:
// the personas sheet with its header in the deck's language, wrapped text,
// columns as wide as their text (up to a limit, then wrapped), the
// category cells in their category's colour; a categories sheet and a deck
// sheet. Every value is written as text, never as a formula.
func exportXLSX(w io.Writer, d *Deck) error {
	if err := checkTags(d); err != nil {
		return err
	}
	fr := french(d)
	personas, categories, deckSheet := sheetNames(fr)
	rows := append([][]string{tableHeader(fr)}, personaRows(d)...)
	for _, r := range rows[1:] {
		for i, v := range r {
			if n := utf8.RuneCountInString(v); n > excelize.TotalCellChars {
				return fmt.Errorf("field %q of a persona has %s characters, more than the %s an Excel cell holds; export to another format",
					personaSchema[i].name, diag.Count(n), diag.Count(excelize.TotalCellChars))
			}
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", personas); err != nil {
		return err
	}
	header, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#E0E0E0"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	body, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	fill := map[string]int{}
	for _, c := range d.Categories {
		fill[c.ID], _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "#FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.Color.String()}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	}
	catCol := -1
	for i := range personaSchema {
		if personaSchema[i].name == "category" {
			catCol = i
		}
	}
	write := func(sheet string, rows [][]string, style func(row, col int) int) error {
		if len(rows) == 0 {
			return nil
		}
		for r, cells := range rows {
			for c, v := range cells {
				cell := fmt.Sprintf("%s%d", column(c), r+1)
				if err := f.SetCellStr(sheet, cell, v); err != nil {
					return err
				}
				if err := f.SetCellStyle(sheet, cell, cell, style(r, c)); err != nil {
					return err
				}
			}
		}
		for c := range rows[0] {
			var col []string
			for _, r := range rows {
				if c < len(r) {
					col = append(col, r[c])
				}
			}
			if err := f.SetColWidth(sheet, column(c), column(c), columnWidth(col)); err != nil {
				return err
			}
		}
		return nil
	}
	err := write(personas, rows, func(r, c int) int {
		switch {
		case r == 0:
			return header
		case c == catCol:
			if s, ok := fill[d.Personas[r-1].Category]; ok {
				return s
			}
		}
		return body
	})
	if err != nil {
		return err
	}
	if _, err := f.NewSheet(categories); err != nil {
		return err
	}
	catRows := [][]string{{}}
	for i := range categorySchema {
		catRows[0] = append(catRows[0], localName(&categorySchema[i], fr))
	}
	for _, c := range d.Categories {
		var r []string
		for i := range categorySchema {
			r = append(r, categorySchema[i].text(&c))
		}
		catRows = append(catRows, r)
	}
	err = write(categories, catRows, func(r, c int) int {
		switch {
		case r == 0:
			return header
		case categorySchema[c].kind == kindColor:
			return fill[d.Categories[r-1].ID]
		}
		return body
	})
	if err != nil {
		return err
	}
	if _, err := f.NewSheet(deckSheet); err != nil {
		return err
	}
	var deckRows [][]string
	for i := range deckSchema {
		if fd := &deckSchema[i]; !fd.empty(d) {
			deckRows = append(deckRows, []string{localName(fd, fr), fd.text(d)})
		}
	}
	if err := write(deckSheet, deckRows, func(r, c int) int {
		if c == 0 {
			return header
		}
		return body
	}); err != nil {
		return err
	}
	if err := f.SetPanes(personas, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}
