package deck

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// This file holds what the flat formats (CSV and Markdown) share: field
// names in English and French, built-in and new categories, country codes
// from country names, and the deck's metadata from the file name.

// flatField is a persona field as a CSV header or a Markdown key line names it.
type flatField struct {
	name   string   // schema name
	french []string // French names
}

var flatFields = []flatField{
	{"id", []string{"identifiant"}},
	{"name", []string{"nom"}},
	{"role", []string{"rôle", "métier"}},
	{"country", []string{"pays"}},
	{"country_code", []string{"code_pays"}},
	{"category", []string{"catégorie"}},
	{"text", []string{"texte"}},
	{"conditions", nil},
	{"impact", nil},
	{"image", nil},
	{"copies", []string{"exemplaires"}},
	{"tags", []string{"étiquettes"}},
}

// metaFields are the deck's fields in the flat formats, with their French names.
var metaFields = []flatField{
	{"title", []string{"titre"}},
	{"language", []string{"langue"}},
	{"author", []string{"auteur"}},
}

// Languages a field name votes for when it is written in one only.
const (
	langNeutral = iota
	langFrench
	langEnglish
)

// keyFold reduces a field name to its letters: case, accents, spaces,
// underscores and hyphens do not matter ("Code pays" = "code_pays").
func keyFold(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' || r == '\u00A0' || r == '\u202F' || r == '.' {
			return -1
		}
		return r
	}, fold(strings.TrimSpace(s)))
}

// lookupField finds the field a name stands for among fields, and which
// language the name is in (neutral when both languages write it alike, as
// id, role, conditions, impact, image).
func lookupField(fields []flatField, name string) (field string, lang int, ok bool) {
	if len(name) > 40 || len(fields) == 0 {
		return "", 0, false // no field name is that long
	}
	e, ok := fieldIndex(fields)[keyFold(name)]
	return e.field, e.lang, ok
}

type fieldEntry struct {
	field string
	lang  int
}

var fieldIndexes sync.Map // *flatField (the list's first) → map[string]fieldEntry

// fieldIndex maps the folded names of fields to the fields.
func fieldIndex(fields []flatField) map[string]fieldEntry {
	if m, ok := fieldIndexes.Load(&fields[0]); ok {
		return m.(map[string]fieldEntry)
	}
	m := map[string]fieldEntry{}
	for _, f := range fields {
		k := keyFold(f.name)
		if len(f.french) == 0 || f.name == "id" {
			m[k] = fieldEntry{f.name, langNeutral}
		} else {
			m[k] = fieldEntry{f.name, langEnglish}
		}
		for _, fr := range f.french {
			if kf := keyFold(fr); kf == k {
				m[kf] = fieldEntry{f.name, langNeutral} // "rôle" and "role"
			} else {
				m[kf] = fieldEntry{f.name, langFrench}
			}
		}
	}
	fieldIndexes.Store(&fields[0], m)
	return m
}

// suggestField returns the field name (English or French) closest to name.
func suggestField(fields []flatField, name string) string {
	var names []string
	for _, f := range fields {
		names = append(names, f.name)
		names = append(names, f.french...)
	}
	folded := make([]string, len(names))
	for i, n := range names {
		folded[i] = keyFold(n)
	}
	if s := yamldoc.Suggest(keyFold(name), folded); s != "" {
		for i, f := range folded {
			if f == s {
				return names[i]
			}
		}
	}
	return ""
}

// fieldNames lists fields' names for messages: "name (nom), role (rôle, métier), …".
func fieldNames(fields []flatField) string {
	var parts []string
	for _, f := range fields {
		if len(f.french) > 0 {
			parts = append(parts, f.name+" ("+strings.Join(f.french, ", ")+")")
		} else {
			parts = append(parts, f.name)
		}
	}
	return strings.Join(parts, ", ")
}

// languageVote decides a deck's language from the field names a file uses:
// English when it uses English names and no French ones, French otherwise.
type languageVote struct{ french, english int }

func (v *languageVote) add(lang int) {
	switch lang {
	case langFrench:
		v.french++
	case langEnglish:
		v.english++
	}
}

func (v languageVote) result() string {
	if v.english > 0 && v.french == 0 {
		return "en"
	}
	return ""
}

var langSuffix = regexp.MustCompile(`^(.+)\.([A-Za-z]{2,3}(?:[-_][A-Za-z]{2})?)$`)

// fileMeta returns the title and language a dataset's file name gives:
// "mes-personas.csv" → "mes-personas", ""; "deck.en.csv" → "deck", "en".
func fileMeta(name string) (title, lang string) {
	base := name
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	if m := langSuffix.FindStringSubmatch(base); m != nil {
		tag := strings.ReplaceAll(m[2], "_", "-")
		if _, err := language.ParseBase(strings.SplitN(tag, "-", 2)[0]); err == nil {
			if t, err := language.Parse(tag); err == nil {
				return m[1], t.String()
			}
		}
	}
	return base, ""
}

// DefaultCategory is the category of the personas of a flat dataset that
// name none.
var DefaultCategory = Category{ID: "personas", Label: "Personas", Color: Palette[0]}

// Palette is the colours given, in order, to the categories that a flat
// dataset creates: dark and distinct from one another and from the
// built-in categories, each with a contrast of at least 4.5:1 against white
// text (WCAG AA).
var Palette = []RGB{
	{0x37, 0x47, 0x4F}, // slate
	{0x6B, 0x5B, 0x00}, // olive
	{0x00, 0x69, 0x5C}, // teal
	{0x5E, 0x35, 0xB1}, // violet
	{0x3E, 0x27, 0x23}, // dark brown
	{0x4A, 0x6B, 0x00}, // moss
	{0xB0, 0x41, 0x0E}, // rust
	{0x00, 0x5A, 0x8C}, // ocean
	{0x6D, 0x4C, 0x41}, // taupe
	{0x2D, 0x3A, 0x8C}, // navy
}

var builtin struct {
	once       sync.Once
	categories []Category
}

// BuiltinCategories returns the categories of the embedded default deck,
// which flat datasets may name by id or label.
func BuiltinCategories() []Category {
	builtin.once.Do(func() {
		d, err := LoadFS(data.FS, data.Default)
		if err != nil {
			panic("deck: the embedded deck does not load: " + err.Error())
		}
		for _, c := range d.Categories {
			c.Pos = Pos{}
			builtin.categories = append(builtin.categories, c)
		}
	})
	return append([]Category(nil), builtin.categories...)
}

// categories resolves the category names of a flat dataset.
type categories struct{ d *Deck }

// matches reports whether name names c, by id or label, without regard to
// case, accents or punctuation.
func matches(c Category, name string) bool {
	s := Slug(name)
	return s != "" && (c.ID == s || Slug(c.Label) == s)
}

// find returns the id of the deck's or a built-in category that name
// names, adding a built-in one to the deck when first used.
// An id matches before a label, the deck's categories before the
// built-in ones.
func (cs categories) find(name string, pos Pos) string {
	s := Slug(name)
	if s == "" {
		return ""
	}
	builtin := BuiltinCategories()
	for _, byLabel := range []bool{false, true} {
		for _, c := range cs.d.Categories {
			if c.ID == s || byLabel && Slug(c.Label) == s {
				return c.ID
			}
		}
		for _, c := range builtin {
			if (c.ID == s || byLabel && Slug(c.Label) == s) && cs.d.Category(c.ID) == nil {
				c.Pos = pos
				cs.d.Categories = append(cs.d.Categories, c)
				return c.ID
			}
		}
	}
	return ""
}

// resolve returns the id of the category name names: the deck's, a
// built-in one, or a new one with the next colour of the palette; the
// default category when name is empty. It returns "" when name has no
// letter or digit to make an id from.
func (cs categories) resolve(name string, pos Pos) string {
	if name == "" {
		if cs.d.Category(DefaultCategory.ID) == nil {
			c := DefaultCategory
			c.Color = cs.nextColor()
			c.Pos = pos
			cs.d.Categories = append(cs.d.Categories, c)
		}
		return DefaultCategory.ID
	}
	if id := cs.find(name, pos); id != "" {
		return id
	}
	id := Slug(name)
	if id == "" {
		return ""
	}
	// A new name one or two letters from an existing category is more
	// likely a typo than a new category: remember it, Check reports it.
	var known []string
	label := map[string]string{}
	for _, c := range append(BuiltinCategories(), cs.d.Categories...) {
		known = append(known, c.ID, Slug(c.Label))
		label[c.ID], label[Slug(c.Label)] = c.Label, c.Label
	}
	near := ""
	if len(id) > 4 {
		near = label[yamldoc.Suggest(id, known)]
	}
	cs.d.Categories = append(cs.d.Categories, Category{ID: id, Label: name, Color: cs.nextColor(), Pos: pos})
	if near != "" {
		if cs.d.near == nil {
			cs.d.near = map[string]string{}
		}
		cs.d.near[id] = near
	}
	return id
}

// nextColor is the first colour of the palette that no category of the
// deck has yet.
func (cs categories) nextColor() RGB {
	used := map[RGB]bool{}
	for _, c := range cs.d.Categories {
		used[c.Color] = true
	}
	for _, c := range Palette {
		if !used[c] {
			return c
		}
	}
	return Palette[len(cs.d.Categories)%len(Palette)]
}

// parseCopies reads a number of copies written as text; ok is false when
// s is not a whole number from 1 to MaxCopies. "" gives 0.
func parseCopies(s string) (n int, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= MaxCopies
}

// splitTags splits a cell of tags: on "|" when it has one, else on commas.
func splitTags(s string) []string {
	sep := ","
	if strings.Contains(s, "|") {
		sep = "|"
	}
	var out []string
	for _, t := range strings.Split(s, sep) {
		if t = oneLine(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// joinTags writes tags so that splitTags reads them back.
func joinTags(tags []string) string {
	if !strings.ContainsFunc(strings.Join(tags, ""), func(r rune) bool { return r == ',' }) {
		return strings.Join(tags, ", ")
	}
	s := strings.Join(tags, " | ")
	if len(tags) == 1 {
		s += " |"
	}
	return s
}
