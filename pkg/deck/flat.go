package deck

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// This file holds what the flat formats (tables and Markdown) share:
// field names in English and French, found by the schema; built-in and
// new categories; the deck's metadata from the file name.

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

// nameIndex finds the fields of a schema by the names a table's header or
// a Markdown key line gives them, in English or French.
type nameIndex struct {
	byFold map[string]fieldEntry
	names  []string // every name, English then French, for suggestions
	folded []string
	list   string // "name (nom), role (rôle, métier), …", for messages
	french map[string][]string
}

type fieldEntry struct {
	field string
	lang  int
}

func indexOf[T any](schema []field[T]) *nameIndex {
	ix := &nameIndex{byFold: map[string]fieldEntry{}, french: map[string][]string{}}
	var parts []string
	for _, f := range schema {
		k := keyFold(f.name)
		if len(f.french) == 0 || f.shared {
			ix.byFold[k] = fieldEntry{f.name, langNeutral}
		} else {
			ix.byFold[k] = fieldEntry{f.name, langEnglish}
		}
		for _, fr := range f.french {
			if kf := keyFold(fr); kf == k {
				ix.byFold[kf] = fieldEntry{f.name, langNeutral} // "rôle" and "role"
			} else {
				ix.byFold[kf] = fieldEntry{f.name, langFrench}
			}
		}
		for _, a := range f.aliases {
			kf := keyFold(a.name)
			if e, ok := ix.byFold[kf]; ok {
				panic(fmt.Sprintf("deck: the alias %q of %s is already a name of %s", a.name, f.name, e.field))
			}
			ix.byFold[kf] = fieldEntry{f.name, a.lang}
		}
		ix.names = append(ix.names, f.name)
		ix.names = append(ix.names, f.french...)
		for _, a := range f.aliases {
			ix.names = append(ix.names, a.name)
		}
		ix.french[f.name] = f.french
		if len(f.french) > 0 {
			parts = append(parts, f.name+" ("+strings.Join(f.french, ", ")+")")
		} else {
			parts = append(parts, f.name)
		}
	}
	for _, n := range ix.names {
		ix.folded = append(ix.folded, keyFold(n))
	}
	ix.list = strings.Join(parts, ", ")
	return ix
}

var (
	personaNames  = indexOf(personaSchema)
	metaNames     = indexOf(deckSchema)
	categoryNames = indexOf(categorySchema)
)

// lookup finds the field a name stands for, and which language the name
// is in (neutral when both languages write it alike, as id, role,
// conditions, impact, image).
func (ix *nameIndex) lookup(name string) (field string, lang int, ok bool) {
	if len(name) > 40 {
		return "", 0, false // no field name is that long
	}
	e, ok := ix.byFold[keyFold(name)]
	return e.field, e.lang, ok
}

// suggest returns the field name (English or French) closest to name; for
// a name of several words, failing that, the one that one of its words
// names ("Nom du personnage": "nom", "Pays d'origine": "pays").
func (ix *nameIndex) suggest(name string) string {
	if len(name) > 40 {
		return ""
	}
	if s := ix.closest(name); s != "" {
		return s
	}
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) < 2 {
		return ""
	}
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 3 {
			if s := ix.closest(w); s != "" {
				return s
			}
		}
	}
	return ""
}

// closest returns the field name closest to name, or "".
func (ix *nameIndex) closest(name string) string {
	if s := yamldoc.Suggest(keyFold(name), ix.folded); s != "" {
		for i, f := range ix.folded {
			if f == s {
				return ix.names[i]
			}
		}
	}
	return ""
}

// namesOf returns a field's names for a hint: "\"rôle\" (or \"métier\", \"role\")".
func (ix *nameIndex) namesOf(field string) string {
	fr := ix.french[field]
	if len(fr) == 0 {
		return fmt.Sprintf("%q", field)
	}
	var others []string
	for _, n := range fr[1:] {
		others = append(others, fmt.Sprintf("%q", n))
	}
	others = append(others, fmt.Sprintf("%q", field))
	return fmt.Sprintf("%q (or %s)", fr[0], strings.Join(others, ", "))
}

// localName returns a field's name in a table or a key line, in French
// when fr.
func localName[T any](f *field[T], fr bool) string {
	if fr && len(f.french) > 0 {
		return f.french[0]
	}
	return f.name
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
			c.Pos, c.Fields = Pos{}, nil // where the embedded deck has them means nothing elsewhere
			builtin.categories = append(builtin.categories, c)
		}
	})
	return append([]Category(nil), builtin.categories...)
}

// MaxCategories is the most categories a deck may have. Each has its own
// colour on the cards: a few make sense, hundreds are a column mistaken
// for the category's.
const MaxCategories = 100

// categories holds a deck's categories while it is read, indexed by id
// and by label, so that naming one costs the same however many there are.
type categories struct {
	d       *Deck
	builtin []Category
	byID    map[string]int // index in d.Categories
	byLabel map[string]int // by Slug(label)
	used    map[RGB]bool   // colours taken
	// over is set once a category past MaxCategories has been reported.
	over bool
}

func newCategories(d *Deck) *categories {
	return &categories{d: d, byID: map[string]int{}, byLabel: map[string]int{}, used: map[RGB]bool{}}
}

// insert adds c to the deck; false when the deck has MaxCategories already.
func (cs *categories) insert(c Category) bool {
	if len(cs.d.Categories) >= MaxCategories {
		return false
	}
	i := len(cs.d.Categories)
	cs.d.Categories = append(cs.d.Categories, c)
	if _, ok := cs.byID[c.ID]; !ok {
		cs.byID[c.ID] = i
	}
	if s := Slug(c.Label); s != "" {
		if _, ok := cs.byLabel[s]; !ok {
			cs.byLabel[s] = i
		}
	}
	cs.used[c.Color] = true
	return true
}

func (cs *categories) has(id string) bool {
	_, ok := cs.byID[id]
	return ok
}

func (cs *categories) builtins() []Category {
	if cs.builtin == nil {
		cs.builtin = BuiltinCategories()
	}
	return cs.builtin
}

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
func (cs *categories) find(name string, pos Pos) string {
	s := Slug(name)
	if s == "" {
		return ""
	}
	if _, ok := cs.byID[s]; ok {
		return s
	}
	for _, c := range cs.builtins() {
		if c.ID == s {
			c.Pos = pos
			if cs.insert(c) {
				return c.ID
			}
		}
	}
	if i, ok := cs.byLabel[s]; ok {
		return cs.d.Categories[i].ID
	}
	for _, c := range cs.builtins() {
		if Slug(c.Label) == s && !cs.has(c.ID) {
			c.Pos = pos
			if cs.insert(c) {
				return c.ID
			}
		}
	}
	return ""
}

// resolve returns the id of the category name names: the deck's, a
// built-in one, or a new one with the next colour of the palette; the
// default category when name is empty. It returns "" when name has no
// letter or digit to make an id from, and when the deck has
// MaxCategories already (the problem is added to problems, once).
func (cs *categories) resolve(name string, pos Pos, problems *diag.List, file string) string {
	if name == "" {
		if !cs.has(DefaultCategory.ID) {
			c := DefaultCategory
			c.Color = cs.nextColor()
			c.Pos = pos
			if !cs.insert(c) {
				cs.tooMany(name, pos, problems, file)
				return ""
			}
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
	if len(cs.d.Categories) >= MaxCategories {
		cs.tooMany(name, pos, problems, file)
		return ""
	}
	// A new name one or two letters from an existing category is more
	// likely a typo than a new category: remember it, Check reports it.
	near := ""
	if len(id) > 4 && len(id) <= 40 {
		var known []string
		label := map[string]string{}
		for _, c := range append(cs.builtins(), cs.d.Categories...) {
			known = append(known, c.ID, Slug(c.Label))
			label[c.ID], label[Slug(c.Label)] = c.Label, c.Label
		}
		near = label[yamldoc.Suggest(id, known)]
	}
	cs.insert(Category{ID: id, Label: name, Color: cs.nextColor(), Pos: pos})
	if near != "" {
		if cs.d.near == nil {
			cs.d.near = map[string]string{}
		}
		cs.d.near[id] = near
	}
	return id
}

func (cs *categories) tooMany(name string, pos Pos, problems *diag.List, file string) {
	if cs.over {
		return
	}
	cs.over = true
	problems.Add(problemAt(file, pos, "", "category", fmt.Sprintf("%s would be category number %d, more than the %d a deck may have",
		diag.Quote(name), MaxCategories+1, MaxCategories),
		"categories group personas under a few colours: is this the category column? Use the categories you have"))
}

// nextColor is the first colour of the palette that no category of the
// deck has yet.
func (cs *categories) nextColor() RGB {
	for _, c := range Palette {
		if !cs.used[c] {
			return c
		}
	}
	return Palette[len(cs.d.Categories)%len(Palette)]
}

// define adds a category that a table's row or a Markdown list declares,
// from its id, label and colour, any of which may be empty: a built-in
// category fills in what is missing, and the palette gives a colour. It
// returns the field and the message of a problem, if any.
func (cs *categories) define(id, label, color string, pos Pos, where map[string]Pos) (field, msg, hint string) {
	if id == "" && label == "" {
		return "id", "a category needs an id or a label", "write catégorie;id;label;#RRGGBB"
	}
	if id != "" && !IsSlug(id) && Slug(id) != "" {
		// A name where the id goes ("Livraison", as persona rows write
		// it): the id is made from it, and it is the label unless one is
		// given.
		if label == "" {
			label = id
		}
		id = Slug(id)
	}
	var base *Category
	for _, b := range cs.builtins() {
		if id != "" && b.ID == id || id == "" && matches(b, label) {
			base = &b
			break
		}
	}
	c := Category{ID: id, Label: label, Pos: pos, Fields: where}
	if c.ID == "" {
		c.ID = Slug(label)
		if base != nil {
			c.ID = base.ID
		}
	}
	if msg, hint := checkCategoryID(c.ID); msg != "" {
		return "id", msg, hint
	}
	if i, ok := cs.byID[c.ID]; ok {
		return "id", fmt.Sprintf("category %s is defined twice (first %s)", diag.Quote(c.ID), cs.d.Categories[i].Pos.place()), "give each category its own id"
	}
	if c.Label == "" {
		c.Label = labelOf(c.ID)
		if base != nil {
			c.Label = base.Label
		}
	}
	switch {
	case color != "":
		rgb, err := ParseRGB(color)
		if err != nil {
			return "color", err.Error(), ""
		}
		c.Color = rgb
	case base != nil:
		c.Color = base.Color
	default:
		c.Color = cs.nextColor()
	}
	if !cs.insert(c) {
		return "id", fmt.Sprintf("more than the %d categories a deck may have", MaxCategories), "group the personas under fewer categories"
	}
	return "", "", ""
}

// labelOf makes a label from an id, for a category given no label: words
// for hyphens, a capital first ("travail-a-domicile": "Travail a domicile"),
// rather than the id in lower case in the card's band.
func labelOf(id string) string {
	s := strings.ReplaceAll(id, "-", " ")
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
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

// joinConditions writes a list of conditions in one cell, one per line,
// so that a table's reader splits it back.
func joinConditions(items []string) string {
	s := strings.Join(items, "\n")
	if len(items) == 1 && strings.Contains(s, " | ") {
		s += "\n" // one line would be split at " | "
	}
	return s
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
