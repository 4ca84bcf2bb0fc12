package worldmap

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/geom"
)

// TestDecodeOutlinesAsJSON: the fast reader reads the outlines file as
// encoding/json does, every value the same; anything of another shape it
// leaves to encoding/json.
func TestDecodeOutlinesAsJSON(t *testing.T) {
	t.Parallel()
	b, err := data.World.ReadFile(data.WorldOutlines)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := decodeOutlines(b)
	if !ok {
		t.Fatal("the fast reader does not read the outlines file")
	}
	var want outlinesFile
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the fast reader reads other values than encoding/json")
	}
	for _, bad := range []string{
		``, `{`, `{"land": [[[[1, 2, 3]]]]}`, `{"land": [[[[1]]]]}`, `{"land": null}`, `{"other": 1}`,
		`{"source": "a\"b"}`, `{"land": [[[[1, 0x10]]]]}`, `{"countries": {"FR": [], "FR": []}}`, `{} x`, `{"land": [[[[1, 2],]]]}`,
	} {
		if _, ok := decodeOutlines([]byte(bad)); ok {
			t.Errorf("the fast reader reads %s", bad)
		}
	}
	if f, ok := decodeOutlines([]byte(` { "source" : "s" , "land" : [ [ [ [ -1.5e1 , 2 ] ] ] ] , "countries" : { } } `)); !ok ||
		f.Source != "s" || f.Land[0][0][0] != [2]float64{-15, 2} || len(f.Countries) != 0 {
		t.Errorf("spaces: %+v, %v", f, ok)
	}
}

// TestProjectionBoundsHold: Equal Earth's y grows with the latitude and
// its x factor shrinks from the equator to the poles, which the bounds
// that cull rings rely on.
func TestProjectionBoundsHold(t *testing.T) {
	t.Parallel()
	prevG, prevY := math.Inf(1), math.Inf(-1)
	for i := 0; i <= 90000; i++ {
		lat := float64(i) / 1000
		g := xFactor(lat)
		_, y := Project(0, lat)
		if g > prevG || y < prevY {
			t.Fatalf("at %v°: x factor %v after %v, y %v after %v", lat, g, prevG, y, prevY)
		}
		prevG, prevY = g, y
	}
}

// TestCullMissesOnlyWhatPlaceDrops: a land ring the bounds say misses the
// box is one place drops, for every country's map, in boxes of several
// shapes, so that culling leaves every map as it was; and culling leaves
// out most of the world.
func TestCullMissesOnlyWhatPlaceDrops(t *testing.T) {
	t.Parallel()
	set := outlines()
	var codes []string
	for code := range set.countries {
		codes = append(codes, code)
	}
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if _, ok := set.countries[c.Code]; !ok {
			codes = append(codes, c.Code) // a point, no outline
		}
	}
	culled, rings := 0, 0
	for _, code := range codes {
		for _, box := range []geom.Rect{geom.R(0, 0, 62, 28.3), geom.R(10, 20, 40, 40), geom.R(3, 4, 25, 90), geom.R(0, 0, 200, 50)} {
			loc, ok := locate(code, box, 4.4)
			if !ok {
				t.Fatalf("%s: no map", code)
			}
			pr := loc.pr
			for i, p := range set.land {
				for j, r := range p {
					rings++
					if !pr.misses(set.landBounds[i][j]) {
						continue
					}
					culled++
					if got := pr.place(r); got != nil {
						t.Fatalf("%s in %v: ring %d.%d culled, but place keeps %d points of it", code, box, i, j, len(got[0]))
					}
				}
			}
		}
	}
	if culled < rings/2 {
		t.Errorf("%d of %d rings culled", culled, rings)
	}
	t.Logf("%d of %d rings culled, %d maps", culled, rings, 4*len(codes))
}

// BenchmarkLocateDeck makes the locator maps of the default deck's
// countries, as a build's first cards do, none kept from before.
func BenchmarkLocateDeck(b *testing.B) {
	codes := []string{"CN", "CD", "KE", "PH", "IN", "US", "FR", "BR", "CL", "ID", "NG", "VE", "MY", "IE", "NL"}
	box := geom.R(0, 0, 62, 28.3)
	for b.Loop() {
		for _, c := range codes {
			locate(c, box, 4.4)
		}
	}
}

// refSimplify is simplify as first written, with math.Hypot for every
// point: the reference the faster one is held to.
func refSimplify(r []geom.Point, tol float64) []geom.Point {
	if len(r) < 4 {
		return r
	}
	far, best := 0, -1.0
	for i, q := range r {
		if d := math.Hypot(q.X-r[0].X, q.Y-r[0].Y); d > best {
			far, best = i, d
		}
	}
	closed := append(append(make([]geom.Point, 0, len(r)+1), r...), r[0])
	a := refDPLine(closed[:far+1], tol)
	b := refDPLine(closed[far:], tol)
	out := append(a[:len(a)-1], b...)
	return out[:len(out)-1]
}

func refDPLine(line []geom.Point, tol float64) []geom.Point {
	if len(line) < 3 {
		return append([]geom.Point(nil), line...)
	}
	keep := make([]bool, len(line))
	keep[0], keep[len(line)-1] = true, true
	type span struct{ i, j int }
	stack := []span{{0, len(line) - 1}}
	for len(stack) > 0 {
		sp := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		idx, best := -1, tol
		a, b := line[sp.i], line[sp.j]
		for k := sp.i + 1; k < sp.j; k++ {
			p := line[k]
			dx, dy := b.X-a.X, b.Y-a.Y
			l2 := dx*dx + dy*dy
			var d float64
			if l2 == 0 {
				d = math.Hypot(p.X-a.X, p.Y-a.Y)
			} else {
				t := math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
				d = math.Hypot(p.X-(a.X+t*dx), p.Y-(a.Y+t*dy))
			}
			if d > best {
				idx, best = k, d
			}
		}
		if idx >= 0 {
			keep[idx] = true
			stack = append(stack, span{sp.i, idx}, span{idx, sp.j})
		}
	}
	var out []geom.Point
	for k, q := range line {
		if keep[k] {
			out = append(out, q)
		}
	}
	return out
}

// TestSimplifyAsBefore: simplify keeps the points the reference keeps, on
// every land ring as maps of several scales project it, at several
// tolerances, and on rings with repeated points and exact ties.
func TestSimplifyAsBefore(t *testing.T) {
	t.Parallel()
	set := outlines()
	var rings [][]geom.Point
	for _, code := range []string{"FR", "RU", "FJ", "CL", "ID", "NO", "US"} {
		for _, box := range []geom.Rect{geom.R(0, 0, 62, 28.3), geom.R(0, 0, 300, 200)} {
			loc, _ := locate(code, box, 4.4)
			for _, p := range set.land {
				for _, r := range p {
					pts := make([]geom.Point, len(r))
					k := math.Round((meanLon(r) - loc.pr.lon0) / 360)
					for i, ll := range r {
						x, y := Project(ll.Lon-360*k-loc.pr.lon0, ll.Lat)
						pts[i] = geom.Point{X: (x - loc.pr.cx) * loc.pr.scale, Y: -(y - loc.pr.cy) * loc.pr.scale}
					}
					rings = append(rings, pts)
				}
			}
		}
	}
	square := []geom.Point{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}, {X: 0, Y: 1}, {X: 0, Y: 1}, {X: 0.5, Y: 0.5}, {X: 0, Y: 0}}
	rings = append(rings, square)
	checked := 0
	for i, r := range rings {
		for _, tol := range []float64{0, 0.05, Detail, 0.5, 1 / math.Sqrt2, 3} {
			if got, want := simplify(r, tol), refSimplify(r, tol); !reflect.DeepEqual(got, want) {
				t.Fatalf("ring %d (%d points) at %v: %d points kept, the reference keeps %d", i, len(r), tol, len(got), len(want))
			}
			checked++
		}
	}
	t.Logf("%d rings checked", checked)
}

// TestLatProjectionIsProject: a point projected from its latitude's
// precomputed part is Project's, to the bit, for every point of the land
// at the central meridians of every country's map and at random ones.
func TestLatProjectionIsProject(t *testing.T) {
	t.Parallel()
	set := outlines()
	lon0s := []float64{0, 180, -180, 1e-7, 12.345678901234567, -97.5, 139.99999999999997}
	for code := range set.countries {
		if loc, ok := locate(code, geom.R(0, 0, 62, 31), 4.4); ok {
			lon0s = append(lon0s, loc.pr.lon0)
		}
	}
	checked := 0
	for i, p := range set.land {
		for j, r := range p {
			for k, ll := range r {
				lp := set.landLat[i][j][k]
				for _, lon0 := range lon0s {
					for _, turns := range []float64{-1, 0, 1} {
						lon := ll.Lon - 360*turns - lon0
						x, y := lp.project(lon)
						wx, wy := Project(lon, ll.Lat)
						if math.Float64bits(x) != math.Float64bits(wx) || math.Float64bits(y) != math.Float64bits(wy) {
							t.Fatalf("%v at %v: (%v, %v), Project gives (%v, %v)", ll, lon0, x, y, wx, wy)
						}
						checked++
					}
				}
			}
		}
	}
	t.Logf("%d projections compared", checked)
}

// TestMarkAsLocate: Mark gives the mark Locate sets, and whether it makes
// a map, for every country and point of the table and unknown codes, in
// several boxes and thresholds.
func TestMarkAsLocate(t *testing.T) {
	t.Parallel()
	codes := []string{"XX", "fr "}
	for code := range outlines().countries {
		codes = append(codes, code)
	}
	cs, _ := Countries()
	for _, c := range cs {
		codes = append(codes, c.Code)
	}
	marks := 0
	for _, code := range codes {
		for _, box := range []geom.Rect{geom.R(0, 0, 62, 30.999999999999996), geom.R(5, 7, 40, 40)} {
			for _, minMark := range []float64{0, 4.4, 30} {
				want, wantOK := locate(normCode(code), box, minMark)
				got, ok := Mark(code, box, minMark)
				if ok != wantOK || (got == nil) != (want.Mark == nil) || got != nil && *got != *want.Mark {
					t.Fatalf("%s in %v, %v: Mark %v, %v; Locate's %v, %v", code, box, minMark, got, ok, want.Mark, wantOK)
				}
				if got != nil {
					marks++
				}
			}
		}
	}
	if marks < 50 {
		t.Errorf("only %d marks checked", marks)
	}
}
