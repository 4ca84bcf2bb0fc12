package deck

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/pkg/choice"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// Selection chooses and orders the personas of a deck. The kinds of choice
// add up: a persona is kept when Only names it (or Only is nil), its
// category is one of Categories (or it is nil), it has one of Tags (or it
// is nil), and Exclude does not name it.
type Selection struct {
	// Only names the personas to keep, by id, in the order to print them
	// (unless Sort says otherwise). nil keeps all; a list that names no
	// id at all (empty, or only blanks) is an error, not "all".
	Only []string
	// Categories keeps the personas of these categories, each named by id
	// or label in any case, with or without accents ("Travail du clic",
	// "travail-du-clic", "CLICKWORK").
	Categories []string
	// Tags keeps the personas with at least one of these tags (any case,
	// with or without accents).
	Tags    []string
	Exclude []string // persona ids to leave out
	Sort    Sort
}

// Sort is the order of the selected personas.
type Sort string

// The orders.
const (
	// SortDefault is the order Only names the personas in, or the deck's.
	SortDefault Sort = ""
	SortDeck    Sort = "deck"    // the order of the dataset
	SortName    Sort = "name"    // by name, in the collation of the deck's language
	SortCountry Sort = "country" // by country as printed, then as the deck has them
	// SortCategory groups the personas by category, in the order the deck
	// lists its categories, each group in the deck's order.
	SortCategory Sort = "category"
)

// Sorts lists the orders a user may ask for.
var Sorts = []Sort{SortDeck, SortName, SortCountry, SortCategory}

// ParseSort reads an order; "" is the default.
func ParseSort(s string) (Sort, error) {
	if strings.TrimSpace(s) == "" {
		return SortDefault, nil
	}
	return choice.Parse("sort", s, Sorts...)
}

// SelectError is one thing wrong with a selection.
type SelectError struct {
	// Part is the Selection field at fault: "only", "categories", "tags",
	// "exclude" or "sort".
	Part  string
	Value string // as the user gave it
	Msg   string // what is wrong: "unknown persona"
	Hint  string // what to do
}

func (e *SelectError) Error() string {
	msg := e.Part + " " + diag.Quote(e.Value) + ": " + e.Msg
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

// ErrEmptySelection is returned (wrapped) when a selection leaves no persona.
var ErrEmptySelection = errors.New("the selection leaves no persona")

// Number returns the place of persona i in the whole deck and the number of
// personas of the whole deck: what its card prints ("2/20"), whatever was
// selected.
func (d *Deck) Number(i int) (place, total int) {
	place, total = d.Personas[i].Number, d.Total
	if place == 0 {
		place = i + 1
	}
	if total == 0 {
		total = len(d.Personas)
	}
	return place, total
}

// Select returns a copy of d with the personas sel keeps, in the order it
// asks for, each keeping its number in the whole deck (Deck.Number).
// Unknown ids, categories and tags are errors, all reported at once, each
// with a "did you mean" when one is close; so is an empty result. d is not
// modified; the copy shares nothing with it but strings.
func Select(d *Deck, sel Selection) (*Deck, error) {
	ids := make([]string, len(d.Personas))
	for i, p := range d.Personas {
		ids[i] = p.ID
	}
	var errs []error
	fail := func(part, value, msg, hint string) {
		errs = append(errs, &SelectError{Part: part, Value: value, Msg: msg, Hint: hint})
	}
	// given lists the values of a list a user gave, blanks left out; a list
	// given with no value at all is an error.
	given := func(part string, values []string, noun string) []string {
		if values == nil {
			return nil
		}
		var out []string
		for _, v := range values {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		if len(out) == 0 {
			fail(part, strings.Join(values, ","), "names no "+noun, "give one or more, separated by commas (cardgen list shows them)")
		}
		return out
	}
	personas := func(part string, values []string) map[string]bool {
		m := map[string]bool{}
		for _, v := range given(part, values, "persona") {
			if !slices.Contains(ids, v) {
				hint := "run cardgen list to see the ids"
				if s := yamldoc.Suggest(v, ids); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				fail(part, v, "unknown persona", hint)
			}
			m[v] = true
		}
		return m
	}
	only := personas("only", sel.Only)
	exclude := personas("exclude", sel.Exclude)
	cats := map[string]bool{}
	for _, v := range given("categories", sel.Categories, "category") {
		c := d.findCategory(v)
		if c == nil {
			fail("categories", v, "unknown category", d.categoryHint(v))
			continue
		}
		cats[c.ID] = true
	}
	tags := map[string]bool{}
	known := d.tags()
	for _, v := range given("tags", sel.Tags, "tag") {
		key := Slug(v)
		if !slices.ContainsFunc(known, func(t string) bool { return Slug(t) == key }) {
			hint := "no persona has this tag"
			if len(known) > 0 {
				hint = "the tags are " + strings.Join(known, ", ")
				if s := yamldoc.Suggest(v, known); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
			}
			fail("tags", v, "unknown tag", hint)
			continue
		}
		tags[key] = true
	}
	if !slices.Contains(Sorts, sel.Sort) && sel.Sort != SortDefault {
		hint := "use " + sortWords()
		if s := yamldoc.Suggest(string(sel.Sort), strings.Split(sortWords(), ", ")); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		fail("sort", string(sel.Sort), "unknown order", hint)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	keep := func(p *Persona) bool {
		if sel.Only != nil && !only[p.ID] || exclude[p.ID] {
			return false
		}
		if sel.Categories != nil && !cats[p.Category] {
			return false
		}
		if sel.Tags != nil && !slices.ContainsFunc(p.Tags, func(t string) bool { return tags[Slug(t)] }) {
			return false
		}
		return true
	}
	out := *d
	out.Categories = slices.Clone(d.Categories)
	out.Personas = nil
	out.Total = cmp.Or(d.Total, len(d.Personas))
	for i := range d.Personas {
		p := d.Personas[i]
		if !keep(&p) {
			continue
		}
		p.Number = cmp.Or(p.Number, i+1)
		p.Conditions = slices.Clone(p.Conditions)
		p.Tags = slices.Clone(p.Tags)
		fields := make(map[string]Pos, len(p.Fields))
		for k, v := range p.Fields {
			fields[k] = v
		}
		p.Fields = fields
		out.Personas = append(out.Personas, p)
	}
	if len(out.Personas) == 0 {
		return nil, fmt.Errorf("%w (%s)", ErrEmptySelection, describe(sel))
	}
	out.sortBy(sel)
	return &out, nil
}

func sortWords() string {
	w := make([]string, len(Sorts))
	for i, s := range Sorts {
		w[i] = string(s)
	}
	return strings.Join(w, ", ")
}

// sortBy puts d's personas in the order sel asks for.
func (d *Deck) sortBy(sel Selection) {
	switch sel.Sort {
	case SortDefault:
		if sel.Only == nil {
			return
		}
		// The order Only names them in.
		at := map[string]int{}
		for i, id := range sel.Only {
			id = strings.TrimSpace(id)
			if _, seen := at[id]; !seen {
				at[id] = i
			}
		}
		slices.SortStableFunc(d.Personas, func(a, b Persona) int { return at[a.ID] - at[b.ID] })
	case SortDeck:
		slices.SortStableFunc(d.Personas, func(a, b Persona) int { return a.Number - b.Number })
	case SortName:
		col := d.collator()
		slices.SortStableFunc(d.Personas, func(a, b Persona) int {
			return cmp.Or(col.CompareString(a.Name, b.Name), strings.Compare(a.ID, b.ID))
		})
	case SortCountry:
		col := d.collator()
		slices.SortStableFunc(d.Personas, func(a, b Persona) int {
			return cmp.Or(col.CompareString(a.CountryName(d.Language), b.CountryName(d.Language)), a.Number-b.Number)
		})
	case SortCategory:
		rank := map[string]int{}
		for i, c := range d.Categories {
			rank[c.ID] = i
		}
		slices.SortStableFunc(d.Personas, func(a, b Persona) int {
			return cmp.Or(rank[a.Category]-rank[b.Category], a.Number-b.Number)
		})
	}
}

// collator compares names in the deck's language.
func (d *Deck) collator() *collate.Collator {
	tag, err := language.Parse(d.Language)
	if err != nil {
		tag = language.Und
	}
	return collate.New(tag)
}

// findCategory returns the category whose id or label is v, in any case,
// with or without accents, spaces or hyphens alike; nil when none is.
func (d *Deck) findCategory(v string) *Category {
	key := Slug(v)
	if key == "" {
		return nil
	}
	for i := range d.Categories {
		c := &d.Categories[i]
		if Slug(c.ID) == key || Slug(c.Label) == key {
			return c
		}
	}
	return nil
}

// categoryHint says what an unknown category might be.
func (d *Deck) categoryHint(v string) string {
	var names []string
	for _, c := range d.Categories {
		names = append(names, c.ID, c.Label)
	}
	if s := yamldoc.Suggest(v, names); s != "" {
		if c := d.findCategory(s); c != nil {
			return fmt.Sprintf("did you mean %q?", c.ID)
		}
	}
	list := make([]string, len(d.Categories))
	for i, c := range d.Categories {
		list[i] = fmt.Sprintf("%s (%s)", c.ID, c.Label)
	}
	return "the categories are " + strings.Join(list, ", ")
}

// tags lists the deck's tags, each once, in the order they first appear.
func (d *Deck) tags() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range d.Personas {
		for _, t := range p.Tags {
			if k := Slug(t); !seen[k] {
				seen[k] = true
				out = append(out, t)
			}
		}
	}
	return out
}

func describe(sel Selection) string {
	var parts []string
	for _, f := range []struct {
		name   string
		values []string
	}{{"only", sel.Only}, {"categories", sel.Categories}, {"tags", sel.Tags}, {"exclude", sel.Exclude}} {
		if len(f.values) > 0 {
			parts = append(parts, f.name+" "+strings.Join(f.values, ","))
		}
	}
	if len(parts) == 0 {
		return "the deck is empty"
	}
	return strings.Join(parts, "; ")
}

// FindCategory returns the category named v by id or label, in any case,
// with or without accents, as a selection reads it; nil when none is.
func (d *Deck) FindCategory(v string) *Category { return d.findCategory(v) }
