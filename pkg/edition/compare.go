package edition

import (
	"fmt"
	"sort"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// Compare checks that an edition has the personas and categories of the
// base deck, in the same order, with the same category and country code
// each: a translation, not another deck. Each difference is a problem at
// its own place: an id only one file has, where that file has it; one out
// of order, where the edition has it; a category or code that differs, at
// the edition's field.
func Compare(base, ed *deck.Deck) error {
	var problems diag.List
	what := fmt.Sprintf("the %s edition (%s)", ed.Language, ed.Source)
	// Personas.
	baseIDs, edIDs := personaIDs(base), personaIDs(ed)
	at := func(d *deck.Deck, i int) deck.Pos { return d.Personas[i].Where("id") }
	compareLists(&problems, base, ed, baseIDs, edIDs, "persona", at, what)
	// Categories.
	catAt := func(d *deck.Deck, i int) deck.Pos { return d.Categories[i].Pos }
	compareLists(&problems, base, ed, categoryIDs(base), categoryIDs(ed), "category", catAt, what)
	// The same persona: same category, same country.
	byID := map[string]*deck.Persona{}
	for i := range base.Personas {
		byID[base.Personas[i].ID] = &base.Personas[i]
	}
	for i := range ed.Personas {
		e := &ed.Personas[i]
		b := byID[e.ID]
		if b == nil {
			continue
		}
		for _, f := range []struct{ field, mine, theirs string }{
			{"category", e.Category, b.Category},
			{"country_code", e.CountryCode, b.CountryCode},
		} {
			if f.mine != f.theirs {
				pos := e.Where(f.field)
				problems.Add(diag.Problem{File: ed.Source, Line: pos.Line, Column: pos.Column, Card: e.ID, Field: f.field,
					Msg:  fmt.Sprintf("%q here, %q in %s (line %d)", f.mine, f.theirs, base.Source, b.Where(f.field).Line),
					Hint: "every edition gives each persona the same " + f.field})
			}
		}
	}
	return problems.Err()
}

func personaIDs(d *deck.Deck) []string {
	out := make([]string, len(d.Personas))
	for i, p := range d.Personas {
		out[i] = p.ID
	}
	return out
}

func categoryIDs(d *deck.Deck) []string {
	out := make([]string, len(d.Categories))
	for i, c := range d.Categories {
		out[i] = c.ID
	}
	return out
}

// compareLists reports the ids only one list has, each where its file has
// it, and the ids of both that are out of order: those outside a longest
// run of ids in the same order in both, so that one card moved is one
// problem, not one for every card after it.
func compareLists(problems *diag.List, base, ed *deck.Deck, a, b []string, noun string, at func(*deck.Deck, int) deck.Pos, what string) {
	inA := map[string]int{}
	for i, id := range a {
		if _, ok := inA[id]; !ok {
			inA[id] = i
		}
	}
	inB := map[string]int{}
	for i, id := range b {
		if _, ok := inB[id]; !ok {
			inB[id] = i
		}
	}
	for i, id := range b {
		if _, ok := inA[id]; !ok {
			pos := at(ed, i)
			problems.Add(diag.Problem{File: ed.Source, Line: pos.Line, Column: pos.Column, Card: cardOf(noun, id), Field: "id",
				Msg:  named(noun, id) + "not in " + base.Source,
				Hint: fmt.Sprintf("every edition has the same %s ids: give it the id of the %s it translates", noun, noun)})
		}
	}
	for i, id := range a {
		if _, ok := inB[id]; !ok {
			pos := at(base, i)
			problems.Add(diag.Problem{File: base.Source, Line: pos.Line, Column: pos.Column, Card: cardOf(noun, id), Field: "id",
				Msg:  named(noun, id) + "missing from " + what,
				Hint: "translate it there too, or give its translation the same id"})
		}
	}
	// The shared ids, in b's order, by their place in a: those outside a
	// longest increasing run are out of order.
	var shared []int // indexes into b
	for i, id := range b {
		if _, ok := inA[id]; ok && inB[id] == i {
			shared = append(shared, i)
		}
	}
	keep := increasing(shared, func(i int) int { return inA[b[i]] })
	for _, i := range shared {
		if keep[i] {
			continue
		}
		pos := at(ed, i)
		problems.Add(diag.Problem{File: ed.Source, Line: pos.Line, Column: pos.Column, Card: cardOf(noun, b[i]), Field: "id",
			Msg:  named(noun, b[i]) + fmt.Sprintf("not in the place it has in %s (line %d)", base.Source, at(base, inA[b[i]]).Line),
			Hint: fmt.Sprintf("every edition lists the %s ids in the same order", noun)})
	}
}

// named starts a message about an id: nothing for a persona, whose id the
// problem names already, "category "x" is " for a category.
func named(noun, id string) string {
	if noun == "persona" {
		return ""
	}
	return fmt.Sprintf("%s %q is ", noun, id)
}

func cardOf(noun, id string) string {
	if noun == "persona" {
		return id
	}
	return ""
}

// increasing returns the members of a longest subsequence of xs whose
// keys increase (patience sorting, n log n).
func increasing(xs []int, key func(int) int) map[int]bool {
	var tails []int // index into xs of the last member of a run of each length
	prev := make([]int, len(xs))
	for i, x := range xs {
		k := key(x)
		j := sort.Search(len(tails), func(j int) bool { return key(xs[tails[j]]) >= k })
		prev[i] = -1
		if j > 0 {
			prev[i] = tails[j-1]
		}
		if j == len(tails) {
			tails = append(tails, i)
		} else {
			tails[j] = i
		}
	}
	keep := map[int]bool{}
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			keep[xs[i]] = true
		}
	}
	return keep
}
