package deck

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// Check adds to problems what is wrong across a deck's fields: duplicate
// ids, unknown categories, invalid country codes. Loaders call it; a deck
// built in code can call it too.
func Check(d *Deck, problems *diag.List) {
	add := func(ps *Persona, field, msg, hint string) {
		pos := ps.Where(field)
		problems.Add(diag.Problem{File: d.Source, Line: pos.Line, Column: pos.Column, Card: ps.ID, Field: field, Msg: msg, Hint: hint})
	}
	seen := map[string]int{}
	for i := range d.Personas {
		ps := &d.Personas[i]
		if ps.ID != "" {
			if !IsSlug(ps.ID) {
				add(ps, "id", fmt.Sprintf("%q is not a valid id", ps.ID),
					fmt.Sprintf("use lowercase letters, digits and hyphens, such as %q", Slug(ps.ID)))
			}
			if first, dup := seen[ps.ID]; dup {
				add(ps, "id", fmt.Sprintf("id used twice (first on line %d)", d.Personas[first].Pos.Line), "give each persona its own id")
			} else {
				seen[ps.ID] = i
			}
		}
		if ps.Category != "" && d.Category(ps.Category) == nil {
			ids := make([]string, len(d.Categories))
			for j, c := range d.Categories {
				ids[j] = c.ID
			}
			hint := "the categories are " + strings.Join(ids, ", ")
			if s := yamldoc.Suggest(ps.Category, ids); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			add(ps, "category", fmt.Sprintf("unknown category %q", ps.Category), hint)
		}
		if ps.CountryCode != "" && !IsCountryCode(ps.CountryCode) {
			add(ps, "country_code", fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 country code", ps.CountryCode),
				"use two capital letters, such as FR, CD, KR, GB")
		}
	}
	if len(d.Personas) == 0 && len(*problems) == 0 {
		problems.Add(diag.Problem{File: d.Source, Field: "personas", Msg: "the deck has no persona", Hint: "add at least one"})
	}
}

// IsCountryCode reports whether s is an assigned ISO 3166-1 alpha-2 code, in capitals.
func IsCountryCode(s string) bool {
	if len(s) != 2 || s != strings.ToUpper(s) {
		return false
	}
	r, err := language.ParseRegion(s)
	return err == nil && r.IsCountry() && r.String() == s
}
