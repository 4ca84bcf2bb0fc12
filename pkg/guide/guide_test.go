package guide

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
	"github.com/cardgen/cardgen/pkg/worldmap"
)

func pages(t *testing.T, lang string) (*deck.Deck, geom.Rect, []geom.Rect, []string) {
	t.Helper()
	fam, _ := typeface.Default()
	name := data.Default
	if lang == "en" {
		name = "personas.en.yaml"
	}
	d, err := deck.LoadFS(data.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	paper := geom.R(0, 0, 210, 297)
	ps, err := Pages(Input{Deck: d, Paper: paper, Typeset: typo.For(lang), Country: func(p *deck.Persona) string { return p.Country }}, fam)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 {
		t.Fatalf("%d pages, want 1 for 20 personas", len(ps))
	}
	var boxes []geom.Rect
	var text []string
	for _, tx := range ps[0].Text {
		boxes = append(boxes, tx.Box)
		text = append(text, tx.String())
	}
	return d, paper, boxes, text
}

// TestGuideText: every line inside the margins, none overlapping another,
// every persona's name and country on the sheet.
func TestGuideText(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		d, paper, boxes, text := pages(t, lang)
		inside := paper.Inset(Margin - 0.01)
		for i, b := range boxes {
			if !inside.Contains(b) {
				t.Errorf("%s: %q at %v leaves the margins", lang, text[i], b)
			}
			for j := i + 1; j < len(boxes); j++ {
				if b.Overlaps(boxes[j]) {
					t.Errorf("%s: %q and %q overlap", lang, text[i], text[j])
				}
			}
		}
		// Entries wrap: join the lines as a reader reads them.
		all := strings.Join(strings.Fields(strings.Join(text, " ")), " ")
		for _, p := range d.Personas {
			if !strings.Contains(all, p.Name) || !strings.Contains(all, p.Country) {
				t.Errorf("%s: %s or %s missing from the sheet", lang, p.Name, p.Country)
			}
		}
	}
}

// TestMapPoints: the marks for a few personas of the default deck sit where
// their countries are: within 400 km of a known city of the country, and on land.
func TestMapPoints(t *testing.T) {
	known := map[string]worldmap.LonLat{
		"FR": {Lon: 2.35, Lat: 48.86},    // Paris
		"CD": {Lon: 15.31, Lat: -4.32},   // Kinshasa
		"IN": {Lon: 77.21, Lat: 28.61},   // New Delhi
		"BR": {Lon: -47.88, Lat: -15.79}, // Brasília
		"PH": {Lon: 120.98, Lat: 14.6},   // Manila
		"FI": {Lon: 24.94, Lat: 60.17},   // Helsinki
	}
	land, err := worldmap.Land()
	if err != nil {
		t.Fatal(err)
	}
	for code, city := range known {
		at, ok := worldmap.Place(code)
		if !ok {
			t.Errorf("%s: no place", code)
			continue
		}
		if km := greatCircle(at, city); km > 1500 {
			t.Errorf("%s: the mark is %.0f km from %v", code, km, city)
		}
		if !worldmap.OnLand(land, at) {
			t.Errorf("%s: the mark at %v is not on land", code, at)
		}
	}
}

// greatCircle is the distance between two points in km.
func greatCircle(a, b worldmap.LonLat) float64 {
	rad := math.Pi / 180
	la1, la2 := a.Lat*rad, b.Lat*rad
	dl := (b.Lon - a.Lon) * rad
	c := math.Sin(la1)*math.Sin(la2) + math.Cos(la1)*math.Cos(la2)*math.Cos(dl)
	return 6371 * math.Acos(math.Max(-1, math.Min(1, c)))
}

// bigDeck is the default deck with n more personas in its first category,
// each with a name of its own, spread over a few countries.
func bigDeck(t *testing.T, n int) *deck.Deck {
	t.Helper()
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	codes := []string{"FR", "KE", "BR", "IN", "CN"}
	for i := range n {
		p := d.Personas[0]
		p.ID, p.Name = fmt.Sprintf("p%03d", i), fmt.Sprintf("Personne%03d", i)
		p.CountryCode, p.Country = codes[i%len(codes)], "Pays"
		d.Personas = append(d.Personas, p)
	}
	return d
}

// TestGuideKeepsEveryPersona: a list longer than a page goes on over
// further pages, every persona listed once, every line inside the margins,
// none overlapping another; a category that goes on in a new column says
// so; the notes take only what room is left.
func TestGuideKeepsEveryPersona(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	for _, n := range []int{100, 260} {
		d := bigDeck(t, n)
		paper := geom.R(0, 0, 210, 297)
		ps, err := Pages(Input{Deck: d, Paper: paper, Typeset: typo.French, Country: func(p *deck.Persona) string { return p.Country }}, fam)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) < 2 {
			t.Errorf("%d personas on %d page", len(d.Personas), len(ps))
		}
		seen := map[string]int{}
		continued := 0
		inside := paper.Inset(Margin - 0.01)
		for k, pg := range ps {
			for i, tx := range pg.Text {
				s := tx.String()
				if strings.HasSuffix(s, "(suite)") {
					continued++
				}
				for _, p := range d.Personas {
					if tx.Size == ListSize && strings.HasPrefix(s, p.Name+", ") {
						seen[p.ID]++
					}
				}
				if !inside.Contains(tx.Box) {
					t.Errorf("page %d: %q at %v leaves the margins", k+1, s, tx.Box)
				}
				for j := i + 1; j < len(pg.Text); j++ {
					if tx.Box.Overlaps(pg.Text[j].Box) {
						t.Errorf("page %d: %q and %q overlap", k+1, s, pg.Text[j].String())
					}
				}
			}
		}
		for _, p := range d.Personas {
			if seen[p.ID] != 1 {
				t.Errorf("%d personas: %s listed %d times", len(d.Personas), p.ID, seen[p.ID])
			}
		}
		if continued == 0 {
			t.Errorf("%d personas: no category marked as continued", len(d.Personas))
		}
	}
}

// TestMarksInCategoryColours: every persona has a mark of its own in its
// category's colour (Hao and Li Wei, both in China, one in extraction
// brown, the other in click work purple), and its name in that colour.
func TestMarksInCategoryColours(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := Pages(Input{Deck: d, Paper: geom.R(0, 0, 210, 297), Typeset: typo.French, Country: func(p *deck.Persona) string { return p.Country }}, fam)
	if err != nil {
		t.Fatal(err)
	}
	marks := map[draw.Color]int{}
	for _, sh := range ps[0].Shapes {
		if isMark(sh) {
			marks[sh.Color]++
		}
	}
	want := map[draw.Color]int{}
	for _, p := range d.Personas {
		want[draw.Color(d.Category(p.Category).Color)]++
	}
	if !reflect.DeepEqual(marks, want) {
		t.Errorf("marks by colour %v, want %v", marks, want)
	}
	for _, id := range []string{"hao", "li-wei"} {
		var p *deck.Persona
		for i := range d.Personas {
			if d.Personas[i].ID == id {
				p = &d.Personas[i]
			}
		}
		if p == nil {
			t.Fatalf("no persona %s", id)
		}
		found := false
		for _, tx := range ps[0].Text {
			if strings.TrimSuffix(tx.String(), ", ") == p.Name && tx.Size == LabelSize {
				found = true
				if tx.Color != draw.Color(d.Category(p.Category).Color) {
					t.Errorf("%s's name on the map in %v, want its category's %v", p.Name, tx.Color, d.Category(p.Category).Color)
				}
			}
		}
		if !found {
			t.Errorf("%s's name is not on the map", p.Name)
		}
	}
}

// TestNotesFillTheFoot: with the default deck the foot of the page is
// ruled for notes down to the bottom margin.
func TestNotesFillTheFoot(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"fr", "en"} {
		fam, _ := typeface.Default()
		name := data.Default
		if lang == "en" {
			name = "personas.en.yaml"
		}
		d, _ := deck.LoadFS(data.FS, name)
		paper := geom.R(0, 0, 210, 297)
		ps, err := Pages(Input{Deck: d, Paper: paper, Typeset: typo.For(lang), Country: func(p *deck.Persona) string { return p.Country }}, fam)
		if err != nil {
			t.Fatal(err)
		}
		lowestText, lowestRule := 0.0, 0.0
		for _, tx := range ps[0].Text {
			lowestText = max(lowestText, tx.Box.Bottom())
		}
		rules := 0
		for _, r := range ps[0].Rules {
			rules++
			lowestRule = max(lowestRule, r.Seg.A.Y)
			if r.Seg.A.Y < lowestText {
				t.Errorf("%s: a notes line at %.1f mm, above the last text at %.1f mm", lang, r.Seg.A.Y, lowestText)
			}
		}
		if rules < 5 || lowestRule < paper.H-Margin-NotesRule {
			t.Errorf("%s: %d notes lines, the lowest at %.1f mm", lang, rules, lowestRule)
		}
	}
}

// isMark reports whether a shape is a persona's mark: a circle of
// DotRadius.
func isMark(sh draw.Shape) bool {
	var c geom.Point
	for _, p := range sh.Points {
		c.X += p.X / float64(len(sh.Points))
		c.Y += p.Y / float64(len(sh.Points))
	}
	for _, p := range sh.Points {
		if math.Abs(math.Hypot(p.X-c.X, p.Y-c.Y)-DotRadius) > 1e-6 {
			return false
		}
	}
	return len(sh.Points) > 8
}
