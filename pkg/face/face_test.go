package face_test

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/face"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
)

var update = flag.Bool("update", false, "rewrite golden files")

// composed returns every card of the default deck composed for every built-in layout.
func composed(t *testing.T) map[string]*build.Cards {
	t.Helper()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	d, err := build.LoadDeck("")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*build.Cards{}
	for _, name := range layouts.Names() {
		spec, err := build.LoadLayout(name)
		if err != nil {
			t.Fatal(err)
		}
		cards, err := build.Compose(d, spec, fam)
		if err != nil {
			t.Fatalf("layout %s: %v", name, err)
		}
		out[name] = cards
	}
	return out
}

// TestTextInSafeZone checks every line of every card of the default deck on
// every built-in layout: inside the safe zone, at or above the minimum size,
// and running text at 7 pt or more.
func TestTextInSafeZone(t *testing.T) {
	for name, cards := range composed(t) {
		spec := cards.Spec
		safe := geom.R(0, 0, spec.Card.W, spec.Card.H).Inset(spec.Safe)
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
					if tx.Size < 7-1e-9 {
						t.Errorf("%s: %q at %.2f pt is too small to read", where, tx.String(), tx.Size)
					}
				}
				// Icons stay in the safe zone, clear of the text.
				for _, ic := range f.Icons {
					if !safe.Contains(ic.Rect) {
						t.Errorf("%s: icon %v leaves the safe zone", where, ic.Rect)
					}
					for _, tx := range f.Text {
						if tx.Box.Overlaps(ic.Rect) {
							t.Errorf("%s: the icon runs into %q", where, tx.String())
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
				bleed := geom.R(0, 0, spec.Card.W, spec.Card.H).Outset(spec.Bleed)
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

// TestGoldenFace pins the composed faces of the first card, so that a change
// in layout shows up as a readable diff. Run with -update to accept one.
func TestGoldenFace(t *testing.T) {
	for _, name := range []string{"tarot"} {
		cards := composed(t)[name]
		got, err := json.MarshalIndent(struct {
			Front, Back draw.Drawing
		}{cards.Faces[0][0], cards.Faces[0][1]}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		// Round to 0.001 mm so that the file does not depend on float printing.
		got = regexp.MustCompile(`(\d+\.\d{3})\d+`).ReplaceAll(got, []byte("$1"))
		path := filepath.Join("testdata", "hao-"+name+".golden.json")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./pkg/face -update to create it)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from the composed face; run go test ./pkg/face -update if the change is intended", path)
		}
	}
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
	if !errors.As(err, &fe) || fe.Card != "bavard" || fe.Field != "text" {
		t.Errorf("FieldError = %+v", fe)
	}
}

// TestInkSaverAndCommonBack composes every card in ink-saver mode with a
// common back: white grounds, every line inside the safe zone, and backs
// that are the same for every card.
func TestInkSaverAndCommonBack(t *testing.T) {
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
