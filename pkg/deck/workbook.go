package deck

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/cardgen/cardgen/pkg/diag"
)

// Workbooks (.xlsx, .ods): zips of XML, read as tables (table.go). Their
// sheets, found by name whatever the case and accents:
//
//   - personas (or personnages), else the first sheet not named for the
//     categories or the deck, else the first sheet: a table as in CSV, the
//     header row first or below preamble rows;
//   - categories (or catégories), optional: a header row naming id
//     (identifiant), label (libellé) and color (couleur), then one
//     category per row;
//   - deck (or jeu), optional: key rows as in CSV's preamble (titre, langue,
//     auteur, catégorie).
//
// Every value is read as the sheet shows it. A cell the spreadsheet turned
// into a date or a time, a formula without a stored result and an error
// value (#N/A) are problems at their cell; formulas are never computed.
//
// A hostile file cannot cost more than a real one: the zip may hold at
// most maxZipEntries entries expanding to maxUnzipped bytes (archive/zip
// checks that an entry holds what it claims); XML entities other than the
// five predefined ones are refused (encoding/xml does not read DTDs); a
// run of repeated empty rows or cells is skipped, not expanded; a sheet
// may have at most maxSheetRows rows and maxSheetColumns columns with
// something in them.

const (
	maxZipEntries   = 1000
	maxUnzipped     = 32 << 20
	maxSheetColumns = 256
	maxSheetRows    = MaxPersonas + 1000
)

// sheet roles, by the folded names a sheet may have.
var sheetRoles = map[string]string{
	"personas": "personas", "personnages": "personas",
	"categories": "categories",
	"deck":       "deck", "jeu": "deck",
}

// sheetNames are the names export gives the sheets, in English and French.
func sheetNames(fr bool) (personas, categories, deckSheet string) {
	if fr {
		return "personnages", "catégories", "jeu"
	}
	return "personas", "categories", "deck"
}

// roleOf returns the role a sheet's name gives it, or "".
func roleOf(sheet string) string { return sheetRoles[keyFold(sheet)] }

// openZip checks a workbook's zip before anything is expanded.
func openZip(name, kind string, data []byte) (*zip.Reader, diag.List) {
	bad := func(msg, hint string) diag.List { return diag.List{{File: name, Msg: msg, Hint: hint}} }
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, bad(fmt.Sprintf("the file is not a %s workbook: %v", kind, err),
			"open it in the spreadsheet and save it again as "+kind+" (or name the right format with --format)")
	}
	if len(zr.File) > maxZipEntries {
		return nil, bad(fmt.Sprintf("the workbook holds %s files, more than the %s a workbook may", diag.Count(len(zr.File)), diag.Count(maxZipEntries)),
			"is it the right file? Save the deck again from the spreadsheet")
	}
	var total uint64
	for _, f := range zr.File {
		if total += f.UncompressedSize64; total > maxUnzipped {
			return nil, bad(fmt.Sprintf("the workbook expands to more than %d MiB", maxUnzipped>>20),
				"is it the right file? A deck of 20,000 personas takes a few MiB")
		}
	}
	return zr, nil
}

// readEntry reads an entry of a checked zip, or returns nil when there is none.
func readEntry(zr *zip.Reader, path string) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name == path {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return io.ReadAll(io.LimitReader(rc, maxUnzipped+1))
		}
	}
	return nil, nil
}

// sheetRow is a row as a workbook's sheet holds it.
type sheetRow struct {
	n     int // the row's number, from 1
	cells []sheetCell
}

type sheetCell struct {
	col  int    // from 0
	text string // as the sheet shows it; lines separated by \n
	// problem says what is wrong with the cell (a date, a formula without
	// result), with a hint: the cell is reported, its text kept.
	problem, hint string
}

// ref is a cell's reference in a sheet: "personas!D4". A sheet's name
// with spaces or punctuation is quoted, as spreadsheets write it.
func ref(sheet string, col, row int) string {
	s := sheet
	if strings.ContainsFunc(sheet, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r > 0x7F)
	}) {
		s = "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	}
	return fmt.Sprintf("%s!%s%d", s, column(col), row)
}

// workbookTable turns a workbook's sheets into the common form.
func workbookTable(name string, sheets []string, read func(sheet string) ([]sheetRow, diag.List)) (*source, diag.List) {
	t := newTable(name)
	t.keyRows = "titre, langue, auteur (each followed by its value in the next cell) and catégorie, id, libellé, #RRGGBB (in four cells)"
	roles := map[string]string{}
	for _, s := range sheets {
		if r := roleOf(s); r != "" && roles[r] == "" {
			roles[r] = s
		}
	}
	if roles["personas"] == "" {
		for _, s := range sheets {
			if roleOf(s) == "" {
				roles["personas"] = s
				break
			}
		}
	}
	if roles["personas"] == "" && len(sheets) > 0 {
		// Only sheets named for the categories or the deck (a file saved
		// as deck.csv, then converted, has a sheet named deck): the first
		// is the personas'.
		roles["personas"] = sheets[0]
		delete(roles, roleOf(sheets[0]))
	}
	if roles["personas"] == "" {
		return nil, diag.List{{File: name, Msg: "the workbook has no sheet",
			Hint: "put the personas in its first sheet, or in a sheet named \"personas\" (or \"personnages\")"}}
	}
	failed := false
	rowsOf := func(sheet string) []row {
		srows, problems := read(sheet)
		t.problems = append(t.problems, problems...)
		failed = failed || srows == nil && len(problems) > 0
		var rows []row
		for _, sr := range srows {
			r := row{missing: func(col int) Pos { return Pos{Line: sr.n, Column: col + 1, Cell: ref(sheet, col, sr.n)} }}
			for _, c := range sr.cells {
				for len(r.cells) < c.col {
					r.cells = append(r.cells, cell{pos: r.missing(len(r.cells))})
				}
				pos := Pos{Line: sr.n, Column: c.col + 1, Cell: ref(sheet, c.col, sr.n)}
				if c.problem != "" {
					t.add(pos, "", "", c.problem, c.hint)
				}
				r.cells = append(r.cells, cell{text: c.text, pos: pos})
			}
			rows = append(rows, r)
		}
		return rows
	}
	if s := roles["deck"]; s != "" {
		for _, r := range rowsOf(s) {
			t.preamble(r, "in the sheet "+s)
		}
	}
	if s := roles["categories"]; s != "" {
		t.categorySheet(rowsOf(s))
	}
	sheet := roles["personas"]
	rows := rowsOf(sheet)
	if failed {
		return nil, t.problems // a sheet that cannot be read says why
	}
	header := -1
	for i, r := range rows {
		texts := make([]string, len(r.cells))
		for j, c := range r.cells {
			texts[j] = c.text
		}
		if isHeader(texts) {
			header = i
			break
		}
	}
	if header < 0 {
		t.add(Pos{Line: 1, Cell: ref(sheet, 0, 1)}, "", "", "no header row naming the columns",
			"the first row must name the columns, such as nom, rôle, pays, texte, conditions (the fields are "+personaNames.list+")")
		return nil, t.problems
	}
	for _, r := range rows[:header] {
		t.preamble(r, "above the header row")
	}
	t.readHeader(rows[header])
	for _, r := range rows[header+1:] {
		t.record(r)
	}
	return &source{root: t.form(fileMeta(name)), dialect: t.dialect}, t.problems
}

// categorySheet reads a sheet of categories: a header row naming id,
// label and color (in English or French), then a category per row.
func (t *table) categorySheet(rows []row) {
	var cols, heads []string
	for _, r := range rows {
		if r.blank() {
			continue
		}
		if cols == nil {
			cols = make([]string, len(r.cells))
			heads = make([]string, len(r.cells)) // the headers as written
			for i, c := range r.cells {
				h := oneLine(c.text)
				if h == "" {
					continue
				}
				c.pos.Header = h
				f, _, ok := categoryNames.lookup(h)
				if !ok {
					hint := "the columns here may be " + categoryNames.list
					if s := categoryNames.suggest(h); s != "" {
						hint = fmt.Sprintf("did you mean %q?", s)
					}
					t.add(c.pos, "", h, "unknown column", hint)
					t.problems.MarkLast(diag.CodeUnknownField)
					continue
				}
				cols[i], heads[i] = f, h
			}
			continue
		}
		c := &value{kind: vMap, pos: r.cells[0].pos}
		for i, cc := range r.cells {
			if i < len(cols) && cols[i] != "" && strings.TrimSpace(cc.text) != "" && c.get(cols[i]) == nil {
				cc.pos.Header = heads[i]
				c.set(cols[i], cc.pos, cc.value())
			}
		}
		t.categories = append(t.categories, c)
	}
}

// columnWidth is how wide a column of a workbook export is, in characters:
// wide enough for its longest line, within reason (longer text wraps).
func columnWidth(cells []string) float64 {
	w := 8
	for _, c := range cells {
		for _, l := range strings.Split(c, "\n") {
			w = max(w, len([]rune(l))+2)
		}
	}
	return float64(min(w, 60))
}
