package deck

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cardgen/cardgen/pkg/diag"
)

// LibreOffice's .ods (workbook.go says what is read): a zip whose
// content.xml holds every sheet, read here in one streaming pass with
// encoding/xml. A cell's text is its paragraphs (text:p), one line each,
// with text:s for runs of spaces, text:tab and text:line-break; a number,
// a date or a formula's result is read as the sheet shows it, which ODF
// writes as the cell's text. Runs of repeated rows and cells
// (table:number-rows-repeated, table:number-columns-repeated), as
// LibreOffice writes for the empty rest of a sheet, are skipped, never
// expanded; repeated cells that hold text are expanded within bounds.

const (
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	odsMime  = "application/vnd.oasis.opendocument.spreadsheet"
)

func readODS(name string, data []byte) (*source, diag.List) {
	zr, problems := openZip(name, ".ods", data)
	if problems != nil {
		return nil, problems
	}
	bad := func(msg string) (*source, diag.List) {
		return nil, diag.List{{File: name, Msg: msg, Hint: "open it in LibreOffice and save it again as .ods (OpenDocument Spreadsheet)"}}
	}
	mime, err := readEntry(zr, "mimetype")
	if err != nil || mime != nil && strings.TrimSpace(string(mime)) != odsMime {
		return bad(fmt.Sprintf("the file is not an OpenDocument spreadsheet (it says it is %s)", diag.Quote(strings.TrimSpace(string(mime)))))
	}
	content, err := readEntry(zr, "content.xml")
	if err != nil || content == nil {
		return bad("the file has no content.xml: it is not an OpenDocument spreadsheet")
	}
	sheets, order, problem := odsSheets(content)
	if problem != nil {
		problem.File = name
		return nil, diag.List{*problem}
	}
	return workbookTable(name, order, func(sheet string) ([]sheetRow, diag.List) { return sheets[sheet], nil })
}

// odsCell is a cell being read.
type odsCell struct {
	lines         []string
	line          strings.Builder
	valueType     string
	value         string // office:value, when there is no text
	formula, err  bool
	repeat        int
	inAnnotation  int // depth inside office:annotation (a comment: not the value)
	paragraphOpen bool
}

// odsSheets reads every sheet of content.xml: its rows of cells, and the
// sheets' names in order.
func odsSheets(content []byte) (map[string][]sheetRow, []string, *diag.Problem) {
	sheets := map[string][]sheetRow{}
	var order []string
	dec := xml.NewDecoder(bytes.NewReader(content))
	var (
		sheet      string
		rowN       int // the number of the row being read
		rowRepeat  int
		cells      []sheetCell
		col        int
		c          *odsCell
		expanded   int // bytes of text repeated cells were expanded to
		tableDepth int
		problemAt  = func(col, row int, msg, hint string) *diag.Problem {
			return &diag.Problem{Line: row, Column: col + 1, Cell: ref(sheet, col, row), Msg: msg, Hint: hint}
		}
	)
	intAttr := func(e xml.StartElement, space, local string) int {
		for _, a := range e.Attr {
			if a.Name.Space == space && a.Name.Local == local {
				if n, err := strconv.Atoi(a.Value); err == nil && n > 0 {
					return n
				}
			}
		}
		return 1
	}
	strAttr := func(e xml.StartElement, space, local string) (string, bool) {
		for _, a := range e.Attr {
			if a.Name.Space == space && a.Name.Local == local {
				return a.Value, true
			}
		}
		return "", false
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, &diag.Problem{Msg: fmt.Sprintf("content.xml is not valid XML: %v", err),
				Hint: "open the file in LibreOffice and save it again as .ods"}
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch {
			case c != nil && e.Name.Space == nsOffice && e.Name.Local == "annotation":
				c.inAnnotation++
			case c != nil && c.inAnnotation > 0:
			case e.Name.Space == nsTable && e.Name.Local == "table":
				if tableDepth++; tableDepth > 1 {
					continue // a table inside a cell: not read
				}
				sheet, _ = strAttr(e, nsTable, "name")
				if _, seen := sheets[sheet]; !seen {
					order = append(order, sheet)
					sheets[sheet] = nil
				}
				rowN = 0
			case tableDepth != 1:
			case e.Name.Space == nsTable && e.Name.Local == "table-row":
				rowRepeat = intAttr(e, nsTable, "number-rows-repeated")
				rowN++
				cells, col = nil, 0
			case e.Name.Space == nsTable && (e.Name.Local == "table-cell" || e.Name.Local == "covered-table-cell"):
				c = &odsCell{repeat: intAttr(e, nsTable, "number-columns-repeated")}
				c.valueType, _ = strAttr(e, nsOffice, "value-type")
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "value", "date-value", "time-value", "boolean-value", "string-value":
						if a.Name.Space == nsOffice {
							c.value = a.Value
						}
					case "formula":
						c.formula = a.Name.Space == nsTable
					case "value-type":
						c.err = c.err || a.Name.Space != nsOffice && a.Value == "error"
					}
				}
			case c != nil && e.Name.Space == nsText && e.Name.Local == "p":
				c.paragraphOpen = true
				c.line.Reset()
			case c != nil && e.Name.Space == nsText && e.Name.Local == "s":
				c.line.WriteString(strings.Repeat(" ", min(intAttr(e, nsText, "c"), 1000)))
			case c != nil && e.Name.Space == nsText && e.Name.Local == "tab":
				c.line.WriteByte('\t')
			case c != nil && e.Name.Space == nsText && e.Name.Local == "line-break":
				c.lines = append(c.lines, c.line.String())
				c.line.Reset()
			}
		case xml.CharData:
			if c != nil && c.paragraphOpen && c.inAnnotation == 0 && tableDepth == 1 {
				c.line.WriteString(collapseSpace(string(e), c.line.Len() == 0))
			}
		case xml.EndElement:
			switch {
			case c != nil && e.Name.Space == nsOffice && e.Name.Local == "annotation":
				c.inAnnotation--
			case c != nil && c.inAnnotation > 0:
			case e.Name.Space == nsTable && e.Name.Local == "table":
				tableDepth--
			case tableDepth != 1:
			case c != nil && e.Name.Space == nsText && e.Name.Local == "p":
				c.lines = append(c.lines, c.line.String())
				c.paragraphOpen = false
			case c != nil && e.Name.Space == nsTable && (e.Name.Local == "table-cell" || e.Name.Local == "covered-table-cell"):
				text := strings.Join(c.lines, "\n")
				if text == "" && c.valueType != "" && c.valueType != "string" {
					text = c.value
				}
				sc := sheetCell{text: text}
				switch {
				case c.err:
					sc.problem, sc.hint = note{problem: noteError, detail: text}.message(text)
				case c.formula && text == "":
					sc.problem, sc.hint = note{problem: noteFormula}.message("")
				case c.valueType == "date" || c.valueType == "time":
					sc.problem, sc.hint = note{problem: noteDate}.message(text)
				}
				if strings.TrimSpace(text) == "" && sc.problem == "" {
					col += c.repeat // empty, however many: skipped
					c = nil
					continue
				}
				if rowN > maxSheetRows || col+c.repeat > maxSheetColumns {
					return nil, nil, problemAt(min(col, maxSheetColumns), rowN, fmt.Sprintf("a cell so far down or to the right: a sheet of personas may have at most %s rows and %d columns",
						diag.Count(maxSheetRows), maxSheetColumns), "is it the right file? Delete what lies beyond the table")
				}
				for range c.repeat {
					if expanded += len(text); expanded > maxUnzipped {
						return nil, nil, problemAt(col, rowN, fmt.Sprintf("repeated cells would expand past %d MiB of text", maxUnzipped>>20), "is it the right file?")
					}
					sc.col = col
					cells = append(cells, sc)
					col++
				}
				c = nil
			case e.Name.Space == nsTable && e.Name.Local == "table-row":
				if len(cells) > 0 {
					if rowN+rowRepeat-1 > maxSheetRows {
						return nil, nil, problemAt(0, rowN, fmt.Sprintf("a row repeated %s times: a sheet of personas may have at most %s rows",
							diag.Count(rowRepeat), diag.Count(maxSheetRows)), "is it the right file? Delete what lies beyond the table")
					}
					for i := range rowRepeat {
						for _, sc := range cells {
							if expanded += len(sc.text); expanded > maxUnzipped {
								return nil, nil, problemAt(sc.col, rowN, fmt.Sprintf("repeated rows would expand past %d MiB of text", maxUnzipped>>20), "is it the right file?")
							}
						}
						sheets[sheet] = append(sheets[sheet], sheetRow{n: rowN + i, cells: cells})
					}
				}
				rowN += rowRepeat - 1 // empty rows, however many: skipped
			}
		}
	}
	return sheets, order, nil
}

// collapseSpace applies ODF's rule for spaces in a paragraph: a run of
// white space is one space, and none at the start of the paragraph.
func collapseSpace(s string, atStart bool) string {
	if !strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	var b strings.Builder
	space := atStart
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// exportODS writes an OpenDocument spreadsheet, as exportXLSX writes a
// workbook: sheets of personas, categories and the deck, wrapped text,
// columns as wide as their text, category colours as fills, every value a
// string.
func exportODS(w io.Writer, d *Deck) error {
	if err := checkTags(d); err != nil {
		return err
	}
	fr := french(d)
	personas, categories, deckSheet := sheetNames(fr)
	var styles, tables bytes.Buffer
	styles.WriteString(`<style:style style:name="ce-body" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style>`)
	styles.WriteString(`<style:style style:name="ce-head" style:family="table-cell"><style:table-cell-properties fo:background-color="#e0e0e0" fo:wrap-option="wrap" style:vertical-align="top"/><style:text-properties fo:font-weight="bold"/></style:style>`)
	fill := map[string]string{}
	for i, c := range d.Categories {
		fill[c.ID] = fmt.Sprintf("ce-cat%d", i+1)
		fmt.Fprintf(&styles, `<style:style style:name="%s" style:family="table-cell"><style:table-cell-properties fo:background-color="%s" fo:wrap-option="wrap" style:vertical-align="top"/><style:text-properties fo:color="#ffffff" fo:font-weight="bold"/></style:style>`,
			fill[c.ID], strings.ToLower(c.Color.String()))
	}
	widths := 0
	table := func(name string, rows [][]string, style func(row, col int) string) {
		fmt.Fprintf(&tables, `<table:table table:name="%s">`, xmlEscape(name))
		ncols := 0
		for _, r := range rows {
			ncols = max(ncols, len(r))
		}
		for c := range ncols {
			var col []string
			for _, r := range rows {
				if c < len(r) {
					col = append(col, r[c])
				}
			}
			widths++
			fmt.Fprintf(&styles, `<style:style style:name="co%d" style:family="table-column"><style:table-column-properties style:column-width="%.2fcm"/></style:style>`,
				widths, 0.2*columnWidth(col)+0.2)
			fmt.Fprintf(&tables, `<table:table-column table:style-name="co%d" table:default-cell-style-name="ce-body"/>`, widths)
		}
		for r, cells := range rows {
			tables.WriteString(`<table:table-row>`)
			for c, v := range cells {
				fmt.Fprintf(&tables, `<table:table-cell table:style-name="%s" office:value-type="string">`, style(r, c))
				for _, l := range strings.Split(v, "\n") {
					tables.WriteString("<text:p>")
					tables.WriteString(odsText(l))
					tables.WriteString("</text:p>")
				}
				tables.WriteString(`</table:table-cell>`)
			}
			tables.WriteString(`</table:table-row>`)
		}
		tables.WriteString(`</table:table>`)
	}
	catCol := -1
	for i := range personaSchema {
		if personaSchema[i].name == "category" {
			catCol = i
		}
	}
	table(personas, append([][]string{tableHeader(fr)}, personaRows(d)...), func(r, c int) string {
		switch {
		case r == 0:
			return "ce-head"
		case c == catCol && fill[d.Personas[r-1].Category] != "":
			return fill[d.Personas[r-1].Category]
		}
		return "ce-body"
	})
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
	table(categories, catRows, func(r, c int) string {
		switch {
		case r == 0:
			return "ce-head"
		case categorySchema[c].kind == kindColor:
			return fill[d.Categories[r-1].ID]
		}
		return "ce-body"
	})
	var deckRows [][]string
	for i := range deckSchema {
		if fd := &deckSchema[i]; !fd.empty(d) {
			deckRows = append(deckRows, []string{localName(fd, fr), fd.text(d)})
		}
	}
	table(deckSheet, deckRows, func(r, c int) string {
		if c == 0 {
			return "ce-head"
		}
		return "ce-body"
	})

	zw := zip.NewWriter(w)
	// The mimetype comes first, stored, as ODF requires.
	mw, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		return err
	}
	io.WriteString(mw, odsMime)
	files := []struct{ name, body string }{
		{"META-INF/manifest.xml", odsManifest},
		{"styles.xml", odsStyles},
		{"content.xml", xml.Header + `<office:document-content ` + odsNamespaces + ` office:version="1.3"><office:automatic-styles>` +
			styles.String() + `</office:automatic-styles><office:body><office:spreadsheet>` + tables.String() +
			`</office:spreadsheet></office:body></office:document-content>`},
	}
	for _, f := range files {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, f.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

const odsNamespaces = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"`

const odsManifest = xml.Header + `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
	`<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="` + odsMime + `"/>` +
	`<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>` +
	`<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>` +
	`</manifest:manifest>`

const odsStyles = xml.Header + `<office:document-styles ` + odsNamespaces + ` office:version="1.3"><office:styles/></office:document-styles>`

// odsText writes a line of a cell as ODF paragraph content: runs of
// spaces (which ODF would collapse) as text:s, tabs as text:tab.
func odsText(l string) string {
	var b strings.Builder
	for i := 0; i < len(l); {
		switch {
		case l[i] == '\t':
			b.WriteString("<text:tab/>")
			i++
		case l[i] == ' ' && (i == 0 || i+1 < len(l) && l[i+1] == ' ' || i == len(l)-1):
			n := 0
			for i < len(l) && l[i] == ' ' {
				n++
				i++
			}
			if n == 1 {
				b.WriteString(`<text:s/>`)
			} else {
				fmt.Fprintf(&b, `<text:s text:c="%d"/>`, n)
			}
		default:
			j := i
			for j < len(l) && l[j] != '\t' && !(l[j] == ' ' && (j == 0 || j+1 < len(l) && l[j+1] == ' ' || j == len(l)-1)) {
				j++
			}
			b.WriteString(xmlEscape(l[i:j]))
			i = j
		}
	}
	return b.String()
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
