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
	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// requiredColumns are the columns a CSV dataset must have.
var requiredColumns = []string{"name", "role", "country", "text", "conditions"}

// csvFile is a CSV dataset being read.
type csvFile struct {
	name     string
	lines    []string // the decoded text's lines, without line ends
	problems diag.List
	d        *Deck
	cats     categories
}

func (c *csvFile) add(pos Pos, card, field, msg, hint string) {
	c.problems.Add(diag.Problem{File: c.name, Line: pos.Line, Column: pos.Column, Card: card, Field: field, Msg: msg, Hint: hint})
}

// column returns a spreadsheet's name for the column at index i: A, B, …, Z, AA, …
func column(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// decodeCSV returns data as UTF-8 text: as it is when it is UTF-8, decoded
// from Windows-1252 (what Excel writes in western European locales) when
// it is not.
func decodeCSV(name string, data []byte) (string, *diag.Problem) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		li := newLineIndex(data)
		return "", &diag.Problem{File: name, Line: li.pos(i).Line,
			Msg:  "the file holds NUL bytes: it is probably UTF-16 (\"Unicode text\")",
			Hint: "in the spreadsheet, save as \"CSV UTF-8\" or \"CSV (separator: semicolon)\""}
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	text, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", &diag.Problem{File: name, Msg: "the file is neither UTF-8 nor Windows-1252 text", Hint: "save it as \"CSV UTF-8\""}
	}
	// Bytes that Windows-1252 leaves undefined decode to U+FFFD: the file
	// is in some other encoding.
	if i := bytes.IndexRune(text, utf8.RuneError); i >= 0 {
		pos := newLineIndex(text).pos(i)
		return "", &diag.Problem{File: name, Line: pos.Line, Column: pos.Column,
			Msg:  "the file is neither UTF-8 nor Windows-1252 text",
			Hint: "save it as \"CSV UTF-8\""}
	}
	return string(text), nil
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
			if f, _, ok := lookupField(flatFields, cell); ok {
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

// runeCol converts a 1-based byte column of line to a 1-based column in characters.
func (c *csvFile) runeCol(line, byteCol int) int {
	if line < 1 || line > len(c.lines) {
		return byteCol
	}
	l := c.lines[line-1]
	if byteCol-1 > len(l) {
		return utf8.RuneCountInString(l) + 1
	}
	return utf8.RuneCountInString(l[:max(byteCol-1, 0)]) + 1
}

// parseCSV reads a CSV dataset as spreadsheets export it.
func parseCSV(name string, data []byte) (*Deck, diag.List) {
	c := &csvFile{name: name}
	text, p := decodeCSV(name, data)
	if p != nil {
		c.problems.Add(*p)
		return nil, c.problems
	}
	if !strings.Contains(text, "\n") && strings.Contains(text, "\r") {
		text = strings.ReplaceAll(text, "\r", "\n") // old Mac line ends
	}
	c.lines = strings.Split(text, "\n")
	for i, l := range c.lines {
		c.lines[i] = strings.TrimSuffix(l, "\r")
	}
	if strings.TrimSpace(text) == "" {
		c.add(Pos{}, "", "", "the file is empty", "start from cardgen export --format csv")
		return nil, c.problems
	}
	headerLine, sep, ok := findHeader(c.lines)
	if !ok {
		c.add(Pos{Line: 1}, "", "", "no header row naming the columns",
			"the first row must name the columns, such as nom;rôle;pays;texte;conditions (the fields are "+fieldNames(flatFields)+")")
		return nil, c.problems
	}

	title, lang := fileMeta(name)
	c.d = &Deck{lines: c.lines, cells: map[Pos]string{}}
	c.cats = categories{d: c.d}
	var meta struct{ title, language, author *string }

	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	var (
		header  []csvColumn
		vote    languageVote
		row     int // the spreadsheet's row number of the current record
		prevEnd int // the line where the previous record ended
	)
	unnamed := map[int]bool{} // columns without header already reported
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if errors.Is(pe.Err, csv.ErrQuote) && pe.Line != pe.StartLine {
				c.add(Pos{Line: pe.StartLine}, "", "", fmt.Sprintf("CSV syntax: a cell opened with \" in this row is never closed (it runs to line %d)", pe.Line),
					"end the cell with \"; inside a cell, write each \" twice (\"\")")
			} else {
				c.add(Pos{pe.Line, c.runeCol(pe.Line, pe.Column)}, "", "", "CSV syntax: "+pe.Err.Error(), csvSyntaxHint(pe.Err))
			}
			prevEnd = pe.Line
			row++
			continue
		}
		if err != nil {
			c.add(Pos{}, "", "", "CSV: "+err.Error(), "")
			break
		}
		start, _ := r.FieldPos(0)
		lastLine, _ := r.FieldPos(len(rec) - 1)
		row += start - prevEnd // blank lines are rows of the spreadsheet too
		prevEnd = lastLine + strings.Count(rec[len(rec)-1], "\n")
		cell := func(i int) csvCell {
			line, col := r.FieldPos(i)
			quoted := line >= 1 && line <= len(c.lines) && col >= 1 && col-1 < len(c.lines[line-1]) && c.lines[line-1][col-1] == '"'
			cc := csvCell{value: rec[i], pos: Pos{line, c.runeCol(line, col)}, ref: column(i) + fmt.Sprint(row), quoted: quoted}
			c.d.cells[cc.pos] = cc.ref
			return cc
		}
		switch {
		case start-1 < headerLine:
			c.preamble(rec, cell, &meta)
		case start-1 == headerLine:
			header = c.header(rec, cell, &vote)
		default:
			end := Pos{Line: prevEnd}
			c.record(rec, cell, func(i int) csvCell {
				// A cell the row lacks (a short row): it is empty.
				return csvCell{pos: end, ref: column(i) + fmt.Sprint(row), missing: true}
			}, header, unnamed)
		}
	}
	if header == nil {
		if len(c.problems) == 0 {
			c.add(Pos{Line: headerLine + 1}, "", "", "the header row is inside a quoted cell", "close the quotes of the rows above it")
		}
		return nil, c.problems
	}

	d := c.d
	d.Title, d.Language = title, "fr"
	switch {
	case meta.language != nil:
		d.Language = *meta.language
	case lang != "":
		d.Language = lang
	case vote.result() != "":
		d.Language = vote.result()
	}
	if meta.title != nil {
		d.Title = *meta.title
	}
	if meta.author != nil {
		d.Author = *meta.author
	}
	return d, c.problems
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

// csvCell is a cell with its position: line and column in the file, and
// its reference in a spreadsheet (such as F5).
type csvCell struct {
	value   string
	pos     Pos
	ref     string
	quoted  bool
	missing bool // beyond the end of a short row
}

// addCell adds a problem about a cell. Problems at a cell's position get
// its reference when the deck is read; a cell missing from a short row has
// no position of its own, so its reference goes in now.
func (c *csvFile) addCell(cc csvCell, card, field, msg, hint string) {
	if cc.missing {
		msg = "cell " + cc.ref + ": " + msg
	}
	c.add(cc.pos, card, field, msg, hint)
}

// csvColumn is a header cell: the field it names ("" for an unknown or
// empty one) and the header as written.
type csvColumn struct {
	field  string
	header string
}

// preamble reads a row above the header: deck metadata or a category.
func (c *csvFile) preamble(rec []string, cell func(int) csvCell, meta *struct{ title, language, author *string }) {
	if blank(rec) {
		return
	}
	key := cell(0)
	value := func(i int) string {
		if i < len(rec) {
			return oneLine(rec[i])
		}
		return ""
	}
	if k := keyFold(key.value); k == "categorie" || k == "category" {
		var p csvCell
		if len(rec) > 1 {
			p = cell(1)
		} else {
			p = key
		}
		if field, msg, hint := c.cats.define(value(1), value(2), value(3), p.pos); msg != "" {
			c.add(p.pos, "", field, msg, hint)
		}
		return
	}
	field, _, ok := lookupField(metaFields, key.value)
	if !ok {
		c.add(key.pos, "", "", fmt.Sprintf("%q above the header row is not understood", oneLine(key.value)),
			"above the header row, only these rows may come: titre;…, langue;…, auteur;… and catégorie;id;label;#RRGGBB")
		return
	}
	v := value(1)
	if v == "" && field != "author" {
		p := key
		if len(rec) > 1 {
			p = cell(1)
		}
		c.add(p.pos, "", field, "empty", "write the "+field+" in the cell after "+strings.TrimSpace(key.value)+", or remove the row")
		return
	}
	switch field {
	case "title":
		meta.title = &v
		if c.d.Fields == nil {
			c.d.Fields = map[string]Pos{}
		}
		c.d.Fields["title"] = cell(1).pos // the title is given: not the file's name
	case "language":
		if _, err := language.Parse(v); err != nil {
			p := key
			if len(rec) > 1 {
				p = cell(1)
			}
			c.add(p.pos, "", "language", fmt.Sprintf("%q is not a language tag", v), "write fr, en, fr-CA, …")
		}
		meta.language = &v
	case "author":
		meta.author = &v
	}
}

// header reads the header row.
func (c *csvFile) header(rec []string, cell func(int) csvCell, vote *languageVote) []csvColumn {
	cols := make([]csvColumn, len(rec))
	seen := map[string]csvCell{}
	misspelt := map[string]bool{}
	for i, h := range rec {
		h = oneLine(h)
		cols[i].header = h
		if h == "" {
			continue
		}
		hc := cell(i)
		field, lang, ok := lookupField(flatFields, h)
		if !ok {
			hint := "the columns may be " + fieldNames(flatFields)
			if s := suggestField(flatFields, h); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
				f, _, _ := lookupField(flatFields, s)
				misspelt[f] = true
			}
			c.add(hc.pos, "", h, "unknown column", hint)
			continue
		}
		vote.add(lang)
		if first, dup := seen[field]; dup {
			c.add(hc.pos, "", field, fmt.Sprintf("a second column for %s (the first is %s)", field, first.ref), "keep one")
			continue
		}
		seen[field] = hc
		cols[i].field = field
	}
	for _, f := range requiredColumns {
		if _, ok := seen[f]; !ok && !misspelt[f] {
			c.add(Pos{Line: cell(0).pos.Line}, "", f, "missing column", "add a column named "+namesOf(f))
		}
	}
	return cols
}

// namesOf returns a field's names for a hint: "\"rôle\" (or \"métier\", \"role\")".
func namesOf(field string) string {
	for _, f := range flatFields {
		if f.name == field {
			if len(f.french) == 0 {
				return fmt.Sprintf("%q", f.name)
			}
			var others []string
			for _, n := range f.french[1:] {
				others = append(others, fmt.Sprintf("%q", n))
			}
			others = append(others, fmt.Sprintf("%q", f.name))
			return fmt.Sprintf("%q (or %s)", f.french[0], strings.Join(others, ", "))
		}
	}
	return fmt.Sprintf("%q", field)
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// record reads a persona's row.
func (c *csvFile) record(rec []string, cell, missing func(int) csvCell, header []csvColumn, unnamed map[int]bool) {
	if header == nil || blank(rec) {
		return
	}
	cells := map[string]csvCell{}
	for i := len(rec); i < len(header); i++ {
		if header[i].field != "" {
			cells[header[i].field] = missing(i)
		}
	}
	for i, v := range rec {
		if i >= len(header) || header[i].header == "" {
			if strings.TrimSpace(v) != "" && !unnamed[i] {
				unnamed[i] = true
				cc := cell(i)
				c.add(cc.pos, "", "", "text in a column without a header", "name the column in the header row, or empty it")
			}
			continue
		}
		if header[i].field != "" {
			cells[header[i].field] = cell(i)
		}
	}
	first := cell(0)
	ps := Persona{Pos: first.pos, Fields: map[string]Pos{}}
	for f, cc := range cells {
		ps.Fields[f] = cc.pos
	}
	get := func(f string) string { return yamldoc.Clean(cells[f].value) }
	ps.Name = get("name")
	ps.ID = get("id")
	if ps.ID == "" {
		ps.ID = Slug(ps.Name)
		if p, ok := cells["name"]; ok {
			ps.Fields["id"] = p.pos
		}
	}
	card := ps.ID
	required := func(f, what string) string {
		v := get(f)
		if cc, ok := cells[f]; ok && v == "" {
			c.addCell(cc, card, f, "empty", "write "+what)
		}
		return v
	}
	if ps.Name == "" && ps.ID == "" {
		if cc, ok := cells["name"]; ok {
			c.addCell(cc, "", "name", "empty", "write the persona's name")
		}
	} else if ps.Name == "" {
		required("name", "the persona's name")
	}
	if ps.ID == "" && ps.Name != "" {
		c.addCell(cells["name"], "", "id", fmt.Sprintf("no id can be made from the name %q", ps.Name), "add a column \"identifiant\" with an id of lowercase letters, digits and hyphens")
	}
	ps.Role = required("role", "the persona's role")
	ps.Country = required("country", "the country")
	ps.Text = required("text", "the persona's text")
	ps.Impact = get("impact")
	ps.Image = get("image")

	ps.CountryCode = get("country_code")
	if ps.CountryCode == "" && ps.Country != "" {
		ps.CountryCode = CountryCode(ps.Country)
		cc := cells["country"]
		ps.Fields["country_code"] = cc.pos
		if ps.CountryCode == "" {
			hint := "add a column \"code_pays\" with the country's two-letter ISO code (such as FR, CD, KR)"
			if code, ok := cells["country_code"]; ok {
				hint = fmt.Sprintf("write the country's two-letter ISO code (such as FR, CD, KR) in cell %s", code.ref)
			}
			c.addCell(cc, card, "country_code", fmt.Sprintf("no country code known for %q", ps.Country), hint)
		}
	}

	cat := cells["category"]
	if _, ok := cells["category"]; !ok {
		cat.pos = first.pos
	}
	ps.Category = c.cats.resolve(oneLine(cat.value), cat.pos)
	if ps.Category == "" {
		c.add(cat.pos, card, "category", fmt.Sprintf("%q cannot name a category", oneLine(cat.value)), "write a word, such as extraction")
	}

	if cc, ok := cells["conditions"]; ok {
		ps.Conditions = c.conditions(cc, &ps)
		if len(ps.Conditions) == 0 {
			c.addCell(cc, card, "conditions", "empty", "write the conditions, one per line in the cell (Alt+Enter in a spreadsheet)")
		}
	}
	if cc, ok := cells["copies"]; ok {
		n, ok := parseCopies(cc.value)
		if !ok {
			c.addCell(cc, card, "copies", fmt.Sprintf("%q is not a number of copies", oneLine(cc.value)), copiesHint)
		}
		if ok {
			ps.Copies = n
		}
	}
	if cc, ok := cells["tags"]; ok {
		ps.Tags = splitTags(cc.value)
	}
	c.d.Personas = append(c.d.Personas, ps)
}

// conditions splits a conditions cell: one item per line, or items
// separated by " | " on a single line. Each item's position is recorded.
func (c *csvFile) conditions(cc csvCell, ps *Persona) []string {
	v := strings.ReplaceAll(cc.value, "\r\n", "\n")
	type item struct {
		text string
		off  int // byte offset in v
	}
	var items []item
	off := 0
	lines := strings.Split(v, "\n")
	for _, l := range lines {
		if len(lines) == 1 && strings.Contains(l, " | ") {
			o := off
			for _, part := range strings.Split(l, " | ") {
				items = append(items, item{part, o})
				o += len(part) + len(" | ")
			}
		} else {
			items = append(items, item{l, off})
		}
		off += len(l) + 1
	}
	var out []string
	for _, it := range items {
		t := oneLine(it.text)
		if t == "" {
			continue
		}
		lead := len(it.text) - len(strings.TrimLeft(it.text, " \t"))
		before := v[:it.off+lead]
		pos := cc.pos
		if n := strings.Count(before, "\n"); n > 0 {
			pos.Line += n
			pos.Column = utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
		} else {
			pos.Column += utf8.RuneCountInString(before)
			if cc.quoted {
				pos.Column++
			}
		}
		out = append(out, t)
		ps.Fields[fmt.Sprintf("conditions[%d]", len(out))] = pos
		c.d.cells[pos] = cc.ref
	}
	return out
}

// define adds a category that a CSV row or a Markdown list declares, from
// its id, label and colour, any of which may be empty: a built-in category
// fills in what is missing, and the palette gives a colour. It returns the
// field and the message of a problem, if any.
func (cs categories) define(id, label, color string, pos Pos) (field, msg, hint string) {
	if id == "" && label == "" {
		return "id", "a category needs an id or a label", "write catégorie;id;label;#RRGGBB"
	}
	var base *Category
	for _, b := range BuiltinCategories() {
		if id != "" && b.ID == id || id == "" && matches(b, label) {
			base = &b
			break
		}
	}
	c := Category{ID: id, Label: label, Pos: pos}
	if c.ID == "" {
		c.ID = Slug(label)
		if base != nil {
			c.ID = base.ID
		}
	}
	if !IsSlug(c.ID) {
		return "id", fmt.Sprintf("%q is not a valid category id", c.ID), fmt.Sprintf("use lowercase letters, digits and hyphens, such as %q", Slug(c.ID))
	}
	if prev := cs.d.Category(c.ID); prev != nil {
		return "id", fmt.Sprintf("category %q is defined twice (first on line %d)", c.ID, prev.Pos.Line), "give each category its own id"
	}
	if c.Label == "" {
		c.Label = c.ID
		if base != nil {
			c.Label = base.Label
		}
	}
	switch {
	case color != "":
		rgb, err := ParseRGB(color)
		if err != nil {
			return "color", err.Error(), ""
		}
		c.Color = rgb
	case base != nil:
		c.Color = base.Color
	default:
		c.Color = cs.nextColor()
	}
	cs.d.Categories = append(cs.d.Categories, c)
	return "", "", ""
}
