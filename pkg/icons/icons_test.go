package icons

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/geom"
)

// TestEveryDefaultCategoryHasAnIcon, and every icon fills the unit square
// without leaving it.
func TestEveryDefaultCategoryHasAnIcon(t *testing.T) {
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range d.Categories {
		if _, ok := For(c.ID); !ok {
			t.Errorf("category %q has no icon", c.ID)
		}
	}
	unit := geom.R(0, 0, 1, 1)
	for _, name := range Names() {
		ic, _ := For(name)
		var x0, y0, x1, y1 = 1.0, 1.0, 0.0, 0.0
		for _, sh := range ic {
			if len(sh) < 3 {
				t.Errorf("%s: a shape of %d points", name, len(sh))
			}
			for _, p := range sh {
				if !unit.Contains(geom.R(p.X, p.Y, 0, 0)) {
					t.Errorf("%s: point %v outside the unit square", name, p)
				}
				x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
			}
		}
		if max(x1-x0, y1-y0) < 0.75 || min(x1-x0, y1-y0) < 0.3 {
			t.Errorf("%s spans only %.2f × %.2f of its square", name, x1-x0, y1-y0)
		}
	}
}

func TestIn(t *testing.T) {
	ic, _ := For("moderation")
	box := geom.R(10, 20, 8, 6) // not square: the icon is 6 × 6, centred
	for _, sh := range ic.In(box) {
		for _, p := range sh {
			if !geom.R(11, 20, 6, 6).Contains(geom.R(p.X, p.Y, 0, 0)) {
				t.Errorf("point %v outside the centred 6 × 6 square", p)
			}
		}
	}
}

// TestNeutralIcon: a category the package does not know (a teacher's own)
// gets the neutral icon, which exists; a known one keeps its own.
func TestNeutralIcon(t *testing.T) {
	if got := ForCategory("gardiennage"); got != Neutral {
		t.Errorf("ForCategory(unknown) = %q, want %q", got, Neutral)
	}
	if _, ok := For(Neutral); !ok {
		t.Errorf("no icon %q", Neutral)
	}
	if got := ForCategory("clickwork"); got != "clickwork" {
		t.Errorf("ForCategory(clickwork) = %q", got)
	}
}

// TestLocatorIcons: a locator map's parts are icons whose shapes lie in the
// middle band of their square, the map's box; a name that does not say a
// known country, a box and a part names nothing.
func TestLocatorIcons(t *testing.T) {
	for _, part := range []string{LocatorLand, LocatorCountry} {
		name := LocatorName("fr", 62, 31, 4.4, part)
		if name != "locator:FR:62x31:4.4:"+part {
			t.Errorf("name %q", name)
		}
		ic, ok := For(name)
		if !ok || len(ic) == 0 {
			t.Fatalf("%s: %d shapes", name, len(ic))
		}
		// The box is 62 × 31 in a 62 × 62 square: y from 0.25 to 0.75.
		band := geom.R(0, 0.25, 1, 0.5)
		for _, sh := range ic {
			for _, p := range sh {
				if !band.Outset(1e-9).Contains(geom.R(p.X, p.Y, 0, 0)) {
					t.Fatalf("%s: point %v outside the box's band %v", name, p, band)
				}
			}
		}
	}
	if sq := LocatorSquare(geom.R(10, 20, 62, 31)); sq != geom.R(10, 4.5, 62, 62) {
		t.Errorf("LocatorSquare = %v", sq)
	}
	for _, bad := range []string{"locator:XX:62x31:4.4:land", "locator:FR:62x31:4.4:sea", "locator:FR:0x31:4.4:land", "locator:FR:62x31:land"} {
		if _, ok := For(bad); ok {
			t.Errorf("%q names an icon", bad)
		}
	}
}

// TestLocatorRoundIsTheName: the sizes a locator map's name keeps read
// back as LocatorRound's, so that a face that locates its map for those
// sizes gets the very map its icons are drawn from.
func TestLocatorRoundIsTheName(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		w, h, m := 10+rnd.Float64()*200, 10+rnd.Float64()*200, rnd.Float64()*10
		name := LocatorName("fr", w, h, m, LocatorLand)
		// As makeLocator reads it.
		f := strings.Split(name, ":")
		var gw, gh float64
		if _, err := fmt.Sscanf(f[2], "%gx%g", &gw, &gh); err != nil {
			t.Fatal(name, err)
		}
		gm, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			t.Fatal(name, err)
		}
		if gw != LocatorRound(w) || gh != LocatorRound(h) || gm != LocatorRound(m) {
			t.Fatalf("%s reads back as %v, %v, %v; LocatorRound gives %v, %v, %v", name, gw, gh, gm, LocatorRound(w), LocatorRound(h), LocatorRound(m))
		}
	}
}
