package deck

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// Check adds to problems what is wrong across a deck's fields: duplicate
// ids, unknown categories, invalid country codes, numbers of copies out of
// range. Loaders call it; a deck built in code can call it too.
func Check(d *Deck, problems *diag.List) {
	add := func(ps *Persona, field, msg, hint string) {
		pos := ps.Where(field)
		problems.Add(diag.Problem{File: d.Source, Line: pos.Line, Column: pos.Column, Card: ps.ID, Field: field, Msg: msg, Hint: hint})
	}
	checkColours(d, problems)
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
		// With no category at all, the loader has said why.
		if ps.Category != "" && len(d.Categories) > 0 && d.Category(ps.Category) == nil {
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
		if ps.Copies < 0 || ps.Copies > MaxCopies {
			add(ps, "copies", fmt.Sprintf("%d copies", ps.Copies), copiesHint)
		}
		if ps.CountryCode != "" && !IsCountryCode(ps.CountryCode) {
			add(ps, "country_code", fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 country code", ps.CountryCode),
				"use two capital letters, such as FR, CD, KR, GB")
		}
	}
	checkControls(d, problems)
	if len(d.Personas) == 0 && len(*problems) == 0 {
		problems.Add(diag.Problem{File: d.Source, Field: "personas", Msg: "the deck has no persona", Hint: "add at least one"})
	}
}

// checkControls reports the invisible control characters (other than line
// breaks and tabs) left in a deck's text, as pasting from other programs
// leaves them.
func checkControls(d *Deck, problems *diag.List) {
	bad := func(s string) (rune, bool) {
		for _, r := range s {
			if r != '\n' && r != '\t' && (r < 0x20 || r >= 0x7F && r < 0xA0) {
				return r, true
			}
		}
		return 0, false
	}
	add := func(ps *Persona, field, s string) {
		r, found := bad(s)
		if !found {
			return
		}
		p := diag.Problem{File: d.Source, Field: field, Msg: fmt.Sprintf("an invisible control character (U+%04X)", r), Hint: "remove it"}
		if ps != nil {
			pos := d.Locate(r, ps.Where(field))
			p.Line, p.Column, p.Card = pos.Line, pos.Column, ps.ID
		}
		problems.Add(p)
	}
	for _, f := range [][2]string{{"title", d.Title}, {"language", d.Language}, {"author", d.Author}} {
		add(nil, f[0], f[1])
	}
	for _, c := range d.Categories {
		add(nil, "label", c.ID+c.Label)
	}
	for i := range d.Personas {
		ps := &d.Personas[i]
		for _, f := range [][2]string{{"id", ps.ID}, {"name", ps.Name}, {"role", ps.Role}, {"country", ps.Country},
			{"country_code", ps.CountryCode}, {"category", ps.Category}, {"text", ps.Text}, {"impact", ps.Impact}, {"image", ps.Image}} {
			add(ps, f[0], f[1])
		}
		for j, c := range ps.Conditions {
			add(ps, fmt.Sprintf("conditions[%d]", j+1), c)
		}
		for j, t := range ps.Tags {
			add(ps, fmt.Sprintf("tags[%d]", j+1), t)
		}
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
