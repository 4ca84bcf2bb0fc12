package deck

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// Selection chooses and orders the personas of a deck.
type Selection struct {
	Only       []string // persona ids to keep (all when empty)
	Categories []string // category ids to keep (all when empty)
	Exclude    []string // persona ids to leave out
	// Sort is "" for the dataset's order, or "name" for the names in the
	// collation order of the deck's language, ties broken by id.
	Sort string
}

// Sorts are the values Selection.Sort may take.
var Sorts = []string{"", "name"}

// SelectError is one thing wrong with a selection.
type SelectError struct {
	What  string // "persona", "category" or "sort"
	Value string // as the user gave it
	Hint  string
}

func (e *SelectError) Error() string {
	msg := fmt.Sprintf("unknown %s %s", e.What, diag.Quote(e.Value))
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

// ErrEmptySelection is returned (wrapped) when a selection leaves no persona.
var ErrEmptySelection = errors.New("the selection leaves no persona")

// Select returns a copy of d with the personas sel keeps, in the order it
// asks for. Unknown ids and categories are errors, all reported at once,
// each with a "did you mean" when one is close; so is an empty result.
// d is not modified; the copy shares nothing with it but strings.
func Select(d *Deck, sel Selection) (*Deck, error) {
	ids := make([]string, len(d.Personas))
	for i, p := range d.Personas {
		ids[i] = p.ID
	}
	cats := make([]string, len(d.Categories))
	for i, c := range d.Categories {
		cats[i] = c.ID
	}
	var errs []error
	set := func(values, known []string, what string) map[string]bool {
		m := map[string]bool{}
		for _, v := range values {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			if !slices.Contains(known, v) {
				e := &SelectError{What: what, Value: v, Hint: "run cardgen list to see the ids"}
				if s := yamldoc.Suggest(v, known); s != "" {
					e.Hint = fmt.Sprintf("did you mean %q?", s)
				} else if what == "category" {
					e.Hint = "the categories are " + strings.Join(known, ", ")
				}
				errs = append(errs, e)
			}
			m[v] = true
		}
		return m
	}
	only := set(sel.Only, ids, "persona")
	keepCats := set(sel.Categories, cats, "category")
	exclude := set(sel.Exclude, ids, "persona")
	if !slices.Contains(Sorts, sel.Sort) {
		e := &SelectError{What: "sort", Value: sel.Sort, Hint: "sort by name, or leave the dataset's order"}
		if s := yamldoc.Suggest(sel.Sort, Sorts[1:]); s != "" {
			e.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		errs = append(errs, e)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	out := *d
	out.Categories = slices.Clone(d.Categories)
	out.Personas = nil
	for _, p := range d.Personas {
		if len(only) > 0 && !only[p.ID] || len(keepCats) > 0 && !keepCats[p.Category] || exclude[p.ID] {
			continue
		}
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
	if sel.Sort == "name" {
		tag, err := language.Parse(d.Language)
		if err != nil {
			tag = language.Und
		}
		col := collate.New(tag)
		slices.SortStableFunc(out.Personas, func(a, b Persona) int {
			return cmp.Or(col.CompareString(a.Name, b.Name), strings.Compare(a.ID, b.ID))
		})
	}
	return &out, nil
}

func describe(sel Selection) string {
	var parts []string
	for _, f := range []struct {
		name   string
		values []string
	}{{"only", sel.Only}, {"categories", sel.Categories}, {"exclude", sel.Exclude}} {
		if len(f.values) > 0 {
			parts = append(parts, f.name+" "+strings.Join(f.values, ","))
		}
	}
	if len(parts) == 0 {
		return "the deck is empty"
	}
	return strings.Join(parts, "; ")
}
