package deck_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
)

// content returns d's values without what depends on where it was read
// from (positions, source, name, folder, format).
func content(d *deck.Deck) deck.Deck {
	c := deck.Deck{Title: d.Title, Language: d.Language, Author: d.Author}
	for _, cat := range d.Categories {
		cat.Pos, cat.Fields = deck.Pos{}, nil
		c.Categories = append(c.Categories, cat)
	}
	for _, p := range d.Personas {
		p.Pos, p.Fields = deck.Pos{}, nil
		c.Personas = append(c.Personas, p)
	}
	return c
}

// diff describes how a and b differ, persona by persona.
func diff(t *testing.T, a, b deck.Deck) {
	t.Helper()
	if a.Title != b.Title || a.Language != b.Language || a.Author != b.Author {
		t.Errorf("metadata: %q %q %q, want %q %q %q", b.Title, b.Language, b.Author, a.Title, a.Language, a.Author)
	}
	if !reflect.DeepEqual(a.Categories, b.Categories) {
		t.Errorf("categories:\n got %v\nwant %v", b.Categories, a.Categories)
	}
	if len(a.Personas) != len(b.Personas) {
		t.Fatalf("%d personas, want %d", len(b.Personas), len(a.Personas))
	}
	for i := range a.Personas {
		if !reflect.DeepEqual(a.Personas[i], b.Personas[i]) {
			t.Errorf("persona %d:\n got %#v\nwant %#v", i+1, b.Personas[i], a.Personas[i])
		}
	}
}

func roundTrip(t *testing.T, d *deck.Deck, dir string) {
	for _, format := range deck.Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := deck.Export(&buf, d, format); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, "exported."+format)
			back, err := deck.Read(name, buf.Bytes(), "")
			if err != nil {
				t.Fatalf("reading back:\n%v\n--- exported:\n%s", err, buf.String())
			}
			diff(t, content(d), content(back))
			if t.Failed() && os.Getenv("SHOW") != "" {
				t.Logf("exported:\n%s", buf.String())
			}
		})
	}
}

func TestRoundTripDefault(t *testing.T) {
	t.Parallel()
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, d, ".")
}

// good is the folder of the good dataset fixtures.
const good = "../../testdata/datasets/good"

func TestRoundTripRich(t *testing.T) {
	t.Parallel()
	d, err := deck.Load(filepath.Join(good, "rich.yaml"), "")
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, d, good)
}

func TestRoundTripFlat(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"excel-fr.csv", "deck.json", "personas-source.md"} {
		t.Run(name, func(t *testing.T) {
			d, err := deck.Load(filepath.Join(good, name), "")
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, d, good)
		})
	}
}
