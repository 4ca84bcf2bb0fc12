package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cardgen/cardgen/pkg/diag"
)

// facesDeck is a YAML deck of the personas given, each a flow mapping's
// inside ("id: a, name: A, …"), with two categories.
func facesDeck(title string, label string, personas ...string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "deck: {title: %q, language: fr}\ncategories:\n", title)
	fmt.Fprintf(&b, "  - {id: ex, label: %q, color: \"#8A4B14\"}\n  - {id: cw, label: Clic, color: \"#7B3F8C\"}\npersonas:\n", label)
	for _, p := range personas {
		fmt.Fprintf(&b, "  - {%s, role: R, country_code: FR, conditions: [X]}\n", p)
	}
	return []byte(b.String())
}

var tooLong = strings.Repeat("Je trie des images toute la journée pour un salaire de misère. ", 30)

// faceText is the text of an SVG face, runs joined by spaces.
func faceText(svg []byte) string {
	var out []string
	for _, part := range strings.Split(string(svg), "<tspan")[1:] {
		_, text, _ := strings.Cut(part, ">")
		text, _, _ = strings.Cut(text, "</tspan>")
		out = append(out, text)
	}
	return strings.Join(out, " ")
}

func TestFacesOneCardKeepsItsNumber(t *testing.T) {
	t.Parallel()
	set, err := Faces(context.Background(), FacesOptions{Only: []string{"koffi"}, Layout: "a4", Format: SVG})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Cards) != 1 || len(set.Problems) != 0 {
		t.Fatalf("%d cards, problems %v", len(set.Cards), set.Problems)
	}
	c := set.Cards[0]
	if c.ID != "koffi" || c.Name != "Koffi" || c.Number != 2 || c.Total != 20 {
		t.Errorf("card %s %q %d/%d", c.ID, c.Name, c.Number, c.Total)
	}
	for side, svg := range map[string][]byte{"front": c.Front, "back": c.Back} {
		if !strings.Contains(faceText(svg), "2/20") || !strings.Contains(string(svg), `viewBox="0 0 70 120"`) {
			t.Errorf("the %s shows %q", side, faceText(svg))
		}
		if strings.Contains(string(svg), "@font-face") {
			t.Errorf("the %s declares fonts", side)
		}
	}
	// Every card, as PNG: pictures of the card's size.
	set, err = Faces(context.Background(), FacesOptions{Layout: "tarot", DPI: 60})
	if err != nil || len(set.Cards) != 20 || set.Cards[19].Number != 20 {
		t.Fatalf("every card: %v", err)
	}
	for _, c := range set.Cards {
		if !strings.HasPrefix(string(c.Front), "\x89PNG") || !strings.HasPrefix(string(c.Back), "\x89PNG") {
			t.Errorf("%s: not PNG", c.ID)
		}
	}
	// One card sent alone, as an excerpt of a larger deck: it keeps the
	// number it has there.
	one := facesDeck("T", "Ex", "id: a, name: A, category: ex, text: Court.")
	set, err = Faces(context.Background(), FacesOptions{Dataset: Dataset{Path: "d.yaml", Data: one, FS: fstest.MapFS{}}, Format: SVG, Number: 742, Total: 1000})
	if err != nil || set.Cards[0].Number != 742 || set.Cards[0].Total != 1000 || !strings.Contains(faceText(set.Cards[0].Front), "742/1&#xA0;000") {
		t.Errorf("an excerpt: %v", err)
	}
	for _, n := range [][2]int{{0, 10}, {11, 10}, {1, 30000}} {
		if _, err := Faces(context.Background(), FacesOptions{Dataset: Dataset{Path: "d.yaml", Data: one, FS: fstest.MapFS{}}, Number: n[0], Total: n[1]}); err == nil {
			t.Errorf("card %d of %d: no error", n[0], n[1])
		}
	}
	// An unknown card is an option error.
	var oe *OptionError
	if _, err := Faces(context.Background(), FacesOptions{Only: []string{"kofi"}, Format: SVG}); !errors.As(err, &oe) || oe.Option != OptOnly {
		t.Errorf("an unknown card: %v", err)
	}
}

// A card that cannot be drawn shows its problems; the others are drawn,
// numbered as in the whole deck.
func TestFacesDrawWhatCan(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name     string
		data     []byte
		drawn    map[string]string // id → its number, as the face prints it
		notDrawn []string
		problems map[string]string // id → a field with a problem ("" for one of the deck)
	}{
		{
			name: "a text too long",
			data: facesDeck("T", "Ex", "id: a, name: A, category: ex, text: Court.", "id: b, name: B, category: ex, text: "+tooLong,
				"id: c, name: C, category: cw, text: Court."),
			drawn: map[string]string{"a": "1/3", "c": "3/3"}, notDrawn: []string{"b"},
			problems: map[string]string{"b": "text"},
		},
		{
			// The dataset's own problems: a card without a name is drawn
			// all the same, one of an unknown category is not.
			name: "a deck with problems",
			data: facesDeck("T", "Ex", "id: a, name: A, category: ex, text: Court.", "id: b, name: '', category: ex, text: Court.",
				"id: c, name: C, category: zz, text: Court.", "id: d, name: D, category: cw, text: "+tooLong),
			drawn: map[string]string{"a": "1/4", "b": "2/4"}, notDrawn: []string{"c", "d"},
			problems: map[string]string{"b": "name", "c": "category", "d": "text"},
		},
		{
			// A category's label too long for its band: its cards cannot
			// be drawn, those of the other category can.
			name: "a label too long",
			data: facesDeck("T", strings.Repeat("Extraordinairement ", 12), "id: a, name: A, category: ex, text: Court.",
				"id: b, name: B, category: cw, text: Court."),
			drawn: map[string]string{"b": "2/2"}, notDrawn: []string{"a"},
			problems: map[string]string{"": "label"},
		},
		{
			// A picture that is missing: the card is drawn without it.
			name:     "a missing picture",
			data:     facesDeck("T", "Ex", "id: a, name: A, category: ex, text: Court., image: a.png", "id: b, name: B, category: cw, text: Court."),
			drawn:    map[string]string{"a": "1/2", "b": "2/2"},
			problems: map[string]string{"a": "image"},
		},
	} {
		set, err := Faces(context.Background(), FacesOptions{Dataset: Dataset{Path: "deck.yaml", Data: tt.data, FS: fstest.MapFS{}}, Layout: "a4", Format: SVG})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for _, c := range set.Cards {
			want, drawn := tt.drawn[c.ID]
			switch {
			case drawn && (c.Front == nil || c.Back == nil):
				t.Errorf("%s: %s is not drawn (%v)", tt.name, c.ID, c.Problems)
			case drawn && !strings.Contains(faceText(c.Front), want):
				t.Errorf("%s: %s shows %q, want its number %s", tt.name, c.ID, faceText(c.Front), want)
			case !drawn && (c.Front != nil || c.Back != nil):
				t.Errorf("%s: %s is drawn", tt.name, c.ID)
			}
			for _, p := range c.Problems {
				if p.Card != c.ID {
					t.Errorf("%s: %s carries %v", tt.name, c.ID, p)
				}
			}
		}
		for id, field := range tt.problems {
			found := false
			for _, p := range set.Problems {
				found = found || p.Card == id && p.Field == field && p.File == "deck.yaml"
			}
			if !found {
				t.Errorf("%s: no problem with %s's %s in %v", tt.name, id, field, set.Problems)
			}
		}
		if n := len(tt.drawn) + len(tt.notDrawn); len(set.Cards) != n {
			t.Errorf("%s: %d cards, want %d", tt.name, len(set.Cards), n)
		}
	}
	// A dataset that cannot be read at all: its problems are the error.
	_, err := Faces(context.Background(), FacesOptions{Dataset: Dataset{Path: "deck.yaml", Data: []byte("personas: ["), FS: fstest.MapFS{}}})
	var l diag.List
	if !errors.As(err, &l) || l[0].File != "deck.yaml" {
		t.Errorf("an unreadable dataset: %v", err)
	}
}

func TestContextStopsWork(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Faces(ctx, FacesOptions{Format: SVG}); !errors.Is(err, context.Canceled) {
		t.Errorf("Faces: %v", err)
	}
	if _, err := BuildContext(ctx, BuildOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Build: %v", err)
	}
	if _, err := ValidateContext(ctx, ValidateOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Validate: %v", err)
	}
	if _, err := PreviewContext(ctx, PreviewOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Preview: %v", err)
	}
}

// TestValidateTellsTypesetting: the problems found setting the cards are
// told apart from the file's own.
func TestValidateTellsTypesetting(t *testing.T) {
	t.Parallel()
	csv := "identifiant;nom;métier;pays;code_pays;catégorie;texte;conditions;humeur\r\n" +
		"a;A;R;France;FR;ex;" + tooLong + ";X;gaie\r\n"
	rep, err := Validate(ValidateOptions{Dataset: Dataset{Path: "d.csv", Data: []byte(csv), FS: fstest.MapFS{}}})
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, p := range rep.Typesetting {
		fields = append(fields, p.Field)
	}
	if strings.Join(fields, ",") != "text" || len(rep.Problems) != 2 {
		t.Errorf("typesetting %v of %v", rep.Typesetting, rep.Problems)
	}
}
