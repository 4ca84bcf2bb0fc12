package build

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
)

func TestDate(t *testing.T) {
	if d, err := Date(""); err != nil || !d.Equal(DefaultDate) {
		t.Errorf("Date(\"\") = %v, %v", d, err)
	}
	if d, err := Date("1700000000"); err != nil || !d.Equal(time.Unix(1700000000, 0)) {
		t.Errorf("Date(1700000000) = %v, %v", d, err)
	}
	for _, bad := range []string{"yesterday", "-5", "1e9"} {
		if _, err := Date(bad); err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
			t.Errorf("Date(%q): err = %v", bad, err)
		}
	}
}

func TestLoadLayout(t *testing.T) {
	for _, name := range []string{"a4", "tarot"} {
		if s, err := LoadLayout(name); err != nil || s.Name != name {
			t.Errorf("LoadLayout(%q) = %v, %v", name, s, err)
		}
	}
	_, err := LoadLayout("a5")
	if ule, ok := err.(*UnknownLayoutError); !ok || !strings.Contains(ule.Error(), strings.Join(layouts.Names(), ", ")) {
		t.Errorf("LoadLayout(a5): %v", err)
	}
	if _, err := LoadLayout("./nowhere.yaml"); err == nil || !strings.Contains(err.Error(), "nowhere.yaml") {
		t.Errorf("LoadLayout(./nowhere.yaml): %v", err)
	}
}

// benchmarkBuild measures the whole build of the default deck for a layout,
// from parsed deck to PDF bytes: composing (fitting) and rendering.
func benchmarkBuild(b *testing.B, name string) {
	fam, err := typeface.Default()
	if err != nil {
		b.Fatal(err)
	}
	d, err := LoadDeck("")
	if err != nil {
		b.Fatal(err)
	}
	spec, err := LoadLayout(name)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		cards, err := Compose(d, spec, fam)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := Render(cards, fam, DefaultDate, layout.BothFaces); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuild20A4(b *testing.B)    { benchmarkBuild(b, "a4") }
func BenchmarkBuild20Tarot(b *testing.B) { benchmarkBuild(b, "tarot") }

func BenchmarkLoadDeck(b *testing.B) {
	for b.Loop() {
		if _, err := LoadDeck(""); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCountryFromCode: a persona with a country code and no country name
// gets the name in the deck's language; one with a name keeps it.
func TestCountryFromCode(t *testing.T) {
	for _, tt := range []struct{ code, lang, want string }{
		{"FR", "fr", "France"}, {"KE", "en", "Kenya"}, {"DE", "fr", "Allemagne"}, {"DE", "en", "Germany"},
		{"CD", "fr", "Congo-Kinshasa"}, {"KR", "en", "South Korea"}, {"GB", "fr-CA", "Royaume-Uni"},
	} {
		if got := countryName(tt.code, tt.lang); got != tt.want {
			t.Errorf("countryName(%s, %s) = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
	src := `deck: {title: T, language: fr}
categories: [{id: c, label: C, color: "#1D6A80"}]
personas:
  - {id: a, name: A, role: R, country_code: DE, category: c, text: T., conditions: [X]}
  - {id: b, name: B, role: R, country: Corée, country_code: KR, category: c, text: T., conditions: [X]}
`
	d, err := deck.Parse("c.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fam, _ := typeface.Default()
	spec, _ := LoadLayout("tarot")
	cards, err := Compose(d, spec, fam)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"Allemagne", "Corée"} {
		found := false
		for _, tx := range cards.Faces[i][0].Text {
			found = found || tx.Tag == "country" && tx.String() == want
		}
		if !found {
			t.Errorf("card %d: no country %q on the front", i+1, want)
		}
	}
	if d.Personas[0].Country != "" {
		t.Error("Compose changed the deck")
	}
}

// TestDeckWideProblemsOnce: a title too long for the footer (so long that
// less than half of it would show, cut) is one problem, at the title's
// line, not one per card and side.
func TestDeckWideProblemsOnce(t *testing.T) {
	src := `deck:
  title: "Les visages cachés de l'intelligence artificielle et de ses travailleurs invisibles, des mines de cobalt aux centres de données"
  language: fr
categories: [{id: c, label: C, color: "#1D6A80"}]
personas:
  - {id: a, name: A, role: R, country_code: DE, category: c, text: T., conditions: [X]}
  - {id: b, name: B, role: R, country_code: DE, category: c, text: T., conditions: [X]}
`
	d, err := deck.Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fam, _ := typeface.Default()
	spec, _ := LoadLayout("a4")
	_, err = Compose(d, spec, fam)
	var l diag.List
	if !errors.As(err, &l) || len(l) != 1 || l[0].Line != 2 || l[0].Field != "title" || l[0].Card != "" {
		t.Fatalf("problems: %v", err)
	}
}

// TestMissingGlyphLocatedInItsField: a character written as an escape is
// reported at its field, not at a later literal occurrence elsewhere.
func TestMissingGlyphLocatedInItsField(t *testing.T) {
	src := "deck: {title: T, language: fr}\n" +
		"categories: [{id: c, label: C, color: \"#1D6A80\"}]\n" +
		"personas:\n" +
		"  - id: a\n    name: A\n    role: R\n    country_code: DE\n    category: c\n" +
		"    text: \"Escaped \\u2603 here.\"\n    conditions: [X]\n" +
		"  - id: b\n    name: B\n    role: R\n    country_code: DE\n    category: c\n" +
		"    text: Literal ☃ there.\n    conditions: [X]\n"
	d, err := deck.Parse("g.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fam, _ := typeface.Default()
	spec, _ := LoadLayout("a4")
	_, err = Compose(d, spec, fam)
	var l diag.List
	if !errors.As(err, &l) || len(l) != 2 {
		t.Fatalf("problems: %v", err)
	}
	if l[0].Card != "a" || l[0].Line != 9 || l[1].Card != "b" || l[1].Line != 16 || l[1].Column != 19 {
		t.Errorf("positions: %v", err)
	}
}

// bigDeck is the default deck repeated to n distinct personas (ids made unique).
func bigDeck(tb testing.TB, n int) *deck.Deck {
	tb.Helper()
	d, err := LoadDeck("")
	if err != nil {
		tb.Fatal(err)
	}
	big := *d
	big.Personas = make([]deck.Persona, n)
	for i := range n {
		p := d.Personas[i%len(d.Personas)]
		p.ID = fmt.Sprintf("%s-%d", p.ID, i)
		big.Personas[i] = p
	}
	return &big
}

// BenchmarkBuild1000 composes and renders 1,000 distinct cards on A4.
func BenchmarkBuild1000(b *testing.B) {
	fam, _ := typeface.Default()
	d := bigDeck(b, 1000)
	spec, _ := LoadLayout("a4")
	for b.Loop() {
		cards, err := Compose(d, spec, fam)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := Render(cards, fam, DefaultDate, layout.BothFaces); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompose1000 is the composition alone: typography, line breaking
// and fitting of 1,000 distinct cards.
func BenchmarkCompose1000(b *testing.B) {
	fam, _ := typeface.Default()
	d := bigDeck(b, 1000)
	spec, _ := LoadLayout("a4")
	for b.Loop() {
		if _, err := Compose(d, spec, fam); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImposeRender1000 is imposing and rendering 1,000 composed cards.
func BenchmarkImposeRender1000(b *testing.B) {
	fam, _ := typeface.Default()
	spec, _ := LoadLayout("a4")
	cards, err := Compose(bigDeck(b, 1000), spec, fam)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := Render(cards, fam, DefaultDate, layout.BothFaces); err != nil {
			b.Fatal(err)
		}
	}
}
