package deck

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// dialect is how a format speaks of its own syntax in messages: YAML of
// "key: value lines", JSON of objects {…}, a table of cells and columns,
// Markdown of paragraphs. The decoder says every problem of a value the
// same way in every format, in the format's words.
type dialect struct {
	// flat: the values are text as a table's cell or a Markdown file
	// holds it (see form.go), and derived fields may be left out.
	flat bool

	// Tree formats (YAML, JSON).
	describe    func(v *value) string // what a value is: "a list", "the number 42"
	copiesFound func(v *value) string // what a number of copies is, when it is not one
	textOK      func(v *value) bool   // whether v may be read as text
	notText     string                // "expected text"
	notList     string                // "expected a list"
	listHint    string                // how to write a list
	notMap      func(known []string) string
	addField    func(name string, k kind) string // how to add a missing field
	addSection  map[string]string                // how to add a missing deck, categories, personas
	itemsHint   map[string]string                // how to write the items of categories, personas
	emptyItem   string                           // what to do with an empty item

	// Flat formats (tables, Markdown).
	absent     func(name string) (msg, hint string) // a required field left out; "" when the reader said it
	emptyValue func(name, noun string) (msg, hint string)
	noID       string              // what to do when no id can be made from the name
	noCode     func(*value) string // what to do when no code is known for a country's name
}

// decoder turns the common form into a Deck by the schema.
type decoder struct {
	*source
	file     string
	d        *Deck
	problems diag.List
	cats     *categories
}

func (dc *decoder) add(pos Pos, card, field, msg, hint string) {
	dc.problems.Add(problemAt(dc.file, pos, card, field, msg, hint))
}

// problemAt makes a problem at pos, with its spreadsheet cell and the
// header of its column.
func problemAt(file string, pos Pos, card, field, msg, hint string) diag.Problem {
	p := diag.Problem{File: file, Card: card, Field: field, Msg: msg, Hint: hint}
	pos.Fill(&p)
	return p
}

// decode reads the common form into a deck; it returns nil when the form
// has no shape to read at all.
func decode(name string, src *source) (*Deck, diag.List) {
	dc := &decoder{source: src, file: name, d: &Deck{lines: src.lines, separator: src.sep}}
	dc.cats = newCategories(dc.d)
	top, ok := dc.mapping(src.root, "", "", names(topSchema))
	if !ok {
		return nil, dc.problems
	}
	dc.meta(top)
	dc.categories(top)
	dc.personas(top)
	if !dc.flat {
		dc.categoryLabels()
	}
	return dc.d, dc.problems
}

// categoryLabels lets a persona of a YAML or JSON deck name its category by
// its label as well as its id, in any case, with or without accents
// ("Travail du clic", "CLICKWORK"), as tables and --category do.
func (dc *decoder) categoryLabels() {
	for i := range dc.d.Personas {
		ps := &dc.d.Personas[i]
		if ps.Category == "" || dc.d.Category(ps.Category) != nil {
			continue
		}
		if c := dc.d.findCategory(ps.Category); c != nil {
			ps.Category = c.ID
		}
	}
}

var topSchema = []field[struct{}]{{name: "deck"}, {name: "categories"}, {name: "personas"}}

// fields is a mapping's values by key.
type fields struct {
	v        *value
	vals     map[string]*value
	misspelt map[string]bool // known keys an unknown key was taken for a typo of
}

// mapping checks that v is a mapping with only known keys, each once.
func (dc *decoder) mapping(v *value, card, field string, known []string) (fields, bool) {
	if v.kind != vMap {
		dc.add(v.pos, card, field, dc.notMap(known)+", found "+dc.describe(v), "")
		return fields{}, false
	}
	f := fields{v: v, vals: map[string]*value{}, misspelt: map[string]bool{}}
	first := map[string]Pos{}
	for _, k := range v.keys {
		switch _, seen := f.vals[k.name]; {
		case !contains(known, k.name):
			hint := "the fields here are " + strings.Join(known, ", ")
			if s := yamldoc.Suggest(k.name, known); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
				f.misspelt[s] = true
			}
			dc.add(k.pos, card, k.name, "unknown field", hint)
			dc.problems.MarkLast(diag.CodeUnknownField)
		case seen:
			dc.add(k.pos, card, k.name, "given twice (first "+first[k.name].place()+")", "keep one")
		default:
			f.vals[k.name] = k.val
			first[k.name] = k.pos
		}
	}
	return f, true
}

// missing reports a required field that a mapping lacks.
func (dc *decoder) missing(f fields, card, name string, k kind) {
	if f.misspelt[name] {
		return // reported as a typo of it
	}
	if dc.flat {
		if msg, hint := dc.absent(name); msg != "" {
			dc.add(f.v.pos, card, name, msg, hint)
		}
		return
	}
	dc.add(f.v.pos, card, name, "missing", dc.addField(name, k))
	dc.problems.MarkLast(diag.CodeMissingField)
}

// commented reports a value that YAML read as a comment (color: #8A4B14).
func (dc *decoder) commented(v *value, card, name string) bool {
	if v == nil || v.comment == "" {
		return false
	}
	dc.add(v.pos, card, name, yamldoc.CommentMsg, yamldoc.CommentHint(name, v.comment))
	return true
}

// text reads a text field; "" when it is absent or wrong.
func (dc *decoder) text(f fields, card, name string, k kind, req bool, noun string) string {
	v := f.vals[name]
	if dc.commented(v, card, name) {
		return ""
	}
	if v == nil || v.kind == vNull && !req {
		if req {
			dc.missing(f, card, name, k)
		}
		return ""
	}
	if dc.flat {
		s := clean(v, k)
		if s == "" && req {
			msg, hint := dc.emptyValue(name, noun)
			dc.add(v.pos, card, name, msg, hint)
			dc.problems.MarkLast(diag.CodeEmpty)
		}
		return s
	}
	if !dc.textOK(v) {
		dc.add(v.pos, card, name, dc.notText+", found "+dc.describe(v), "")
		return ""
	}
	s := ""
	if v.kind != vNull {
		s = clean(v, k)
	}
	if s == "" && req {
		// A required field: removing it would be wrong too.
		dc.add(v.pos, card, name, "empty", "write "+noun)
		dc.problems.MarkLast(diag.CodeEmpty)
	}
	return s
}

// clean normalises a value's text for its kind.
func clean(v *value, k kind) string {
	if k == kindText {
		return multiLine(v.text)
	}
	return oneLine(v.text)
}

// list reads a list field. It records each item's position in pos.
func (dc *decoder) list(f fields, card, name string, k kind, req bool, noun string, pos map[string]Pos) []string {
	v := f.vals[name]
	if dc.commented(v, card, name) {
		return nil
	}
	if v == nil || v.kind == vNull && !req {
		if req {
			dc.missing(f, card, name, k)
		}
		return nil
	}
	if dc.flat && v.kind == vText {
		var out []string
		if k == kindTags {
			out = splitTags(v.text)
		} else {
			out = dc.splitList(v, name, pos)
		}
		if len(out) == 0 && req {
			msg, hint := dc.emptyValue(name, noun)
			dc.add(v.pos, card, name, msg, hint)
			dc.problems.MarkLast(diag.CodeEmpty)
		}
		return out
	}
	if v.kind == vNull && req {
		dc.add(v.pos, card, name, "empty", "write "+noun+", "+strings.TrimPrefix(dc.listHint, "write "))
		return nil
	}
	if v.kind != vList {
		dc.add(v.pos, card, name, dc.notList+", found "+dc.describe(v), dc.listHint)
		return nil
	}
	if len(v.items) == 0 && req {
		dc.add(v.pos, card, name, "empty list", "write at least one item")
		dc.problems.MarkLast(diag.CodeEmptyList)
	}
	var out []string
	for i, item := range v.items {
		field := fmt.Sprintf("%s[%d]", name, i+1)
		if dc.flat {
			field = fmt.Sprintf("%s[%d]", name, len(out)+1)
		} else {
			pos[field] = item.pos
		}
		if !dc.flat && !dc.textOK(item) {
			dc.add(item.pos, card, field, dc.notText+", found "+dc.describe(item), "")
			continue
		}
		s := ""
		if item.kind != vNull {
			s = oneLine(item.text)
		}
		if s == "" {
			if item.comment != "" {
				dc.add(item.pos, card, field, yamldoc.CommentMsg, fmt.Sprintf("write - %q, in quotes (a # after a space starts a comment)", item.comment))
				continue
			}
			dc.add(item.pos, card, field, "empty item", dc.emptyItem)
			continue
		}
		pos[field] = item.pos
		out = append(out, s)
	}
	return out
}

// splitList splits a cell of conditions: one item per line, or items
// separated by " | " on a single line. Each item's position is recorded.
func (dc *decoder) splitList(v *value, name string, pos map[string]Pos) []string {
	s := strings.ReplaceAll(v.text, "\r\n", "\n")
	type item struct {
		text string
		off  int // byte offset in s
	}
	var items []item
	lines := strings.Split(s, "\n")
	off := 0
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
		out = append(out, t)
		if v.inFile && strings.Contains(v.text, "\r\n") {
			// The offsets are in the text without CR: count lines in it.
			w := *v
			w.text = s
			pos[fmt.Sprintf("%s[%d]", name, len(out))] = w.at(it.off + lead)
		} else {
			pos[fmt.Sprintf("%s[%d]", name, len(out))] = v.at(it.off + lead)
		}
	}
	return out
}

// copies reads a number of copies.
func (dc *decoder) copies(f fields, card, name string) int {
	v := f.vals[name]
	if dc.commented(v, card, name) {
		return 0
	}
	if v == nil || v.kind == vNull {
		return 0
	}
	if dc.flat {
		n, ok := parseCopies(v.text)
		if !ok {
			dc.add(v.pos, card, name, fmt.Sprintf("%s is not a number of copies", diag.Quote(oneLine(v.text))), copiesHint)
			dc.problems.MarkLast(diag.CodeBadCopies)
		}
		return n
	}
	if v.kind == vInt {
		if n, err := strconv.Atoi(v.text); err == nil && n >= 1 && n <= MaxCopies {
			return n
		}
	}
	dc.add(v.pos, card, name, copiesMsg(dc.copiesFound(v)), copiesHint)
	dc.problems.MarkLast(diag.CodeBadCopies)
	return 0
}

// record reads the fields of schema from f into out, and records where
// each value is in pos. Derived fields are left to the caller.
func decodeRecord[T any](dc *decoder, schema []field[T], f fields, card string, out *T, pos map[string]Pos) {
	for key, v := range f.vals {
		if pos != nil {
			pos[key] = v.pos
		}
	}
	for i := range schema {
		fd := &schema[i]
		req := fd.need == required && !(fd.unless != "" && dc.given(f.vals[fd.unless])) && !(dc.flat && fd.derived)
		noun := fd.noun
		if dc.flat && fd.cellNoun != "" {
			noun = fd.cellNoun
		}
		switch fd.kind {
		case kindLine, kindText:
			*fd.str(out) = dc.text(f, card, fd.name, fd.kind, req, noun)
			if fd.normal != nil {
				*fd.str(out) = fd.normal(*fd.str(out))
			}
		case kindColor:
			if s := dc.text(f, card, fd.name, kindLine, req, noun); s != "" {
				rgb, err := ParseRGB(s)
				if err != nil {
					dc.add(f.vals[fd.name].pos, card, fd.name, err.Error(), "")
					dc.problems.MarkLast(diag.CodeBadColour)
				}
				*fd.rgb(out) = rgb
			}
		case kindList, kindTags:
			if pos == nil {
				pos = map[string]Pos{}
			}
			*fd.list(out) = dc.list(f, card, fd.name, fd.kind, req, noun, pos)
		case kindCopies:
			*fd.num(out) = dc.copies(f, card, fd.name)
		}
		if fd.check != nil && *fd.str(out) != "" && !(dc.flat && fd.derived) && fd.kind == kindLine && !isPersona(out) {
			if msg, hint := fd.check(*fd.str(out)); msg != "" {
				dc.add(f.vals[fd.name].pos, card, fd.name, msg, hint)
			}
		}
	}
}

// given reports whether a field is given: present in a tree (an empty
// value there is a problem of its own), present and not blank in a table
// or Markdown, whose cells are there whether filled or not.
func (dc *decoder) given(v *value) bool {
	if v == nil {
		return false
	}
	return !dc.flat || v.kind != vText || strings.TrimSpace(v.text) != ""
}

// isPersona: a persona's values are checked by Check, which decks built
// in code go through too.
func isPersona(v any) bool {
	_, ok := v.(*Persona)
	return ok
}

func (dc *decoder) meta(top fields) {
	v := top.vals["deck"]
	if v == nil {
		dc.add(top.v.pos, "", "deck", "missing", dc.addSection["deck"])
		return
	}
	f, ok := dc.mapping(v, "", "deck", names(deckSchema))
	if !ok {
		return
	}
	pos := map[string]Pos{}
	decodeRecord(dc, deckSchema, f, "", dc.d, pos)
	dc.d.Fields = map[string]Pos{}
	for k, p := range pos {
		if p.Line > 0 {
			dc.d.Fields[k] = p
		}
	}
}

func (dc *decoder) categories(top fields) {
	v := top.vals["categories"]
	switch {
	case v == nil && dc.flat:
		return
	case v == nil:
		dc.add(top.v.pos, "", "categories", "missing", dc.addSection["categories"])
		return
	case v.kind != vList:
		dc.add(v.pos, "", "categories", dc.notList+", found "+dc.describe(v), dc.itemsHint["categories"])
		return
	case len(v.items) == 0 && !dc.flat:
		dc.add(v.pos, "", "categories", "empty list", "add at least one category with id, label and color")
	}
	for _, item := range v.items {
		f, ok := dc.mapping(item, "", "", names(categorySchema))
		if !ok {
			continue
		}
		if dc.flat {
			// Any of id, label and colour may be left out: a built-in
			// category fills in what is missing, the palette a colour.
			get := func(k string) string {
				if v := f.vals[k]; v != nil {
					return oneLine(v.text)
				}
				return ""
			}
			where := map[string]Pos{}
			for k, v := range f.vals {
				where[k] = v.pos
			}
			if field, msg, hint := dc.cats.define(get("id"), get("label"), get("color"), item.pos, where); msg != "" {
				pos := item.pos
				if p, ok := where[field]; ok {
					pos = p
				}
				dc.add(pos, "", field, msg, hint)
			}
			continue
		}
		c := Category{Pos: item.pos, Fields: map[string]Pos{}}
		decodeRecord(dc, categorySchema, f, "", &c, c.Fields)
		if prev := dc.d.Category(c.ID); prev != nil && c.ID != "" {
			dc.add(f.vals["id"].pos, "", "id", fmt.Sprintf("category %s is defined twice (first %s)", diag.Quote(c.ID), prev.Pos.place()), "give each category its own id")
			continue
		}
		if !dc.cats.insert(c) {
			dc.add(item.pos, "", "categories", fmt.Sprintf("more than the %d categories a deck may have", MaxCategories),
				"categories group personas under a few colours: group them under fewer")
			return
		}
	}
}

func (dc *decoder) personas(top fields) {
	v := top.vals["personas"]
	switch {
	case v == nil:
		dc.add(top.v.pos, "", "personas", "missing", dc.addSection["personas"])
		return
	case v.kind != vList:
		dc.add(v.pos, "", "personas", dc.notList+", found "+dc.describe(v), dc.itemsHint["personas"])
		return
	}
	for i, item := range v.items {
		if i == MaxPersonas {
			dc.add(item.pos, "", "personas", fmt.Sprintf("%s personas, more than the %s a deck may have: this is the first one too many",
				diag.Count(len(v.items)), diag.Count(MaxPersonas)), "split the deck into several files")
			return
		}
		card := ""
		if id := item.get("id"); id != nil && id.kind != vNull && (dc.flat || dc.textOK(id)) {
			card = oneLine(id.text)
		}
		if dc.flat && card == "" {
			if n := item.get("name"); n != nil {
				card = Slug(oneLine(n.text))
			}
		}
		f, ok := dc.mapping(item, card, "", names(personaSchema))
		if !ok {
			continue
		}
		ps := Persona{Pos: item.pos, Fields: map[string]Pos{}}
		decodeRecord(dc, personaSchema, f, card, &ps, ps.Fields)
		if dc.flat {
			dc.derive(f, &ps)
		}
		dc.d.Personas = append(dc.d.Personas, ps)
	}
}

// derive fills in what a table or a Markdown file may leave out: the id
// from the name, the country's code from its name, the category from its
// name (or the default one).
func (dc *decoder) derive(f fields, ps *Persona) {
	if ps.ID == "" {
		ps.ID = Slug(ps.Name)
		if dc.d.madeIDs == nil {
			dc.d.madeIDs = map[Pos]Pos{}
		}
		var idCell Pos // the id's empty cell, when the table has an id column
		if v := f.vals["id"]; v != nil {
			idCell = v.pos
		}
		dc.d.madeIDs[ps.Pos] = idCell
		if v := f.vals["name"]; v != nil {
			ps.Fields["id"] = v.pos
		}
		if ps.ID == "" && ps.Name != "" {
			dc.add(ps.Where("name"), "", "id", fmt.Sprintf("no id can be made from the name %s", diag.Quote(ps.Name)), dc.noID)
		}
	}
	card := ps.ID
	if code := f.vals["country_code"]; ps.Country == "" && ps.CountryCode == "" && f.vals["country"] == nil && code != nil {
		// No country column, and the code's cell is empty: the code is
		// the only place the country can be.
		msg, hint := dc.emptyValue("country_code", "the country's two-letter ISO code (such as FR, CD, KR), or its name in a column \"pays\"")
		dc.add(code.pos, card, "country_code", msg, hint)
		dc.problems.MarkLast(diag.CodeEmpty)
	}
	if ps.CountryCode == "" && ps.Country != "" {
		ps.CountryCode = CountryCode(ps.Country)
		ps.Fields["country_code"] = ps.Where("country")
		switch which := CountryAmbiguity(ps.Country); {
		case ps.CountryCode != "":
		case which != "":
			dc.add(ps.Where("country"), card, "country_code", fmt.Sprintf("%s names more than one country: %s", diag.Quote(ps.Country), which), dc.noCode(f.vals["country_code"]))
			dc.problems.MarkLast(diag.CodeAmbiguousCountry)
		default:
			dc.add(ps.Where("country"), card, "country_code", fmt.Sprintf("no country code known for %s", diag.Quote(ps.Country)), dc.noCode(f.vals["country_code"]))
			dc.problems.MarkLast(diag.CodeUnknownCountry)
		}
	}
	pos := ps.Pos
	if v := f.vals["category"]; v != nil {
		pos = v.pos
	}
	name := ps.Category
	if ps.Category = dc.cats.resolve(name, pos, &dc.problems, dc.file); ps.Category == "" && !dc.cats.over {
		dc.add(pos, card, "category", fmt.Sprintf("%s cannot name a category", diag.Quote(name)), "write a word, such as extraction")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
