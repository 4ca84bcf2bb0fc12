package worldmap

import (
	"math"
	"reflect"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/geom"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestProjectKnownPoints(t *testing.T) {
	if x, y := Project(0, 0); x != 0 || y != 0 {
		t.Errorf("Project(0, 0) = %g, %g; want the centre 0, 0", x, y)
	}
	// On the equator θ = 0, so x = 2√3·λ / (3·A1): 2.7066 at λ = π.
	x, y := Project(180, 0)
	if want := 2 * math.Sqrt(3) * math.Pi / (3 * 1.340264); !near(x, want, 1e-12) || !near(x, 2.7066, 1e-4) || y != 0 {
		t.Errorf("Project(180, 0) = %.6f, %g; want %.6f (≈ 2.7066), 0", x, y, want)
	}
	// At the pole θ = asin(√3/2) = π/3. The pole is a line (Equal Earth is
	// pseudocylindrical with flat poles): x = 2√3·λ·cos θ / (3·y'(θ)).
	th := math.Pi / 3
	wantY := 1.340264*th - 0.081106*math.Pow(th, 3) + 0.000893*math.Pow(th, 7) + 0.003796*math.Pow(th, 9)
	dy := 1.340264 + 3*-0.081106*th*th + 7*0.000893*math.Pow(th, 6) + 9*0.003796*math.Pow(th, 8)
	wantX := 2 * math.Sqrt(3) * math.Pi * math.Cos(th) / (3 * dy)
	if x, y := Project(180, 90); !near(x, wantX, 1e-12) || !near(y, wantY, 1e-12) || !near(y, 1.3173, 1e-3) {
		t.Errorf("Project(180, 90) = %.6f, %.6f; want %.6f, %.6f (≈ 1.3173)", x, y, wantX, wantY)
	}
	if x, _ := Project(180, 90); x <= 0 || x >= 2.7066 {
		t.Errorf("pole line half-length %g, want between 0 and the equator's 2.7066", x)
	}
	// The paper gives the whole map's width to height as about 2.05:1.
	xe, _ := Project(180, 0)
	_, yp := Project(0, 90)
	if r := xe / yp; !near(r, 2.05, 0.01) {
		t.Errorf("aspect ratio %.4f, want ≈ 2.05", r)
	}
}

func TestProjectSymmetry(t *testing.T) {
	for _, lon := range []float64{0, 12.5, 45, 90, 135, 179.9, 180} {
		for _, lat := range []float64{0, 10, 33.3, 60, 85, 90} {
			x, y := Project(lon, lat)
			for _, c := range []struct {
				lon, lat, x, y float64
			}{
				{-lon, lat, -x, y}, {lon, -lat, x, -y}, {-lon, -lat, -x, -y},
			} {
				gx, gy := Project(c.lon, c.lat)
				if !near(gx, c.x, 1e-12) || !near(gy, c.y, 1e-12) {
					t.Errorf("Project(%g, %g) = %g, %g; want %g, %g by symmetry", c.lon, c.lat, gx, gy, c.x, c.y)
				}
			}
		}
	}
}

// Equal Earth is equal-area: on the unit sphere a cell dλ × dφ has area
// cos φ dλ dφ, and since y does not depend on λ the map's area element is
// ∂x/∂λ · ∂y/∂φ. This holds for any A1..A4 (the denominator of x is y'(θ))
// but checks the shape of the formulas and M = √3/2; the constants are
// checked by the reference values above.
func TestProjectEqualArea(t *testing.T) {
	const h = 1e-4 // degrees
	rad := math.Pi / 180
	for _, lat := range []float64{-80, -60, -45, -20, 0, 5, 30, 50, 70, 85} {
		for _, lon := range []float64{-170, -30, 0, 60, 150} {
			x1, _ := Project(lon-h, lat)
			x2, _ := Project(lon+h, lat)
			_, y1 := Project(lon, lat-h)
			_, y2 := Project(lon, lat+h)
			area := (x2 - x1) / (2 * h * rad) * (y2 - y1) / (2 * h * rad)
			if want := math.Cos(lat * rad); !near(area, want, 1e-6) {
				t.Errorf("area scale at %g, %g = %.8f, want cos φ = %.8f", lon, lat, area, want)
			}
		}
	}
	// Monotonic: x grows with longitude, y with latitude.
	for lat := -85.0; lat < 85; lat += 5 {
		_, a := Project(0, lat)
		_, b := Project(0, lat+5)
		if b <= a {
			t.Errorf("y not increasing between %g and %g", lat, lat+5)
		}
	}
}

func TestFit(t *testing.T) {
	land, err := Land()
	if err != nil {
		t.Fatal(err)
	}
	xMax, _ := Project(180, 0)
	_, yTop := Project(0, MaxLat)
	_, yBot := Project(0, MinLat)
	aspect := 2 * xMax / (yTop - yBot)
	for _, box := range []geom.Rect{
		geom.R(10, 20, 277, 120), // wide: height decides
		geom.R(15, 40, 180, 150), // tall: width decides
		geom.R(0, 0, 100, 100/aspect),
	} {
		p := Fit(box)
		if !box.Contains(p.Map) {
			t.Errorf("box %v: map %v not inside", box, p.Map)
		}
		if !near(p.Map.W/p.Map.H, aspect, 1e-9) {
			t.Errorf("box %v: map %v has aspect %g, want %g", box, p.Map, p.Map.W/p.Map.H, aspect)
		}
		if !near(p.Map.W, box.W, 1e-9) && !near(p.Map.H, box.H, 1e-9) {
			t.Errorf("box %v: map %v fills neither the width nor the height", box, p.Map)
		}
		cx, cy := box.X+box.W/2, box.Y+box.H/2
		if !near(p.Map.X+p.Map.W/2, cx, 1e-9) || !near(p.Map.Y+p.Map.H/2, cy, 1e-9) {
			t.Errorf("box %v: map %v not centred", box, p.Map)
		}
		// lon 0 on the vertical centre line; the equator below the middle,
		// as the crop reaches further north (85°) than south (60°).
		if c := p.Project(0, 0); !near(c.X, cx, 1e-9) || c.Y <= cy {
			t.Errorf("box %v: (0, 0) at %v, want x %g and y below %g", box, c, cx, cy)
		}
		// Corners of the crop: the top edge is 85°N, the bottom 60°S, the
		// equator's ends touch the sides.
		if l, r := p.Project(-180, 0), p.Project(180, 0); !near(l.X, p.Map.X, 1e-9) || !near(r.X, p.Map.Right(), 1e-9) {
			t.Errorf("box %v: equator from %v to %v, want the map's sides", box, l, r)
		}
		if n, s := p.Project(0, 85), p.Project(0, -60); !near(n.Y, p.Map.Y, 1e-9) || !near(s.Y, p.Map.Bottom(), 1e-9) {
			t.Errorf("box %v: 85°N at %v, 60°S at %v, want the map's top and bottom", box, n, s)
		}
		// North is up: y grows southwards.
		if a, b := p.Project(10, 50), p.Project(10, 40); a.Y >= b.Y {
			t.Errorf("box %v: 50°N at y %g not above 40°N at y %g", box, a.Y, b.Y)
		}
		inside := func(q geom.Point) bool {
			return q.X >= p.Map.X-1e-9 && q.X <= p.Map.Right()+1e-9 && q.Y >= p.Map.Y-1e-9 && q.Y <= p.Map.Bottom()+1e-9
		}
		for _, r := range land {
			for _, q := range p.Ring(r) {
				if !inside(q) {
					t.Fatalf("box %v: land point at %v outside the map %v", box, q, p.Map)
				}
			}
		}
		for _, q := range p.Outline(5) {
			if !inside(q) {
				t.Fatalf("box %v: outline point %v outside the map %v", box, q, p.Map)
			}
		}
		// Out-of-crop positions are clamped into the map.
		for _, ll := range []LonLat{{0, -90}, {0, 90}, {200, 0}, {-200, -70}} {
			if q := p.Point(ll); !inside(q) {
				t.Errorf("box %v: %v projected to %v, outside the map", box, ll, q)
			}
		}
	}
}

func TestLandDecodes(t *testing.T) {
	raw, err := data.World.ReadFile(data.WorldLand)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) > 150<<10 {
		t.Errorf("land.json is %d bytes, want < 150 KiB", len(raw))
	}
	land, err := Land()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(land); n < 50 || n > 300 {
		t.Errorf("%d rings, want a plausible 50..300 for 1:110m land without tiny islands", n)
	}
	points, biggest := 0, 0
	for i, r := range land {
		if len(r) < 4 {
			t.Errorf("ring %d has %d points", i, len(r))
		}
		if r[0] == r[len(r)-1] {
			t.Errorf("ring %d repeats its first point at the end", i)
		}
		points += len(r)
		biggest = max(biggest, len(r))
		for j, ll := range r {
			if ll.Lat < MinLat-5 || ll.Lat > MaxLat {
				t.Errorf("ring %d point %d at %v, outside the crop", i, j, ll)
			}
			// No edge jumps across the map: rings are cut at ±180.
			if k := (j + 1) % len(r); math.Abs(r[k].Lon-ll.Lon) > 90 {
				t.Errorf("ring %d jumps from %v to %v", i, ll, r[k])
			}
		}
	}
	if points < 1000 || biggest < 300 {
		t.Errorf("%d points, largest ring %d: too coarse", points, biggest)
	}
	// Land returns a copy.
	land[0][0] = LonLat{999, 999}
	again, _ := Land()
	if again[0][0] == land[0][0] {
		t.Error("Land shares its slices between calls")
	}
}

func TestOnLand(t *testing.T) {
	land, err := Land()
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"FR", "CD", "IN", "BR", "JP"} {
		ll, ok := Place(code)
		if !ok {
			t.Errorf("no place for %s", code)
			continue
		}
		if !OnLand(land, ll) {
			t.Errorf("%s at %v is not on land", code, ll)
		}
	}
	for _, c := range []struct {
		name string
		at   LonLat
	}{
		{"Atlantic", LonLat{-30, 30}},
		{"South Atlantic", LonLat{-15, -30}},
		{"Pacific", LonLat{-150, 0}},
		{"Indian Ocean", LonLat{80, -20}},
		{"Mediterranean", LonLat{18, 34}},
		{"Gulf of Mexico", LonLat{-90, 25}},
		{"Hudson Bay", LonLat{-85, 60}},
	} {
		if OnLand(land, c.at) {
			t.Errorf("%s at %v is on land", c.name, c.at)
		}
	}
}

func TestInRing(t *testing.T) {
	sq := []LonLat{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	for _, c := range []struct {
		p  LonLat
		in bool
	}{{LonLat{5, 5}, true}, {LonLat{-1, 5}, false}, {LonLat{11, 5}, false}, {LonLat{5, 11}, false}, {LonLat{9.9, 0.1}, true}} {
		if got := InRing(sq, c.p); got != c.in {
			t.Errorf("InRing(square, %v) = %v", c.p, got)
		}
	}
	hole := []LonLat{{3, 3}, {7, 3}, {7, 7}, {3, 7}}
	if OnLand([][]LonLat{sq, hole}, LonLat{5, 5}) || !OnLand([][]LonLat{sq, hole}, LonLat{1, 5}) {
		t.Error("OnLand: a ring inside a ring should be a hole")
	}
}

// Every country of the default dataset and its editions has a place, and the
// place is on land.
func TestPersonaCountriesPlaced(t *testing.T) {
	land, err := Land()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{data.Default, "personas.en.yaml"} {
		d, err := deck.LoadFS(data.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, ps := range d.Personas {
			ll, ok := Place(ps.CountryCode)
			if !ok {
				t.Errorf("%s: %s (%s, %s) has no place", name, ps.ID, ps.Country, ps.CountryCode)
				continue
			}
			if !OnLand(land, ll) {
				t.Errorf("%s: %s's place %v is not on land", name, ps.CountryCode, ll)
			}
		}
	}
	for _, code := range []string{"CN", "CD", "FR", "MG", "TN", "CA", "ES", "TW", "FI", "IN", "CO", "KR", "JP", "KE", "GB", "BR", "PH"} {
		if _, ok := Place(code); !ok {
			t.Errorf("no place for %s", code)
		}
	}
}

// Known positions: the table's points sit near where the countries are.
func TestPlaceKnown(t *testing.T) {
	for _, c := range []struct {
		code     string
		lon, lat float64
		within   float64 // degrees
	}{
		{"FR", 2.35, 48.86, 4},    // Paris
		{"CD", 15.31, -4.32, 8},   // Kinshasa
		{"IN", 77.21, 28.61, 10},  // New Delhi
		{"BR", -47.93, -15.78, 6}, // Brasília
		{"JP", 139.69, 35.69, 3},  // Tokyo
		{"GB", -0.13, 51.51, 6},   // London
		{"KE", 36.82, -1.29, 2},   // Nairobi
		{"TW", 121.56, 25.03, 2},  // Taipei
		{"PH", 120.98, 14.6, 2},   // Manila
	} {
		ll, ok := Place(c.code)
		if !ok {
			t.Errorf("no place for %s", c.code)
			continue
		}
		if d := math.Hypot(ll.Lon-c.lon, ll.Lat-c.lat); d > c.within {
			t.Errorf("%s at %v is %.1f° from its capital (%g, %g), want within %g°", c.code, ll, d, c.lon, c.lat, c.within)
		}
	}
	if _, ok := Place(" fr "); !ok {
		t.Error(`Place(" fr ") not found: codes are case- and space-insensitive`)
	}
	if _, ok := Place("XX"); ok {
		t.Error("Place(XX) found")
	}
}

func TestCountriesTable(t *testing.T) {
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 77 {
		t.Errorf("%d countries, want at least 77", len(cs))
	}
	land, err := Land()
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cs {
		if i > 0 && cs[i-1].Code >= c.Code {
			t.Errorf("not sorted at %s", c.Code)
		}
		if !deck.IsCountryCode(c.Code) {
			t.Errorf("%s is not an assigned ISO 3166-1 alpha-2 code", c.Code)
		}
		if c.Name == "" {
			t.Errorf("%s has no name", c.Code)
		}
		if !OnLand(land, c.At) {
			t.Errorf("%s (%s) at %v is not on land", c.Code, c.Name, c.At)
		}
	}
}

func TestGroup(t *testing.T) {
	got := Group([]Marker{
		{"FR", "Ana"}, {"in", "Ravi"}, {"FR", "Luc"}, {"XX", "Nobody"}, {" IN", "Meera"}, {"CD", "Jo"},
	})
	fr, _ := Place("FR")
	in, _ := Place("IN")
	cd, _ := Place("CD")
	want := []Cluster{
		{Code: "FR", At: fr, Placed: true, Labels: []string{"Ana", "Luc"}, Members: []int{0, 2}},
		{Code: "IN", At: in, Placed: true, Labels: []string{"Ravi", "Meera"}, Members: []int{1, 4}},
		{Code: "XX", Placed: false, Labels: []string{"Nobody"}, Members: []int{3}},
		{Code: "CD", At: cd, Placed: true, Labels: []string{"Jo"}, Members: []int{5}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Group =\n%+v\nwant\n%+v", got, want)
	}
	if g := Group(nil); len(g) != 0 {
		t.Errorf("Group(nil) = %v", g)
	}
}

// The default deck grouped: one cluster per country, every one placed.
func TestGroupDefaultDeck(t *testing.T) {
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	var ms []Marker
	codes := map[string]bool{}
	for _, ps := range d.Personas {
		ms = append(ms, Marker{Code: ps.CountryCode, Label: ps.Name})
		codes[ps.CountryCode] = true
	}
	cl := Group(ms)
	if len(cl) != len(codes) {
		t.Errorf("%d clusters for %d countries", len(cl), len(codes))
	}
	n := 0
	for _, c := range cl {
		if !c.Placed {
			t.Errorf("%s not placed", c.Code)
		}
		n += len(c.Labels)
	}
	if n != len(ms) {
		t.Errorf("%d labels in clusters, %d markers", n, len(ms))
	}
}
