// Package build composes a deck for a layout and renders it: it checks
// every character against the font, fits every card's text (pkg/face),
// prepares the pictures, imposes the cards on sheets and draws them as a
// PDF, in memory. The operations users ask for (build, validate, preview,
// guide…) are in package app, which calls this one.
package build

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/edition"
	"github.com/cardgen/cardgen/pkg/face"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/render/pdf"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// DefaultDate is the date written into PDFs when SOURCE_DATE_EPOCH is not
// set: fixed, so that builds are reproducible.
var DefaultDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// MinSize is the smallest type on any card, in points: body text below it
// is hard to read in the hand, so a card that would need less is an error.
const MinSize = 7.0

// MinSizeLarge is the smallest body text on tarot-size cards and larger
// (70 mm wide or more), which students read across a table.
const MinSizeLarge = 7.5

// MinBody is the smallest body text for cards w mm wide.
func MinBody(w float64) float64 {
	if w >= 70-1e-9 {
		return MinSizeLarge
	}
	return MinSize
}

// Creator is written as the PDF's creator.
const Creator = "cardgen"

// LoadDeck reads the dataset at path, or the embedded default deck when
// path is "", in its own language. (Tests of the packages below use it;
// the operations read datasets through package app.)
func LoadDeck(path string) (*deck.Deck, error) {
	ed, err := LoadEdition(path, "", "")
	if err != nil {
		return nil, err
	}
	return ed.Deck, nil
}

// Edition is a deck in the language asked for (package edition).
type Edition = edition.Edition

// LoadEdition reads the dataset at path (the embedded deck when path is
// "") in the edition of lang; see edition.Load. A deck with problems is
// not returned.
func LoadEdition(path, format, lang string) (*Edition, error) {
	ed, err := edition.Load(edition.Source{Path: path, Format: format}, lang)
	if err != nil {
		return nil, err
	}
	return ed, nil
}

// UnknownLayoutError says a layout name is neither built in nor a file.
type UnknownLayoutError struct{ Name string }

func (e *UnknownLayoutError) Error() string {
	msg := fmt.Sprintf("unknown layout %q", e.Name)
	if s := yamldoc.Suggest(e.Name, layouts.Names()); s != "" {
		msg += fmt.Sprintf(": did you mean %q?", s)
	}
	return fmt.Sprintf("%s; the built-in layouts are %s, or give the path of a layout file (.yaml)",
		msg, strings.Join(layouts.Names(), ", "))
}

// LoadLayout reads a built-in layout by name, or a spec file by path.
func LoadLayout(nameOrPath string) (*layout.Spec, error) {
	if _, ok := layouts.File(nameOrPath); ok && !strings.ContainsAny(nameOrPath, `/\`) {
		return layout.Builtin(nameOrPath)
	}
	if strings.ContainsAny(nameOrPath, `/\`) || strings.HasSuffix(nameOrPath, ".yaml") || strings.HasSuffix(nameOrPath, ".yml") {
		return layout.LoadFile(nameOrPath)
	}
	return nil, &UnknownLayoutError{Name: nameOrPath}
}

// Date returns the date to write into PDFs: SOURCE_DATE_EPOCH (seconds since
// 1970, as reproducible-builds.org defines it) when epoch is not empty,
// DefaultDate otherwise.
func Date(epoch string) (time.Time, error) {
	if epoch == "" {
		return DefaultDate, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(epoch), 10, 64)
	if err != nil || n < 0 || n > 253402300799 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970-01-01; unset it or set it to, e.g., $(git log -1 --format=%%ct)", epoch)
	}
	return time.Unix(n, 0).UTC(), nil
}

// Cards is a deck composed for one layout: both faces of every card, and
// the pictures they show.
type Cards struct {
	Deck   *deck.Deck
	Spec   *layout.Spec
	Faces  [][2]draw.Drawing
	Images map[string]draw.Image
}

// Compose checks that every character of d is in the font and composes every
// card for spec. Problems come back all at once, each naming the file, line,
// persona and field.
func Compose(d *deck.Deck, spec *layout.Spec, fam *typeface.Family) (*Cards, error) {
	c, err := newComposition(d, spec, fam)
	if err != nil {
		return nil, err
	}
	cards := &Cards{Deck: d, Spec: spec, Faces: make([][2]draw.Drawing, len(d.Personas)), Images: c.images}
	// Cards are composed independently: share them out among the cores.
	// Each result goes to its card's own slot, so the output does not
	// depend on which goroutine did what.
	eachParallel(len(d.Personas), func(i int) {
		front, back, err := c.compose(i, true)
		if err == nil {
			cards.Faces[i] = [2]draw.Drawing{front, back}
		}
	}, c.what)
	if err := c.finish(); err != nil {
		return nil, err
	}
	return cards, nil
}

// composition is what composing a deck for a layout needs, made once, and
// what it found: the problems of the font's coverage and of every card.
type composition struct {
	d       *deck.Deck
	spec    *layout.Spec
	fam     *typeface.Family
	typeset func(string) string
	geo     face.Geometry
	style   face.Style
	images  map[string]draw.Image
	content func(i int) face.Content
	// problems are the deck's own (its title, its categories); coverage[i]
	// and errs[i] persona i's, each written by the goroutine that
	// composed it.
	problems diag.List
	coverage []diag.List
	errs     []error
}

// newComposition checks the deck's title and labels against the font and
// prepares the pictures and everything the cards share.
func newComposition(d *deck.Deck, spec *layout.Spec, fam *typeface.Family) (*composition, error) {
	c := &composition{d: d, spec: spec, fam: fam, typeset: typo.For(d.Language),
		coverage: make([]diag.List, len(d.Personas)), errs: make([]error, len(d.Personas))}
	// Characters the font lacks are reported with the cards that do not
	// fit, in one pass: a missing glyph measures nothing, which does no harm
	// to the fitting of the rest.
	checkDeckCoverage(d, fam, c.typeset, &c.problems)
	p := labels.Printer(d.Language)
	c.geo, c.style = cardDesign(spec)
	refs, images, err := prepareImages(d, spec, func(ps *deck.Persona) deck.RGB {
		if cat := d.Category(ps.Category); cat != nil {
			return deck.RGB(c.style.Background(draw.Color(cat.Color)))
		}
		return deck.RGB(c.style.Background(draw.Black))
	})
	if err != nil {
		return nil, err
	}
	c.images = images
	// Everything the printer (not safe to share) makes, made here, once.
	conditions, impact := p.Sprintf(labels.Conditions), p.Sprintf(labels.Impact)
	numbers := make([]string, len(d.Personas))
	for i := range numbers {
		place, total := d.Number(i) // its place in the whole deck, kept through a selection
		numbers[i] = p.Sprintf(labels.CardNumber, place, total)
	}
	// The deck's title is on every card: typeset once.
	title := c.typeset(d.Title)
	typeset := func(s string) string {
		if s == d.Title {
			return title
		}
		return c.typeset(s)
	}
	c.content = func(i int) face.Content {
		ps := &d.Personas[i]
		if ps.Country == "" {
			// Only the code is given: name the country in the deck's language.
			named := *ps
			named.Country = countryName(ps.CountryCode, d.Language)
			ps = &named
		}
		return face.Content{
			Persona:         ps,
			Category:        d.Category(ps.Category),
			Number:          numbers[i],
			Title:           d.Title,
			ConditionsLabel: conditions,
			ImpactLabel:     impact,
			Typeset:         typeset,
			CommonBack:      spec.Backs == layout.BacksCommon,
			Image:           refs[i],
		}
	}
	return c, nil
}

// compose composes persona i's card; with check, it also checks its text
// against the font and keeps what went wrong (the first time a card is
// composed; a card composed again finds the same).
func (c *composition) compose(i int, check bool) (front, back draw.Drawing, err error) {
	if check {
		checkPersonaCoverage(c.d, &c.d.Personas[i], c.fam, c.typeset, &c.coverage[i])
	}
	front, back, err = face.Compose(c.content(i), c.geo, c.fam, c.style)
	if check {
		c.errs[i] = err
	}
	return front, back, err
}

func (c *composition) what(i int) string {
	return fmt.Sprintf("composing persona %q", c.d.Personas[i].ID)
}

// failed reports whether a card composed so far has a problem.
func (c *composition) failed(i int) bool { return c.errs[i] != nil || len(c.coverage[i]) > 0 }

// finish returns every problem found, once every card has been composed:
// the characters the font lacks, then the cards that do not fit. Cards
// that do not fit are composed again on other cards, to tell a card too
// small for the deck from a text too long for any card.
func (c *composition) finish() error {
	problems := c.problems
	for _, l := range c.coverage {
		problems = append(problems, l...)
	}
	problems = append(problems, fitProblems(c.d, c.spec, c.errs, func(i int, g face.Geometry) error {
		_, _, err := face.Compose(c.content(i), g, c.fam, styleFor(g, c.spec.InkSaver))
		return err
	})...)
	return problems.Unique().Err()
}

func cardSize(spec *layout.Spec) string {
	return layout.MM(spec.Card.W) + " × " + layout.MM(spec.Card.H) + " mm"
}

// checkCoverage reports every character the font cannot draw, with its U+
// code and where it is.
func checkCoverage(d *deck.Deck, fam *typeface.Family, typeset func(string) string, problems *diag.List) {
	checkDeckCoverage(d, fam, typeset, problems)
	for i := range d.Personas {
		checkPersonaCoverage(d, &d.Personas[i], fam, typeset, problems)
	}
}

// checkDeckCoverage checks the deck's title and its categories' labels.
func checkDeckCoverage(d *deck.Deck, fam *typeface.Family, typeset func(string) string, problems *diag.List) {
	checkText(d, nil, d.Fields["title"], "title", d.Title, fam, typeset, problems)
	for i := range d.Categories {
		c := &d.Categories[i]
		checkText(d, nil, c.Where("label"), "label", c.Label, fam, typeset, problems)
	}
}

// checkPersonaCoverage checks the fields of one persona.
func checkPersonaCoverage(d *deck.Deck, ps *deck.Persona, fam *typeface.Family, typeset func(string) string, problems *diag.List) {
	check := func(field, text string) { checkText(d, ps, ps.Where(field), field, text, fam, typeset, problems) }
	check("name", ps.Name)
	check("role", ps.Role)
	if ps.Country != "" {
		check("country", ps.Country)
	} else {
		check("country_code", countryName(ps.CountryCode, d.Language))
	}
	check("text", ps.Text)
	for j, c := range ps.Conditions {
		check(fmt.Sprintf("conditions[%d]", j+1), c)
	}
	check("impact", ps.Impact)
}

// checkText reports the characters of a field's text that the font lacks,
// placed at the first of them.
func checkText(d *deck.Deck, ps *deck.Persona, where deck.Pos, field, text string, fam *typeface.Family, typeset func(string) string, problems *diag.List) {
	seen := map[rune]bool{}
	var missing []rune
	plain := textfit.Plain(typeset(text))
	for _, st := range typeface.Styles {
		for _, r := range fam.Missing(plain, st) {
			// A control character is the dataset's problem, reported by
			// deck.Check with where it is.
			if !seen[r] && !unicode.IsControl(r) {
				seen[r] = true
				missing = append(missing, r)
			}
		}
	}
	if len(missing) == 0 {
		return
	}
	names := make([]string, len(missing))
	for i, r := range missing {
		names[i] = fmt.Sprintf("%q (U+%04X)", r, r)
	}
	p := diag.Problem{File: d.Source, Field: field,
		Msg:  fmt.Sprintf("the font %s has no glyph for %s", fam.Name, strings.Join(names, ", ")),
		Hint: "replace or remove these characters (emoji and rare symbols cannot be printed)",
		Code: diag.CodeMissingGlyph}
	pos := d.Locate(missing[0], where)
	pos.Fill(&p)
	if ps != nil {
		p.Card = ps.ID
	}
	problems.Add(p)
}

// Render imposes composed cards and renders them to PDF bytes, keeping the
// pages of the sides faces holds. It returns the PDF and its number of pages.
func Render(cards *Cards, fam *typeface.Family, date time.Time, faces layout.Faces) ([]byte, int, error) {
	d, spec := cards.Deck, cards.Spec
	// Each persona is printed as many times as its copies say: the plan
	// places card instances, each showing its persona's faces.
	order := cardOrder(d)
	instances := make([][2]*draw.Drawing, len(order))
	for i, p := range order {
		instances[i] = [2]*draw.Drawing{&cards.Faces[p][0], &cards.Faces[p][1]}
	}
	plan := impose.Impose(spec, len(order))
	if faces.One() {
		keep := layout.Front
		if faces == layout.BacksOnly {
			keep = layout.Back
		}
		var pages []impose.Page
		for _, p := range plan.Pages {
			if p.Side == keep {
				pages = append(pages, p)
			}
		}
		plan.Pages = pages
	}
	var buf bytes.Buffer
	err := pdf.Write(&buf, pdf.Document{
		Pages:  sheetPages(plan, instances),
		Family: fam,
		Images: cards.Images,
		Meta: pdf.Meta{
			Title:    textfit.Plain(typo.For(d.Language)(d.Title)),
			Author:   d.Author,
			Subject:  labels.Printer(d.Language).Sprintf(labels.Subject, len(order), spec.Name),
			Keywords: labels.Printer(d.Language).Sprintf(labels.Keywords, spec.Name),
			Creator:  Creator,
			Lang:     d.Language,
			Date:     date,
		},
	})
	if err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), len(plan.Pages), nil
}

// cardOrder lists the persona of every card to print, in order: each
// persona as many times as its copies.
func cardOrder(d *deck.Deck) []int {
	var order []int
	for i := range d.Personas {
		for range d.Personas[i].Count() {
			order = append(order, i)
		}
	}
	return order
}
