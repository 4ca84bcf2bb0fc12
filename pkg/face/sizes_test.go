package face_test

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// sized is a layout of w × h mm cards with the defaults (3 mm bleed, 4 mm
// safe margin), one card a page on paper the card's size and its bleed.
func sized(t *testing.T, w, h float64) *layout.Spec {
	t.Helper()
	yaml := fmt.Sprintf("paper: {width: %g, height: %g}\ncard: {width: %g, height: %g}\nmargin: 0\nmarks: none\ngrid: {columns: 1, rows: 1}\ntrim_box: true\nduplex: none\n",
		w+6, h+6, w, h)
	spec, err := layout.Parse(fmt.Sprintf("c%gx%g.yaml", w, h), []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// composeDefault composes the default deck in lang for spec.
func composeDefault(t *testing.T, spec *layout.Spec, lang string) *build.Cards {
	t.Helper()
	cards, err := composeDeck(spec, lang)
	if err != nil {
		t.Fatalf("%s, %s: %v", spec.Name, lang, err)
	}
	return cards
}

func composeDeck(spec *layout.Spec, lang string) (*build.Cards, error) {
	fam, err := typeface.Default()
	if err != nil {
		return nil, err
	}
	ed, err := build.LoadEdition("", "", lang)
	if err != nil {
		return nil, err
	}
	return build.Compose(ed.Deck, spec, fam)
}

// TestAnyCardSize: the default deck, French and English, composes on
// portrait, square and landscape cards from poker size to 300 × 300 mm, and
// passes the print checks; at least three fronts in four have a locator
// map.
func TestAnyCardSize(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]float64{{63, 88}, {80, 80}, {88, 63}, {120, 70}, {300, 300}} {
		for _, lang := range []string{"fr", "en"} {
			spec := sized(t, size[0], size[1])
			for _, ink := range []bool{false, true} {
				spec.InkSaver = ink
				cards := composeDefault(t, spec, lang)
				name := fmt.Sprintf("%s %s ink %v", spec.Name, lang, ink)
				checkFaces(t, name, cards)
				// The map gives way to a long text; most fronts have one.
				maps := 0
				for _, f := range cards.Faces {
					if hasMap(f[0]) {
						maps++
					}
				}
				if maps < len(cards.Faces)*3/4 {
					t.Errorf("%s: %d of %d fronts have a locator map", name, maps, len(cards.Faces))
				}
			}
		}
	}
}

// TestLandscapeComposition: on a landscape card the name block stands
// beside the text, not above it, and the back sets the conditions beside
// the impact; on a portrait card both are stacked.
func TestLandscapeComposition(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		w, h   float64
		beside bool
	}{{88, 63, true}, {120, 70, true}, {70, 120, false}, {80, 80, false}} {
		cards := composeDefault(t, sized(t, c.w, c.h), "fr")
		for i, f := range cards.Faces {
			name, text := lineTagged(f[0], "name"), lineTagged(f[0], "text")
			cond, impact := lineTagged(f[1], "conditions[1]"), lineTagged(f[1], "impact")
			if name == nil || text == nil || cond == nil {
				t.Fatalf("%g × %g card %d: a field is missing", c.w, c.h, i+1)
			}
			if got := name.Box.Right() <= text.Box.X && text.Box.Y < name.Box.Bottom(); got != c.beside {
				t.Errorf("%g × %g card %d: name at %v, text at %v: beside = %v, want %v", c.w, c.h, i+1, name.Box, text.Box, got, c.beside)
			}
			if impact == nil {
				continue // the conditions alone take the back's width
			}
			if got := cond.Box.Right() <= impact.Box.X; got != c.beside {
				t.Errorf("%g × %g card %d: conditions at %v, impact at %v: beside = %v, want %v", c.w, c.h, i+1, cond.Box, impact.Box, got, c.beside)
			}
		}
	}
}

func lineTagged(f draw.Drawing, tag string) *draw.Text {
	for i := range f.Text {
		if f.Text[i].Tag == tag {
			return &f.Text[i]
		}
	}
	return nil
}

var suggested = regexp.MustCompile(`card: \{width: ([0-9.]+), height: ([0-9.]+)\}`)

// TestCardTooSmallForTheDeck: the default deck's longest backs do not fit a
// 40 × 60 mm card even at 7 pt (Walter's conditions and impact need about
// 61 mm of height at 7 pt in French, 48 mm in English, where the card has
// 43), nor does a 40 × 40 mm card hold its texts. The build says so once,
// for the layout, naming the persona that needs the most room and the
// smallest card of the same proportions that holds the deck, which does.
func TestCardTooSmallForTheDeck(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]float64{{40, 60}, {40, 40}} {
		for _, lang := range []string{"fr", "en"} {
			spec := sized(t, size[0], size[1])
			_, err := composeDeck(spec, lang)
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("%s %s: err = %v, want a list of problems", spec.Name, lang, err)
			}
			if len(list) != 1 {
				t.Fatalf("%s %s: %d problems, want 1 for the layout:\n%v", spec.Name, lang, len(list), err)
			}
			p := list[0]
			if p.File != spec.Source || p.Card != "" || !strings.Contains(p.Msg, "too small for this deck") ||
				!strings.Contains(p.Msg, "needs the most room") {
				t.Errorf("%s %s: %v", spec.Name, lang, p)
			}
			m := suggested.FindStringSubmatch(p.Hint)
			if m == nil {
				t.Fatalf("%s %s: no smallest card in %q", spec.Name, lang, p.Hint)
			}
			w, _ := strconv.ParseFloat(m[1], 64)
			h, _ := strconv.ParseFloat(m[2], 64)
			if w <= size[0] || w/h < size[0]/size[1]-0.03 || w/h > size[0]/size[1]+0.03 {
				t.Errorf("%s %s: suggested %g × %g, not larger with the same proportions", spec.Name, lang, w, h)
			}
			cards := composeDefault(t, sized(t, w, h), lang)
			checkFaces(t, fmt.Sprintf("suggested %g × %g %s", w, h, lang), cards)
		}
	}
}

// TestTooLongForAnyCard: a persona whose text fits no card is reported on
// its own, at its field, even on a small card; the others are not.
func TestTooLongForAnyCard(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	for _, size := range [][2]float64{{70, 120}, {63, 88}} {
		ed, err := build.LoadEdition("", "", "fr")
		if err != nil {
			t.Fatal(err)
		}
		d := ed.Deck
		d.Personas[3].Text = strings.Repeat("Je parle beaucoup trop longtemps. ", 60)
		spec := sized(t, size[0], size[1])
		_, err = build.Compose(d, spec, fam)
		var list diag.List
		if !errors.As(err, &list) || len(list) != 1 {
			t.Fatalf("%s: %v, want one problem", spec.Name, err)
		}
		if p := list[0]; p.Card != d.Personas[3].ID || p.Field != "text" || p.Line != d.Personas[3].Fields["text"].Line {
			t.Errorf("%s: %v, want persona %s's text at line %d", spec.Name, p, d.Personas[3].ID, d.Personas[3].Fields["text"].Line)
		}
	}
}

// TestMapColours: the country is drawn in its category's colour, and in
// both modes the land stays light enough for the country, in its
// category's colour, to stand out in grey (luminance contrast 3:1, WCAG's
// figure for graphics).
func TestMapColours(t *testing.T) {
	t.Parallel()
	for _, ink := range []bool{false, true} {
		spec, _ := build.LoadLayout("tarot")
		spec.InkSaver = ink
		cards := composeDefault(t, spec, "fr")
		for i, f := range cards.Faces {
			colours := map[draw.Color]bool{}
			for _, ic := range f[0].Icons {
				if strings.HasPrefix(ic.Name, "locator:") {
					colours[ic.Color] = true
				}
			}
			cat := draw.Color(cards.Deck.Category(cards.Deck.Personas[i].Category).Color)
			if !colours[cat] {
				t.Errorf("ink %v card %d: the country is not drawn in its category's colour %v", ink, i+1, cat)
			}
			for c := range colours {
				if c == cat || c == draw.White {
					continue
				}
				if r := contrast(deck.RGB(c), deck.RGB(cat)); r < 3 {
					t.Errorf("ink %v card %d: land %v against the country %v: %.2f:1", ink, i+1, c, cat, r)
				}
			}
		}
	}
}

// hasMap reports whether a face shows a locator map.
func hasMap(f draw.Drawing) bool {
	for _, ic := range f.Icons {
		if strings.HasPrefix(ic.Name, "locator:") {
			return true
		}
	}
	return false
}
