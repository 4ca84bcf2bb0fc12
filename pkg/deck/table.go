package deck

import (
	"fmt"
	"strings"

	"github.com/cardgen/cardgen/pkg/diag"
)

// Tables: what CSV files and workbooks (.xlsx, .ods) share. Each gives
// its rows of cells; a table turns them into the common form, the same
// way for all three:
//
//   - rows above the header (the preamble) give the deck's title, language
//     and author, and declare categories: "titre | …", "catégorie | id |
//     label | #RRGGBB";
//   - the header row names the columns, in English or French, in any
//     order;
//   - every row below it is a persona.
//
// A workbook may also have a "deck" sheet of such key rows and a
// "categories" sheet of categories under their own header (see xlsx.go).

// cell is a table's cell as its reader found it.
type cell struct {
	text string
	pos  Pos // its line and column in a CSV file, or row and column in a sheet; and its reference
	// inFile: the text stands in the file as it is from pos on (CSV), so
	// that each of its lines can be located; quoted: after a double quote.
	inFile, quoted bool
}

func (c cell) value() *value {
	return &value{kind: vText, text: c.text, pos: c.pos, inFile: c.inFile, quoted: c.quoted}
}

// row is a table's row.
type row struct {
	cells []cell
	// missing returns the place of a cell beyond the end of a short row.
	missing func(col int) Pos
}

func (r row) blank() bool {
	for _, c := range r.cells {
		if strings.TrimSpace(c.text) != "" {
			return false
		}
	}
	return true
}

// column returns a spreadsheet's name for the column at index i: A, B, …, Z, AA, …
func column(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// tableColumn is a header cell: the field it names ("" for an unknown or
// empty one) and the header as written.
type tableColumn struct {
	field  string
	header string
}

// table builds the common form from a table's rows.
type table struct {
	name     string
	problems diag.List
	dialect  *dialect

	meta       map[string]*value // title, language, author given above the header or in a deck sheet
	categories []*value
	personas   []*value

	header  []tableColumn
	vote    languageVote
	unnamed map[int]bool // columns without header already reported
	// keyRows says which key rows may come above the header, as the
	// format shows cells.
	keyRows string
	// sep is a CSV file's separator (0 for a workbook): a row with more
	// cells than the header may be a text holding it.
	sep rune
}

func newTable(name string) *table {
	return &table{name: name, meta: map[string]*value{}, unnamed: map[int]bool{}, dialect: tableDialect,
		keyRows: "titre;…, langue;…, auteur;… and catégorie;id;label;#RRGGBB"}
}

func (t *table) add(pos Pos, card, field, msg, hint string) {
	t.problems.Add(problemAt(t.name, pos, card, field, msg, hint))
}

var tableDialect = &dialect{
	flat: true,
	absent: func(string) (string, string) {
		return "", "" // a missing column is reported at the header
	},
	emptyValue: func(name, noun string) (string, string) { return "empty", "write " + noun },
	emptyItem:  "remove the line or write the item",
	noID:       "add a column \"identifiant\" with an id of lowercase letters, digits and hyphens",
	noCode: func(code *value) string {
		if code != nil {
			return fmt.Sprintf("write the country's two-letter ISO code (such as FR, CD, KR) in cell %s", code.pos.Cell)
		}
		return "add a column \"code_pays\" with the country's two-letter ISO code (such as FR, CD, KR)"
	},
}

// isHeader reports whether cells name at least three different persona
// fields: the header row.
func isHeader(cells []string) bool {
	seen := map[string]bool{}
	for _, c := range cells {
		if f, _, ok := personaNames.lookup(c); ok {
			if seen[f] = true; len(seen) >= 3 {
				return true
			}
		}
	}
	return false
}

// preamble reads a row above the header, or of a deck sheet: deck
// metadata or a category.
func (t *table) preamble(r row, where string) {
	if r.blank() {
		return
	}
	key := r.cells[0]
	val := func(i int) string {
		if i < len(r.cells) {
			return oneLine(r.cells[i].text)
		}
		return ""
	}
	next := key // the cell after the key, where the value is
	if len(r.cells) > 1 {
		next = r.cells[1]
	}
	if k := keyFold(key.text); k == "categorie" || k == "category" {
		c := &value{kind: vMap, pos: next.pos}
		for i, f := range []string{"id", "label", "color"} {
			if v := val(i + 1); v != "" {
				c.set(f, r.cells[i+1].pos, textAt(v, r.cells[i+1].pos))
			}
		}
		t.categories = append(t.categories, c)
		return
	}
	field, _, ok := metaNames.lookup(key.text)
	if !ok {
		t.add(key.pos, "", "", fmt.Sprintf("%s %s is not understood", diag.Quote(oneLine(key.text)), where),
			where+", only these rows may come: "+t.keyRows)
		return
	}
	v := val(1)
	if v == "" && field != "author" {
		t.add(next.pos, "", field, "empty", "write the "+field+" in the cell after "+strings.TrimSpace(key.text)+", or remove the row")
		t.problems.MarkLast(diag.CodeEmpty)
		return
	}
	if prev := t.meta[field]; prev != nil {
		t.add(key.pos, "", field, fmt.Sprintf("given twice (first in cell %s)", prev.pos.Cell), "keep one")
		return
	}
	t.meta[field] = textAt(v, next.pos)
}

// readHeader reads the header row.
func (t *table) readHeader(r row) {
	cols := make([]tableColumn, len(r.cells))
	seen := map[string]cell{}
	misspelt := map[string]bool{}
	// The header row itself, for a column it lacks: its line, or the row
	// of a sheet ("personas!1:1").
	line := Pos{Line: r.cells[0].pos.Line}
	ref := r.cells[0].pos.Cell
	if i := strings.IndexByte(ref, '!'); i >= 0 {
		line.Cell = fmt.Sprintf("%s!%d:%d", ref[:i], line.Line, line.Line)
	} else if n := strings.TrimLeft(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"); n != "" {
		line.Cell = n + ":" + n // the row, as a spreadsheet names it: 1:1
	}
	unknown := 0
	// The columns cardgen knows are listed once, in the hint of the first
	// unknown column without a likely meaning; the others point there.
	listedAt := ""
	columns := func(at Pos) string {
		if listedAt != "" {
			return "see the columns cardgen knows, listed for " + listedAt
		}
		listedAt = "cell " + cellName(at.Cell)
		if at.Cell == "" {
			listedAt = fmt.Sprintf("line %d", at.Line)
		}
		return "the columns may be " + personaNames.list
	}
	for i, c := range r.cells {
		h := oneLine(c.text)
		cols[i].header = h
		if h == "" {
			continue
		}
		c.pos.Header = h // a header's problems name it as written
		field, lang, ok := personaNames.lookup(h)
		if !ok && unknown == maxStray {
			unknown++
			t.add(c.pos, "", "", fmt.Sprintf("and %s more columns with headers cardgen does not know", diag.Count(len(r.cells)-i)),
				columns(c.pos))
			continue
		}
		if !ok && unknown > maxStray {
			continue
		}
		if !ok {
			unknown++
			var hint string
			if s := personaNames.suggest(h); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
				f, _, _ := personaNames.lookup(s)
				misspelt[f] = true
			} else {
				hint = columns(c.pos)
			}
			t.add(c.pos, "", h, "unknown column", hint)
			t.problems.MarkLast(diag.CodeUnknownField)
			continue
		}
		t.vote.add(lang)
		if first, dup := seen[field]; dup {
			t.add(c.pos, "", field, fmt.Sprintf("a second column for the same field as %s (%s)", cellName(first.pos.Cell), diag.Quote(first.pos.Header)), "keep one")
			continue
		}
		seen[field] = c
		cols[i].field = field
	}
	for _, f := range personaSchema {
		if _, ok := seen[f.name]; !ok && f.need == required && !f.derived && !misspelt[f.name] && !t.hasColumn(seen, f.unless) {
			t.add(line, "", f.name, "missing column", "add a column named "+personaNames.namesOf(f.name))
			t.problems.MarkLast(diag.CodeMissingField)
		}
	}
	t.header = cols
}

// hasColumn reports whether the header has a column for field (the
// field that makes a missing one optional: a country's code).
func (t *table) hasColumn(seen map[string]cell, field string) bool {
	_, ok := seen[field]
	return field != "" && ok
}

// maxStray is how many unknown or unnamed columns a table reports one by
// one; past it, one problem says how many more there are.
const maxStray = 10

// cellName is a cell's reference without its sheet.
func cellName(ref string) string { return ref[strings.IndexByte(ref, '!')+1:] }

// record reads a persona's row.
func (t *table) record(r row) {
	if t.header == nil || r.blank() {
		return
	}
	p := &value{kind: vMap, pos: r.cells[0].pos}
	stray := 0 // cells of this row in columns without a header, reported
	for i, c := range r.cells {
		if i >= len(t.header) || t.header[i].header == "" {
			if strings.TrimSpace(c.text) == "" || t.unnamed[i] {
				continue
			}
			if stray++; stray > maxStray {
				more := 0
				for _, c := range r.cells[i:] {
					if strings.TrimSpace(c.text) != "" {
						more++
					}
				}
				t.add(c.pos, "", "", fmt.Sprintf("and %s more cells of this row in columns without a header", diag.Count(more)),
					"name the columns in the header row, or empty them")
				break
			}
			t.unnamed[i] = true
			hint := "name the column in the header row, or empty it"
			if i >= len(t.header) && t.sep != 0 {
				// A teacher typing "…; …" in a text, in a file written by
				// hand: the row is cut at the separator.
				hint = fmt.Sprintf("if a text of this row holds a %s, the row was cut there: put that cell in double quotes (\"…%c …\"), or save the file again from the spreadsheet; otherwise name the column in the header row, or empty it",
					diag.Quote(string(t.sep)), t.sep)
			}
			t.add(c.pos, "", "", "text in a column without a header", hint)
			continue
		}
		if f := t.header[i].field; f != "" {
			c.pos.Header = t.header[i].header // the value's messages name its column so
			p.set(f, c.pos, c.value())
		}
	}
	for i := len(r.cells); i < len(t.header); i++ {
		if f := t.header[i].field; f != "" {
			pos := r.missing(i)
			pos.Header = t.header[i].header
			p.set(f, pos, textAt("", pos))
		}
	}
	t.personas = append(t.personas, p)
}

// form returns the common form of the table. title and lang are what the
// file's name says (fileMeta).
func (t *table) form(title, lang string) *value {
	meta := &value{kind: vMap}
	if t.meta["title"] == nil {
		t.meta["title"] = textAt(title, Pos{})
	}
	if t.meta["language"] == nil {
		l := "fr"
		switch {
		case lang != "":
			l = lang
		case t.vote.result() != "":
			l = t.vote.result()
		}
		t.meta["language"] = textAt(l, Pos{})
	}
	for _, f := range deckSchema {
		if v := t.meta[f.name]; v != nil {
			meta.set(f.name, v.pos, v)
		}
	}
	root := &value{kind: vMap}
	root.set("deck", Pos{}, meta)
	root.set("categories", Pos{}, &value{kind: vList, items: t.categories})
	root.set("personas", Pos{}, &value{kind: vList, items: t.personas})
	return root
}
