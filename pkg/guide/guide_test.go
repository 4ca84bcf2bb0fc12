package guide

import (
	"math"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
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
