package worldmap

import (
	"math"
	"testing"

	"github.com/cardgen/cardgen/pkg/geom"
)

// inPolygons reports whether p lies in one of polys: inside an outer ring
// and in none of its holes.
func inPolygons(polys []Polygon, p LonLat) bool {
	for _, poly := range polys {
		if !InRing(poly[0], p) && !InRing(poly[0], LonLat{p.Lon + 360, p.Lat}) && !InRing(poly[0], LonLat{p.Lon - 360, p.Lat}) {
			continue
		}
		inHole := false
		for _, h := range poly[1:] {
			inHole = inHole || InRing(h, p)
		}
		if !inHole {
			return true
		}
	}
	return false
}

// TestOutlinesMatchThePoints: every country of the point table has an
// outline, and its point lies inside it, which checks the codes the
// outlines were keyed by (ISO 3166-1 numeric ids turned into alpha-2).
func TestOutlinesMatchThePoints(t *testing.T) {
	t.Parallel()
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		polys, ok := Outline(c.Code)
		if !ok {
			t.Errorf("%s (%s): no outline", c.Code, c.Name)
			continue
		}
		if !inPolygons(polys, c.At) {
			t.Errorf("%s (%s): the point %v is not inside the outline", c.Code, c.Name, c.At)
		}
	}
	if _, ok := Outline("fr"); !ok {
		t.Error("Outline is not case-blind")
	}
	if len(outlines().land) < 50 {
		t.Errorf("%d land polygons", len(outlines().land))
	}
}

// TestLocateFrames: the locator map centres the country's main part (its
// largest piece and those near it) in the box, leaves far-away pieces out
// of the frame (French Guiana; Alaska and Hawaii, which may show at the
// edge but do not move the frame), and keeps everything in the box.
func TestLocateFrames(t *testing.T) {
	t.Parallel()
	box := geom.R(10, 20, 62, 31)
	for _, c := range []struct {
		code   string
		centre LonLat   // near the middle of the map
		in     []LonLat // points that must be on the map
		out    []LonLat // points that must not
	}{
		{"FR", LonLat{2.5, 46.5}, []LonLat{{2.35, 48.86}, {9.1, 42.2}}, []LonLat{{-53, 4}}}, // Paris, Corsica; not Cayenne
		{"US", LonLat{-96, 37}, []LonLat{{-77, 38.9}, {-122.4, 37.8}}, nil},                 // Washington, San Francisco
		{"PH", LonLat{122, 12}, []LonLat{{121, 14.6}, {125.6, 7.1}}, nil},                   // Manila, Davao
		{"JP", LonLat{137, 37}, []LonLat{{139.7, 35.7}, {141.35, 43.06}}, nil},              // Tokyo, Sapporo
		{"RU", LonLat{100, 62}, []LonLat{{37.6, 55.75}, {-175, 66}}, nil},                   // Moscow, Chukotka across the antimeridian
		{"FJ", LonLat{179, -17.5}, []LonLat{{178.4, -18.1}, {-179.9, -16.5}}, nil},
		{"CN", LonLat{104, 36}, []LonLat{{116.4, 39.9}}, nil},
		{"NO", LonLat{15, 65}, []LonLat{{10.75, 59.9}}, nil}, // Oslo; Svalbard does not move the frame
	} {
		loc, ok := Locate(c.code, box, 2)
		if !ok {
			t.Fatalf("%s: no map", c.code)
		}
		if q := loc.Point(c.centre); math.Abs(q.X-(box.X+box.W/2)) > box.W/8 || math.Abs(q.Y-(box.Y+box.H/2)) > box.H/4 {
			t.Errorf("%s: %v at %v, far from the middle of %v", c.code, c.centre, q, box)
		}
		for _, p := range c.in {
			if q := loc.Point(p); !box.Contains(geom.R(q.X, q.Y, 0, 0)) {
				t.Errorf("%s: %v at %v, off the map %v", c.code, p, q, box)
			}
		}
		for _, p := range c.out {
			if q := loc.Point(p); box.Contains(geom.R(q.X, q.Y, 0, 0)) {
				t.Errorf("%s: %v at %v, on the map", c.code, p, q)
			}
		}
		for _, set := range [][][]geom.Point{loc.Land, loc.LandHoles, loc.Country, loc.CountryHoles} {
			for _, r := range set {
				for _, p := range r {
					if p.X < box.X-1e-9 || p.X > box.Right()+1e-9 || p.Y < box.Y-1e-9 || p.Y > box.Bottom()+1e-9 {
						t.Fatalf("%s: point %v outside the box %v", c.code, p, box)
					}
				}
			}
		}
		if len(loc.Country) == 0 || len(loc.Land) == 0 {
			t.Errorf("%s: %d country rings, %d land rings", c.code, len(loc.Country), len(loc.Land))
		}
		if loc.Mark != nil {
			t.Errorf("%s: a mark on a country large enough to see", c.code)
		}
	}
}

// TestLocateMarksSmallCountries: a country smaller than minMark on the map
// gets a mark on it; an unknown code no map.
func TestLocateMarksSmallCountries(t *testing.T) {
	t.Parallel()
	box := geom.R(0, 0, 62, 31)
	loc, ok := Locate("TN", box, 20)
	if !ok || loc.Mark == nil {
		t.Fatalf("Tunisia with a 20 mm threshold: mark %v", loc.Mark)
	}
	if q := loc.Point(LonLat{9.5, 34}); math.Hypot(q.X-loc.Mark.X, q.Y-loc.Mark.Y) > 5 {
		t.Errorf("the mark at %v is %v away from Tunisia's middle", loc.Mark, q)
	}
	if _, ok := Locate("XX", box, 2); ok {
		t.Error("a map for XX")
	}
}

func TestClipRing(t *testing.T) {
	t.Parallel()
	r := geom.R(0, 0, 10, 10)
	got := ClipRing([]geom.Point{{X: -2.5, Y: 5}, {X: 5, Y: -2.5}, {X: 12.5, Y: 5}, {X: 5, Y: 12.5}}, r)
	// The diamond's corners are cut off: an octagon inside the square.
	if len(got) != 8 {
		t.Fatalf("%d points: %v", len(got), got)
	}
	area := 0.0
	for i := range got {
		j := (i + 1) % len(got)
		area += got[i].X*got[j].Y - got[j].X*got[i].Y
		if p := got[i]; p.X < -1e-9 || p.X > 10+1e-9 || p.Y < -1e-9 || p.Y > 10+1e-9 {
			t.Errorf("point %v outside", p)
		}
	}
	// The square less four corner triangles of 3.125 mm² each.
	if math.Abs(math.Abs(area/2)-87.5) > 1e-9 {
		t.Errorf("area %g, want 87.5", math.Abs(area/2))
	}
	if got := ClipRing([]geom.Point{{X: 20, Y: 20}, {X: 30, Y: 20}, {X: 30, Y: 30}}, r); len(got) != 0 {
		t.Errorf("a ring outside: %v", got)
	}
}
