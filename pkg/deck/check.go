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
		problems.Add(problemAt(d.Source, ps.Where(field), ps.ID, field, msg, hint))
	}
	checkColours(d, problems)
	seen := map[string]int{}
	for i := range d.Personas {
		ps := &d.Personas[i]
		for j := range personaSchema {
			f := &personaSchema[j]
			if f.check == nil {
				continue
			}
			if v := *f.str(ps); v != "" {
				if msg, hint := f.check(v); msg != "" {
					add(ps, f.name, msg, hint)
					problems.MarkLast(f.checkCode)
				}
			}
			if f.name != "id" || ps.ID == "" {
				continue
			}
			if first, dup := seen[ps.ID]; dup {
				msg, hint := duplicateID(d, i, first)
				add(ps, "id", msg, hint)
				problems.MarkLast(diag.CodeDuplicateID)
			} else {
				seen[ps.ID] = i
			}
		}
		// With no category at all, the loader has said why.
		if ps.Category != "" && len(d.Categories) > 0 && d.Category(ps.Category) == nil {
			add(ps, "category", fmt.Sprintf("unknown category %s", diag.Quote(ps.Category)), d.unknownCategoryHint(ps.Category))
			problems.MarkLast(diag.CodeUnknownCategory)
		}
		if ps.Copies < 0 || ps.Copies > MaxCopies {
			add(ps, "copies", fmt.Sprintf("%d copies", ps.Copies), copiesHint)
			problems.MarkLast(diag.CodeBadCopies)
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
	add := func(where Pos, card, field, s string) {
		r, found := bad(s)
		if !found {
			return
		}
		problems.Add(problemAt(d.Source, d.Locate(r, where), card, field, fmt.Sprintf("an invisible control character (U+%04X)", r), "remove it"))
		problems.MarkLast(diag.CodeControlChar)
	}
	for i := range deckSchema {
		if f := &deckSchema[i]; f.str != nil {
			add(d.Fields[f.name], "", f.name, *f.str(d))
		}
	}
	for i := range d.Categories {
		c := &d.Categories[i]
		add(c.Where("id"), "", "id", c.ID)
		add(c.Where("label"), "", "label", c.Label)
	}
	for i := range d.Personas {
		ps := &d.Personas[i]
		for j := range personaSchema {
			switch f := &personaSchema[j]; f.kind {
			case kindLine, kindText:
				add(ps.Where(f.name), ps.ID, f.name, *f.str(ps))
			case kindList, kindTags:
				for k, item := range *f.list(ps) {
					field := fmt.Sprintf("%s[%d]", f.name, k+1)
					add(ps.Where(field), ps.ID, field, item)
				}
			}
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

// duplicateID says that persona i has the id of persona first. An id
// that a table or a Markdown file made from the name is the name's
// problem: two personas of the same name need an id of their own.
func duplicateID(d *Deck, i, first int) (msg, hint string) {
	ps, fp := &d.Personas[i], &d.Personas[first]
	idCell, made := d.madeIDs[ps.Pos]
	if _, firstMade := d.madeIDs[fp.Pos]; !made || !firstMade || ps.Pos == (Pos{}) {
		return "id used twice (first " + fp.Pos.place() + ")", "give each persona its own id"
	}
	msg = fmt.Sprintf("a second persona named %s (the first is %s): the id made from the name, %s, is used twice",
		diag.Quote(ps.Name), fp.Pos.place(), diag.Quote(ps.ID))
	switch {
	case idCell.Cell != "": // the table's id column, as its header names it
		return msg, fmt.Sprintf("give this one an id of its own, such as %s-2, in cell %s (column %s)", ps.ID, cellName(idCell.Cell), diag.Quote(idCell.Header))
	case d.Format == "md":
		return msg, fmt.Sprintf("give this one an id of its own, with a line such as \"Identifiant : %s-2\"", ps.ID)
	}
	return msg, fmt.Sprintf("give this one an id of its own, in a column \"identifiant\" (such as %s-2)", ps.ID)
}

// unknownCategoryHint suggests the category's id or label nearest to v, as
// it is written ("Travail du clik": did you mean "Travail du clic"?), or
// lists them.
func (d *Deck) unknownCategoryHint(v string) string {
	var names, folded []string
	for _, c := range d.Categories {
		for _, n := range []string{c.ID, c.Label} {
			if n != "" {
				names, folded = append(names, n), append(folded, fold(n))
			}
		}
	}
	if s := yamldoc.Suggest(fold(v), folded); s != "" {
		for i, f := range folded {
			if f == s {
				return fmt.Sprintf("did you mean %q?", names[i])
			}
		}
	}
	list := make([]string, len(d.Categories))
	for i, c := range d.Categories {
		list[i] = c.ID
		if c.Label != "" {
			list[i] += " (" + c.Label + ")"
		}
	}
	return "the categories are " + strings.Join(list, ", ") + ": write an id or a label"
}
