package deck

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/pkg/diag"
)

// The schema: every field of a deck, a category and a persona, once. The
// readers of every format, the decoder that turns what they read into a
// Deck, the checks and the writers of every format all work from these
// tables; none of them names a field of its own. A new field is one entry
// here (and the struct field it fills).

// kind is how a field's value is written and read.
type kind int

const (
	kindLine   kind = iota // one line of text: line breaks become spaces
	kindText               // text of several lines (blank lines go)
	kindList               // a list of one-line items; in a table, one per line of the cell, or "a | b"
	kindTags               // a list of labels; in a table, "a, b" or "a | b"
	kindCopies             // a whole number from 1 to MaxCopies; 0 when left out
	kindColor              // a colour, #RRGGBB
)

// need says whether a field must be given.
type need int

const (
	optional need = iota
	required
)

// field is one entry of a schema: a field of T (Deck, Category or Persona).
type field[T any] struct {
	name string // as YAML and JSON write it, and English tables
	// french are the other names a table's header, a workbook's sheet or
	// a Markdown key line may give it, in French first. Case, accents,
	// spaces and underscores do not matter in those ("Code pays").
	french []string
	// aliases are more names a table's header or a Markdown key line may
	// give the field, read but never written, each in its language: the
	// card's own headings ("Conditions de travail") and common synonyms
	// ("prénom", "métier", "first name").
	aliases []alias
	// shared: the English name is used in French too (id), so that it
	// says nothing of the file's language.
	shared bool
	kind   kind
	need   need
	// unless names a field whose presence makes this one optional (a
	// country's name may be left out when its code is given).
	unless string
	// derived: a table or a Markdown file may leave the field out; it is
	// then made from the others (an id from the name, a country's code
	// from its name, the default category).
	derived bool
	// noun is what the field is, for hints ("write the persona's role");
	// cellNoun, when not empty, what a table's hint says instead (where
	// the value goes in a spreadsheet).
	noun, cellNoun string
	// normal, when not nil, writes a value read the one way cardgen keeps
	// it (a country code in capitals: "fr" is FR).
	normal func(v string) string
	// check says what is wrong with a value given, or "".
	check func(v string) (msg, hint string)
	// checkCode is the kind of the problems check finds (diag.Problem's
	// Code), "" for none.
	checkCode diag.Code

	// Where the value goes: one of these, by kind.
	str  func(*T) *string   // kindLine, kindText
	list func(*T) *[]string // kindList, kindTags
	num  func(*T) *int      // kindCopies
	rgb  func(*T) *RGB      // kindColor
}

// alias is another name of a field, in French, English or both.
type alias struct {
	name string
	lang int // langFrench, langEnglish or langNeutral
}

// fr, en and both are the aliases of each language.
func fr(names ...string) []alias   { return aliasesIn(langFrench, names) }
func en(names ...string) []alias   { return aliasesIn(langEnglish, names) }
func both(names ...string) []alias { return aliasesIn(langNeutral, names) }

func aliasesIn(lang int, names []string) []alias {
	out := make([]alias, len(names))
	for i, n := range names {
		out[i] = alias{n, lang}
	}
	return out
}

var deckSchema = []field[Deck]{
	{name: "title", french: []string{"titre"}, kind: kindLine, need: required, noun: "the deck's title",
		str: func(d *Deck) *string { return &d.Title }},
	{name: "language", french: []string{"langue"}, kind: kindLine, need: required, noun: "the deck's language, such as fr or en", check: checkLanguage,
		str: func(d *Deck) *string { return &d.Language }},
	{name: "author", french: []string{"auteur"}, kind: kindLine, noun: "the author",
		str: func(d *Deck) *string { return &d.Author }},
}

var categorySchema = []field[Category]{
	{name: "id", french: []string{"identifiant"}, shared: true, kind: kindLine, need: required, noun: "the category's id", check: checkCategoryID,
		str: func(c *Category) *string { return &c.ID }},
	{name: "label", french: []string{"libellé"}, kind: kindLine, need: required, noun: "the category's label",
		str: func(c *Category) *string { return &c.Label }},
	{name: "color", french: []string{"couleur"}, kind: kindColor, need: required, noun: `the category's colour, such as "#8A4B14"`,
		rgb: func(c *Category) *RGB { return &c.Color }},
}

var personaSchema = []field[Persona]{
	{name: "id", french: []string{"identifiant"}, shared: true, kind: kindLine, need: required, derived: true, noun: "the persona's id, such as maria-luz", check: checkPersonaID,
		str: func(p *Persona) *string { return &p.ID }},
	{name: "name", french: []string{"nom"}, aliases: slices.Concat(fr("prénom", "personnage"), en("first name", "character")), kind: kindLine, need: required, noun: "the persona's name",
		str: func(p *Persona) *string { return &p.Name }},
	{name: "role", french: []string{"rôle", "métier"}, aliases: slices.Concat(both("profession", "occupation"), en("job")), kind: kindLine, need: required, noun: "the persona's role",
		str: func(p *Persona) *string { return &p.Role }},
	{name: "country", french: []string{"pays"}, kind: kindLine, need: required, unless: "country_code", noun: "the country, as the card names it", cellNoun: "the country (or its two-letter ISO code, in a column code_pays)",
		str: func(p *Persona) *string { return &p.Country }},
	{name: "country_code", french: []string{"code_pays"}, kind: kindLine, need: required, derived: true, noun: "the country's two-letter ISO code, such as FR", normal: upperCountryCode, check: checkCountryCode, checkCode: diag.CodeBadCountryCode,
		str: func(p *Persona) *string { return &p.CountryCode }},
	{name: "category", french: []string{"catégorie"}, kind: kindLine, need: required, derived: true, noun: "the category: its id or its label",
		str: func(p *Persona) *string { return &p.Category }},
	{name: "text", french: []string{"texte"}, aliases: slices.Concat(fr("témoignage", "récit"), en("testimony", "story")), kind: kindText, need: required, noun: "the persona's text",
		str: func(p *Persona) *string { return &p.Text }},
	{name: "conditions", aliases: slices.Concat(fr("conditions de travail"), en("working conditions")), kind: kindList, need: required, noun: "the working conditions", cellNoun: "the conditions, one per line in the cell (Alt+Enter in a spreadsheet)",
		list: func(p *Persona) *[]string { return &p.Conditions }},
	{name: "impact", aliases: slices.Concat(fr("impact environnemental"), en("environmental impact")), kind: kindText, noun: "the impact",
		str: func(p *Persona) *string { return &p.Impact }},
	{name: "image", aliases: slices.Concat(both("photo"), en("picture")), kind: kindLine, noun: "the image's path",
		str: func(p *Persona) *string { return &p.Image }},
	{name: "copies", french: []string{"exemplaires"}, kind: kindCopies, noun: "the number of copies",
		num: func(p *Persona) *int { return &p.Copies }},
	{name: "tags", french: []string{"étiquettes"}, aliases: slices.Concat(fr("mots-clés"), en("keywords")), kind: kindTags, noun: "the tags",
		list: func(p *Persona) *[]string { return &p.Tags }},
}

// names lists a schema's field names, in order.
func names[T any](schema []field[T]) []string {
	out := make([]string, len(schema))
	for i, f := range schema {
		out[i] = f.name
	}
	return out
}

// lookup returns the entry of schema named name, or nil.
func lookup[T any](schema []field[T], name string) *field[T] {
	for i := range schema {
		if schema[i].name == name {
			return &schema[i]
		}
	}
	return nil
}

// text returns a field's value as a table's cell or a key line writes it.
func (f *field[T]) text(v *T) string {
	switch f.kind {
	case kindList:
		return joinConditions(*f.list(v))
	case kindTags:
		return joinTags(*f.list(v))
	case kindCopies:
		if n := *f.num(v); n != 0 {
			return fmt.Sprint(n)
		}
		return ""
	case kindColor:
		return f.rgb(v).String()
	}
	return *f.str(v)
}

// empty reports whether v leaves the field out (optional fields are then
// not written).
func (f *field[T]) empty(v *T) bool {
	switch f.kind {
	case kindList, kindTags:
		return len(*f.list(v)) == 0
	case kindCopies:
		return *f.num(v) == 0
	case kindColor:
		return false
	}
	return *f.str(v) == ""
}

// The checks of single values.

func checkLanguage(v string) (string, string) {
	if _, err := language.Parse(v); err != nil {
		return fmt.Sprintf("%s is not a language tag", diag.Quote(v)), "write fr, en, fr-CA, …"
	}
	return "", ""
}

func checkCategoryID(v string) (string, string) {
	if !IsSlug(v) {
		return fmt.Sprintf("%s is not a valid category id", diag.Quote(v)), slugHint(v)
	}
	return "", ""
}

func checkPersonaID(v string) (string, string) {
	if !IsSlug(v) {
		return fmt.Sprintf("%s is not a valid id", diag.Quote(v)), slugHint(v)
	}
	return "", ""
}

func slugHint(v string) string {
	return fmt.Sprintf("use lowercase letters, digits and hyphens, such as %s", diag.Quote(Slug(v)))
}

func checkCountryCode(v string) (string, string) {
	if !IsCountryCode(v) {
		if up := strings.ToUpper(v); IsCountryCode(up) {
			return fmt.Sprintf("%s is not an ISO 3166-1 alpha-2 country code, which is in capitals", diag.Quote(v)), "write " + up
		}
		return fmt.Sprintf("%s is not an ISO 3166-1 alpha-2 country code", diag.Quote(v)), "use two capital letters, such as FR, CD, KR, GB"
	}
	return "", ""
}

// upperCountryCode writes a country code as it is known, in capitals:
// "fr" is FR. Anything else is left for checkCountryCode to judge.
func upperCountryCode(v string) string {
	if up := strings.ToUpper(v); len(v) == 2 && IsCountryCode(up) {
		return up
	}
	return v
}
