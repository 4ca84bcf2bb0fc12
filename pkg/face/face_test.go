package face_test

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cardgen/cardgen/internal/testdiff"
	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/face"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/icons"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
)

var update = flag.Bool("update", false, "rewrite golden files")

// composed returns every card of the default deck composed for every built-in layout.
func composed(t *testing.T) map[string]*build.Cards {
	t.Helper()
	composedOnce.Do(func() { composedCards, composedErr = composeBuiltins() })
	if composedErr != nil {
		t.Fatal(composedErr)
	}
	return composedCards
}

var (
	composedOnce  sync.Once
	composedCards map[string]*build.Cards
	composedErr   error
)

func composeBuiltins() (map[string]*build.Cards, error) {
	fam, err := typeface.Default()
	if err != nil {
		return nil, err
	}
	d, err := build.LoadDeck("")
	if err != nil {
		return nil, err
	}
	out := map[string]*build.Cards{}
	for _, name := range layouts.Names() {
		spec, err := build.LoadLayout(name)
		if err != nil {
			return nil, err
		}
		cards, err := build.Compose(d, spec, fam)
		if err != nil {
			return nil, fmt.Errorf("layout %s: %w", name, err)
		}
		out[name] = cards
	}
	return out, nil
}

// TestTextInSafeZone checks every card of the default deck on every
// built-in layout with the print checks (checkFaces).
func TestTextInSafeZone(t *testing.T) {
	t.Parallel()
	for name, cards := range composed(t) {
		checkFaces(t, name, cards)
	}
}

// checkFaces checks every face of cards as a print shop and a reader would:
// every line inside the safe zone, none below 7 pt, running text at or
// above the minimum body size, no two lines overlapping, icons and the map
// inside the safe zone and clear of the text, the background reaching the
// bleed edge and no fill leaving it.
func checkFaces(t *testing.T, name string, cards *build.Cards) {
	t.Helper()
	spec := cards.Spec
	safe := geom.R(0, 0, spec.Card.W, spec.Card.H).Inset(spec.Safe)
	bleed := geom.R(0, 0, spec.Card.W, spec.Card.H).Outset(spec.Bleed)
	for i, faces := range cards.Faces {
		for side, f := range faces {
			where := fmt.Sprintf("%s card %d (%s) %s", name, i+1, cards.Deck.Personas[i].ID, layout.Side(side))
			if len(f.Text) == 0 {
				t.Errorf("%s: no text", where)
			}
			for _, tx := range f.Text {
				if !safe.Contains(tx.Box) {
					t.Errorf("%s: %q at %v leaves the safe zone %v", where, tx.String(), tx.Box, safe)
				}
				if min := build.MinBody(spec.Card.W); isBody(tx.Tag) && tx.Size < min-1e-9 {
					t.Errorf("%s: body text %q at %.2f pt, below %.1f pt", where, tx.String(), tx.Size, min)
				}
				if tx.Size < build.MinSize-1e-9 {
					t.Errorf("%s: %q at %.2f pt is too small to read", where, tx.String(), tx.Size)
				}
			}
			// Icons and the map stay in the safe zone, clear of the text:
			// what they draw, which for a map's icons is the map's box in the
			// middle of their square.
			var boxes []geom.Rect
			for _, ic := range f.Icons {
				boxes = append(boxes, iconBounds(t, ic))
			}
			if len(f.Shapes) > 0 {
				boxes = append(boxes, shapesBounds(f.Shapes))
			}
			for _, b := range boxes {
				if !safe.Contains(b) {
					t.Errorf("%s: an icon or the map at %v leaves the safe zone", where, b)
				}
				for _, tx := range f.Text {
					if tx.Box.Overlaps(b) {
						t.Errorf("%s: an icon or the map at %v runs into %q", where, b, tx.String())
					}
				}
			}
			// No two lines overlap.
			for a := range f.Text {
				for b := a + 1; b < len(f.Text); b++ {
					if f.Text[a].Box.Overlaps(f.Text[b].Box) {
						t.Errorf("%s: %q and %q overlap", where, f.Text[a].String(), f.Text[b].String())
					}
				}
			}
			// The background reaches the bleed edge.
			if len(f.Fills) == 0 || !f.Fills[0].Rect.Equal(bleed) {
				t.Errorf("%s: the background does not cover the bleed %v", where, bleed)
			}
			for _, fill := range f.Fills {
				if !bleed.Contains(fill.Rect) {
					t.Errorf("%s: fill %v leaves the bleed", where, fill.Rect)
				}
			}
		}
	}
}

// isBody reports whether a line with this tag is running text, which must
// stay at or above the minimum body size: the first-person text, and on the
// back the headings, conditions and impact.
func isBody(tag string) bool {
	return tag == "text" || tag == "heading" || tag == "impact" || strings.HasPrefix(tag, "conditions[")
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

func words(s string) []string { return wordRE.FindAllString(textfit.Plain(s), -1) }

// TestEveryWordOnItsCard checks that every word of a persona's fields is set
// on that persona's card: on the front for name, role, country and text; on
// the back for conditions and impact.
func TestEveryWordOnItsCard(t *testing.T) {
	t.Parallel()
	cards := composed(t)["tarot"]
	for i, p := range cards.Deck.Personas {
		text := func(f draw.Drawing) string {
			var b strings.Builder
			for _, tx := range f.Text {
				b.WriteString(tx.String())
				b.WriteString(" ")
			}
			return b.String()
		}
		front, back := words(text(cards.Faces[i][0])), words(text(cards.Faces[i][1]))
		check := func(field, value string, got []string) {
			have := map[string]int{}
			for _, w := range got {
				have[w]++
			}
			for _, w := range words(value) {
				if have[w] == 0 {
					t.Errorf("%s: word %q of %s is not on the card", p.ID, w, field)
				}
			}
		}
		check("name", p.Name, front)
		check("role", p.Role, front)
		check("country", p.Country, front)
		check("text", p.Text, front)
		check("conditions", strings.Join(p.Conditions, " "), back)
		check("impact", p.Impact, back)
		check("name", p.Name, back)
	}
}

// TestGoldenFace pins the composed faces of the first card on a tarot card
// and on a landscape card, as a summary a reviewer can read: one line per
// fill, rule, icon and text line, and the map's shapes counted with their
// bounds, in mm rounded to 0.1. Run with -update to accept a change.
func TestGoldenFace(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		spec func(t *testing.T) *layout.Spec
	}{
		{"tarot", func(t *testing.T) *layout.Spec { s, _ := build.LoadLayout("tarot"); return s }},
		{"88x63", func(t *testing.T) *layout.Spec { return sized(t, 88, 63) }},
	} {
		cards := composeDefault(t, c.spec(t), "fr")
		got := summary("front", cards.Faces[0][0]) + summary("back", cards.Faces[0][1])
		testdiff.Golden(t, filepath.Join("testdata", "hao-"+c.name+".golden.txt"), got, *update, "go test ./pkg/face -run TestGoldenFace -update")
	}
}

// summary lists what a face draws, one thing a line.
func summary(side string, f draw.Drawing) string {
	var b strings.Builder
	r := func(x geom.Rect) string { return fmt.Sprintf("%.1f,%.1f %.1f×%.1f", x.X, x.Y, x.W, x.H) }
	for _, fl := range f.Fills {
		fmt.Fprintf(&b, "%s fill  %s %v\n", side, r(fl.Rect), fl.Color)
	}
	for _, im := range f.Images {
		fmt.Fprintf(&b, "%s image %s %s\n", side, r(im.Rect), im.Key)
	}
	for _, ic := range f.Icons {
		shapes, _ := icons.For(ic.Name)
		fmt.Fprintf(&b, "%s icon  %s %s %v, %d shapes\n", side, r(ic.Rect), ic.Name, ic.Color, len(shapes))
	}
	if len(f.Shapes) > 0 {
		bounds := shapesBounds(f.Shapes)
		colours := map[draw.Color]int{}
		for _, sh := range f.Shapes {
			colours[sh.Color]++
		}
		keys := make([]string, 0, len(colours))
		for c, n := range colours {
			keys = append(keys, fmt.Sprintf("%v×%d", c, n))
		}
		slices.Sort(keys)
		fmt.Fprintf(&b, "%s shape %s %d shapes %s\n", side, r(bounds), len(f.Shapes), strings.Join(keys, " "))
	}
	for _, ru := range f.Rules {
		fmt.Fprintf(&b, "%s rule  %.1f,%.1f–%.1f,%.1f %.2f %v\n", side, ru.Seg.A.X, ru.Seg.A.Y, ru.Seg.B.X, ru.Seg.B.Y, ru.Width, ru.Color)
	}
	for _, tx := range f.Text {
		fmt.Fprintf(&b, "%s text  %s %.2fpt %s %q\n", side, r(tx.Box), tx.Size, tx.Tag, tx.String())
	}
	return b.String()
}

// iconBounds is where an icon draws: the bounds of its shapes in its
// rectangle.
func iconBounds(t *testing.T, ic draw.Icon) geom.Rect {
	t.Helper()
	shapes, ok := icons.For(ic.Name)
	if !ok {
		t.Fatalf("no icon %q", ic.Name)
	}
	var out []draw.Shape
	for _, sh := range shapes.In(ic.Rect) {
		out = append(out, draw.Shape{Points: sh})
	}
	return shapesBounds(out)
}

func shapesBounds(shapes []draw.Shape) geom.Rect {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, sh := range shapes {
		for _, p := range sh.Points {
			x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
		}
	}
	return geom.R(x0, y0, x1-x0, y1-y0)
}

// TestFitErrorNamesField checks that a text too long for the card is an
// error naming the persona and the field.
func TestFitErrorNamesField(t *testing.T) {
	fam, _ := typeface.Default()
	p := &deck.Persona{ID: "bavard", Name: "Bavard", Role: "Orateur", Country: "France",
		Text: strings.Repeat("Je parle beaucoup trop longtemps. ", 80), Conditions: []string{"Aucune"}}
	c := face.Content{Persona: p, Category: &deck.Category{ID: "x", Label: "X"}, Number: "1/1", Title: "T",
		ConditionsLabel: "Conditions", ImpactLabel: "Impact"}
	_, _, err := face.Compose(c, face.Geometry{W: 70, H: 120, Bleed: 3, Safe: 4}, fam, face.DefaultStyle)
	var fe *face.FieldError
	if err == nil || !strings.Contains(err.Error(), "front text") {
		t.Fatalf("err = %v, want a fit error on the front text", err)
	}
	if !errors.As(err, &fe) || fe.Card != "bavard" || fe.Field != (face.Field{Part: face.Text}) {
		t.Errorf("FieldError = %+v", fe)
	}
}

// TestInkSaverAndCommonBack composes every card in ink-saver mode with a
// common back: white grounds, every line inside the safe zone, and backs
// that are the same for every card.
func TestInkSaverAndCommonBack(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	d, err := build.LoadDeck("")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"tarot", "poker"} {
		spec, _ := build.LoadLayout(name)
		spec.InkSaver = true
		spec.Backs = layout.BacksCommon
		cards, err := build.Compose(d, spec, fam)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		safe := geom.R(0, 0, spec.Card.W, spec.Card.H).Inset(spec.Safe)
		white := draw.White
		firstBack, _ := json.Marshal(cards.Faces[0][1])
		for i, f := range cards.Faces {
			for side, fc := range f {
				if fc.Fills[0].Color != white {
					t.Errorf("%s card %d side %d: ground %v, want white", name, i+1, side, fc.Fills[0].Color)
				}
				for _, fill := range fc.Fills[1:] {
					// Colour only in a thin stripe, at most 2 mm into the card.
					if fill.Rect.Bottom() > 2+1e-9 {
						t.Errorf("%s card %d side %d: a coloured fill reaches %.1f mm into the card", name, i+1, side, fill.Rect.Bottom())
					}
				}
				for _, tx := range fc.Text {
					if !safe.Contains(tx.Box) {
						t.Errorf("%s card %d side %d: %q leaves the safe zone", name, i+1, side, tx.String())
					}
				}
			}
			if back, _ := json.Marshal(f[1]); string(back) != string(firstBack) {
				t.Errorf("%s card %d: the common back differs from card 1's", name, i+1)
			}
		}
	}
}

// TestFooterTitle: a title a little too long for a card's footer is cut
// after a word, with an ellipsis; one of which less than half would show is
// an error on the deck title.
func TestFooterTitle(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	p := &deck.Persona{ID: "a", Name: "A", Role: "R", Country: "France", Text: "Texte.", Conditions: []string{"Aucune"}}
	g := face.Geometry{W: 63, H: 88, Bleed: 3, Safe: 4}
	st := face.DefaultStyle.For(g, face.Minimums{Any: 7, Body: 7})
	compose := func(title string) (draw.Drawing, error) {
		c := face.Content{Persona: p, Category: &deck.Category{ID: "x", Label: "X"}, Number: "20/20", Title: title,
			ConditionsLabel: "Conditions", ImpactLabel: "Impact"}
		f, _, err := face.Compose(c, g, fam, st)
		return f, err
	}
	f, err := compose("Les visages cachés de l'intelligence artificielle")
	if err != nil {
		t.Fatal(err)
	}
	if l := lineTagged(f, "title"); l == nil || !strings.HasSuffix(l.String(), "…") || !strings.HasPrefix(l.String(), "Les visages cachés") {
		t.Errorf("title line %v, want the title cut after a word with an ellipsis", l)
	}
	_, err = compose("Les visages cachés de l'intelligence artificielle, des mines de cobalt aux centres de données")
	var fe *face.FieldError
	if !errors.As(err, &fe) || fe.Field.Part != face.DeckTitle {
		t.Errorf("err = %v, want an error on the deck title", err)
	}
}
