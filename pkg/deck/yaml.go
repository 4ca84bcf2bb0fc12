package deck

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// The schema's field names, in the order a hand-written file has them.
var (
	topFields      = []string{"deck", "categories", "personas"}
	deckFields     = []string{"title", "language", "author"}
	categoryFields = []string{"id", "label", "color"}
	personaFields  = []string{"id", "name", "role", "country", "country_code", "category", "text", "conditions", "impact", "image", "copies", "tags"}
)

// parseYAML reads a YAML dataset. It returns nil when the file's structure
// cannot be read at all.
func parseYAML(name string, data []byte) (*Deck, diag.List) {
	r := &yamldoc.Reader{File: name}
	doc := r.Parse(data, "start from cardgen export --format yaml")
	if doc == nil {
		return nil, r.Problems
	}
	top, ok := r.Mapping(doc, "", topFields)
	if !ok {
		return nil, r.Problems
	}
	d := &Deck{lines: strings.Split(string(data), "\n")}
	readMeta(r, d, top)
	readCategories(r, d, top)
	readPersonas(r, d, top)
	return d, r.Problems
}

func readMeta(r *yamldoc.Reader, d *Deck, top yamldoc.Fields) {
	n := top.Get("deck")
	if n == nil {
		r.Add(top.Node, "", "deck", "missing", "add deck: with title: and language:")
		return
	}
	f, ok := r.Mapping(n, "", deckFields)
	if !ok {
		return
	}
	d.Fields = map[string]Pos{}
	for key, v := range f.Values {
		d.Fields[key] = Pos{v.Line, v.Column}
	}
	d.Title = r.Text(f, "title", "", true)
	d.Language = r.Text(f, "language", "", true)
	d.Author = r.Text(f, "author", "", false)
	if d.Language != "" {
		if _, err := language.Parse(d.Language); err != nil {
			r.Add(f.Get("language"), "", "language", fmt.Sprintf("%q is not a language tag", d.Language), "write fr, en, fr-CA, …")
		}
	}
}

func readCategories(r *yamldoc.Reader, d *Deck, top yamldoc.Fields) {
	n := top.Get("categories")
	if n == nil {
		r.Add(top.Node, "", "categories", "missing", "add categories: with at least one id, label and color")
		return
	}
	if n.Kind != yamldoc.SequenceNode {
		r.Add(n, "", "categories", "expected a list, found "+yamldoc.KindName(n), "start each category with \"- id: ...\"")
		return
	}
	if len(n.Content) == 0 {
		r.Add(n, "", "categories", "empty list", "add at least one category with id, label and color")
	}
	for _, item := range n.Content {
		f, ok := r.Mapping(item, "", categoryFields)
		if !ok {
			continue
		}
		c := Category{Pos: Pos{f.Node.Line, f.Node.Column}}
		c.ID = r.Text(f, "id", "", true)
		c.Label = r.Text(f, "label", "", true)
		if col := r.Text(f, "color", "", true); col != "" {
			rgb, err := ParseRGB(col)
			if err != nil {
				r.Add(f.Get("color"), "", "color", err.Error(), "")
			}
			c.Color = rgb
		}
		if c.ID != "" && !IsSlug(c.ID) {
			r.Add(f.Get("id"), "", "id", fmt.Sprintf("%q is not a valid id", c.ID),
				fmt.Sprintf("use lowercase letters, digits and hyphens, such as %q", Slug(c.ID)))
		}
		if prev := d.Category(c.ID); prev != nil && c.ID != "" {
			r.Add(f.Get("id"), "", "id", fmt.Sprintf("category %q is defined twice (first on line %d)", c.ID, prev.Pos.Line), "give each category its own id")
			continue
		}
		d.Categories = append(d.Categories, c)
	}
}

func readPersonas(r *yamldoc.Reader, d *Deck, top yamldoc.Fields) {
	n := top.Get("personas")
	if n == nil {
		r.Add(top.Node, "", "personas", "missing", "add personas: with at least one persona")
		return
	}
	if n.Kind != yamldoc.SequenceNode {
		r.Add(n, "", "personas", "expected a list, found "+yamldoc.KindName(n), "start each persona with \"- id: ...\"")
		return
	}
	for _, item := range n.Content {
		item = yamldoc.Resolve(item)
		card := idOf(item)
		f, ok := r.Mapping(item, card, personaFields)
		if !ok {
			continue
		}
		ps := Persona{Pos: Pos{item.Line, item.Column}, Fields: map[string]Pos{}}
		for key, v := range f.Values {
			ps.Fields[key] = Pos{v.Line, v.Column}
		}
		ps.ID = r.Text(f, "id", card, true)
		ps.Name = r.Text(f, "name", card, true)
		ps.Role = r.Text(f, "role", card, true)
		// The country's name may be left out when its code is given: it
		// then comes from the code, in the edition's language.
		ps.Country = r.Text(f, "country", card, f.Get("country_code") == nil)
		ps.CountryCode = r.Text(f, "country_code", card, true)
		ps.Category = r.Text(f, "category", card, true)
		ps.Text = r.Text(f, "text", card, true)
		ps.Impact = r.Text(f, "impact", card, false)
		ps.Conditions = readList(r, f, "conditions", card, ps.Fields, true)
		ps.Image = r.Text(f, "image", card, false)
		ps.Copies = readCopies(r, f, card)
		ps.Tags = readList(r, f, "tags", card, ps.Fields, false)
		d.Personas = append(d.Personas, ps)
	}
}

// idOf finds a persona's id before its fields are read, so that every message
// about the persona names it.
func idOf(item *yamldoc.Node) string {
	if item.Kind != yamldoc.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(item.Content); i += 2 {
		if item.Content[i].Value == "id" {
			return yamldoc.Clean(yamldoc.Resolve(item.Content[i+1]).Value)
		}
	}
	return ""
}

func readList(r *yamldoc.Reader, f yamldoc.Fields, key, card string, pos map[string]Pos, required bool) []string {
	n := f.Get(key)
	if n == nil || !required && n.Kind == yamldoc.ScalarNode && n.Tag == "!!null" {
		if required && !f.Misspelt[key] {
			r.Add(f.Node, card, key, "missing", "add "+key+": with one \"- item\" per line")
		}
		return nil
	}
	if n.Kind != yamldoc.SequenceNode {
		r.Add(n, card, key, "expected a list, found "+yamldoc.KindName(n), "write one \"- item\" per line")
		return nil
	}
	if len(n.Content) == 0 && required {
		r.Add(n, card, key, "empty list", "write at least one item")
	}
	var out []string
	for i, item := range n.Content {
		item = yamldoc.Resolve(item)
		field := fmt.Sprintf("%s[%d]", key, i+1)
		pos[field] = Pos{item.Line, item.Column}
		if item.Kind != yamldoc.ScalarNode {
			r.Add(item, card, field, "expected text, found "+yamldoc.KindName(item), "")
			continue
		}
		v := yamldoc.Clean(item.Value)
		if v == "" {
			r.Add(item, card, field, "empty item", "remove the line or write the item")
			continue
		}
		out = append(out, v)
	}
	return out
}

// readCopies reads the optional copies field: a whole number from 1 to MaxCopies.
func readCopies(r *yamldoc.Reader, f yamldoc.Fields, card string) int {
	n := f.Get("copies")
	if n == nil {
		return 0
	}
	if n.Kind == yamldoc.ScalarNode && n.Tag == "!!int" {
		if v, err := strconv.Atoi(n.Value); err == nil && v >= 1 && v <= MaxCopies {
			return v
		}
	}
	what := "a list or mapping"
	if n.Kind == yamldoc.ScalarNode {
		what = strconv.Quote(n.Value)
	}
	r.Add(n, card, "copies", copiesMsg(what), copiesHint)
	return 0
}
