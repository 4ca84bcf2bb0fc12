package worldmap

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/geom"
)

// Polygon is an outer ring and its holes, each implicitly closed. A ring's
// longitudes are continuous (they may run past ±180), so a map centred
// anywhere can place it whole.
type Polygon [][]LonLat

type outlinesFile struct {
	Source    string                      `json:"source"`
	Land      [][][][2]float64            `json:"land"`
	Countries map[string][][][][2]float64 `json:"countries"`
}

type outlineSet struct {
	land      []Polygon
	countries map[string][]Polygon
	// landBounds[i][j] bounds ring j of land polygon i (placeBounds);
	// landLat[i][j][k] is the projection of its point k's latitude.
	landBounds [][]ringBounds
	landLat    [][][]latProjection
}

var outlinesOnce = sync.OnceValues(func() (outlineSet, error) {
	var set outlineSet
	b, err := data.World.ReadFile(data.WorldOutlines)
	if err != nil {
		return set, err
	}
	f, ok := decodeOutlines(b)
	if !ok {
		// Not in the shape the fast reader knows: the standard one says
		// what is wrong, if anything.
		if err := json.Unmarshal(b, &f); err != nil {
			return set, fmt.Errorf("%s: %w", data.WorldOutlines, err)
		}
	}
	conv := func(where string, in [][][][2]float64) ([]Polygon, error) {
		out := make([]Polygon, 0, len(in))
		for i, p := range in {
			if len(p) == 0 {
				return nil, fmt.Errorf("%s: %s polygon %d has no ring", data.WorldOutlines, where, i)
			}
			poly := make(Polygon, len(p))
			for j, r := range p {
				if len(r) < 3 {
					return nil, fmt.Errorf("%s: %s polygon %d ring %d has %d points", data.WorldOutlines, where, i, j, len(r))
				}
				ring := make([]LonLat, len(r))
				for k, c := range r {
					if c[0] < -540 || c[0] > 540 || c[1] < -90 || c[1] > 90 {
						return nil, fmt.Errorf("%s: %s point out of range: %v", data.WorldOutlines, where, c)
					}
					ring[k] = LonLat{c[0], c[1]}
				}
				poly[j] = ring
			}
			out = append(out, poly)
		}
		return out, nil
	}
	if set.land, err = conv("land", f.Land); err != nil {
		return set, err
	}
	set.landBounds = make([][]ringBounds, len(set.land))
	set.landLat = make([][][]latProjection, len(set.land))
	for i, p := range set.land {
		set.landBounds[i] = make([]ringBounds, len(p))
		set.landLat[i] = make([][]latProjection, len(p))
		for j, r := range p {
			set.landBounds[i][j] = placeBounds(r)
			lat := make([]latProjection, len(r))
			for k, ll := range r {
				lat[k] = latProjectionOf(ll.Lat)
			}
			set.landLat[i][j] = lat
		}
	}
	set.countries = make(map[string][]Polygon, len(f.Countries))
	for code, polys := range f.Countries {
		if set.countries[code], err = conv(code, polys); err != nil {
			return set, err
		}
	}
	return set, nil
})

func outlines() outlineSet {
	set, err := outlinesOnce()
	if err != nil {
		// The file is embedded and checked by the tests: a broken one is a
		// build defect, not a user error.
		panic("worldmap: " + err.Error())
	}
	return set
}

// Outline returns the polygons of a country by its ISO 3166-1 alpha-2 code
// (any case), and whether the outlines have it: countries too small for
// 1:110m (Singapore, Malta, Bahrain, …) have none.
func Outline(code string) ([]Polygon, bool) {
	p, ok := outlines().countries[normCode(code)]
	return p, ok
}

// Locator is a locator map of one country in a box: the land around it and
// the country itself, projected and clipped to the box, in mm. Draw Land
// (minus LandHoles: seas inside it) in one colour, then Country (minus
// CountryHoles: other countries inside it) in another, then, when Mark is
// set, a mark at Mark: the country is too small to be seen at this scale.
type Locator struct {
	Box                   geom.Rect
	Land, LandHoles       [][]geom.Point
	Country, CountryHoles [][]geom.Point
	Mark                  *geom.Point
	// Centre is the central meridian of the projection, in degrees.
	Centre float64

	pr localProjection
}

// Point is where a position lands on the locator map (it may be outside
// the box).
func (l Locator) Point(ll LonLat) geom.Point { return l.pr.point(ll) }

// The extent of a locator map: the country's part that matters (its
// largest piece and the pieces near it) takes about a third of the view's
// width or height, the view is at least MinSpan degrees of longitude wide
// at the equator's scale so that a small country shows its neighbours, and
// at most MaxSpan.
const (
	Context = 2.4
	MinSpan = 22.0
	MaxSpan = 150.0
)

// Locate composes the locator map of the country code in box. A country
// whose region is smaller than minMark mm across on the map, or that has no
// outline at 1:110m but a point in the country table, gets a Mark. It
// returns false when the country is unknown to both.
//
// Maps are kept: every card of a country in a deck has the same map, made
// once. The Locator returned shares its slices with the next caller's: read
// them, do not change them.
func Locate(code string, box geom.Rect, minMark float64) (Locator, bool) {
	key := locateKey{normCode(code), box, minMark}
	if v, ok := located.Load(key); ok {
		r := v.(located1)
		return r.loc, r.ok
	}
	loc, ok := locate(key.code, box, minMark)
	// A long-running process (the web server to come) meets at most the
	// codes of the table and a few boxes per layout; past a bound, stop
	// keeping new ones rather than grow without end.
	if locatedCount.Add(1) <= maxLocated {
		located.Store(key, located1{loc, ok})
	}
	return loc, ok
}

type locateKey struct {
	code    string
	box     geom.Rect
	minMark float64
}

type located1 struct {
	loc Locator
	ok  bool
}

const maxLocated = 4096

var (
	located      sync.Map // locateKey → located1
	locatedCount atomic.Int64
)

func locate(code string, box geom.Rect, minMark float64) (Locator, bool) {
	loc, polys, ok := frame(code, box, minMark)
	if !ok {
		return loc, false
	}
	pr := loc.pr
	set := outlines()
	// Rings are culled by their bounds, simplified and clipped (place).
	// The land's rings that surely miss the box are left out before
	// that, from bounds computed once: most of the world, for most maps.
	for i, p := range set.land {
		if !pr.misses(set.landBounds[i][0]) {
			loc.Land = append(loc.Land, pr.placeLat(p[0], set.landLat[i][0])...)
		}
		for j, hole := range p[1:] {
			if !pr.misses(set.landBounds[i][j+1]) {
				loc.LandHoles = append(loc.LandHoles, pr.placeLat(hole, set.landLat[i][j+1])...)
			}
		}
	}
	for _, p := range polys {
		loc.Country = append(loc.Country, pr.place(p[0])...)
		for _, hole := range p[1:] {
			loc.CountryHoles = append(loc.CountryHoles, pr.place(hole)...)
		}
	}
	return loc, true
}

// frame is the locator map of code in box without its rings: its
// projection, centre and mark, and the country's outline (nil when it has
// none).
func frame(code string, box geom.Rect, minMark float64) (Locator, []Polygon, bool) {
	polys, hasOutline := Outline(code)
	at, hasPoint := Place(code)
	if !hasOutline && !hasPoint {
		return Locator{}, nil, false
	}
	var region []Polygon
	lon0 := at.Lon
	if hasOutline {
		region = mainPart(polys)
		lon0 = centreLon(region)
	}
	pr := localProjection{lon0: lon0}
	// The region's extent in projection units.
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	if len(region) > 0 {
		for _, p := range region {
			for _, ll := range p[0] {
				x, y := pr.xy(shiftNear(ll, lon0))
				x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
			}
		}
	} else {
		x, y := pr.xy(at)
		x0, y0, x1, y1 = x, y, x, y
	}
	cx, cy := (x0+x1)/2, (y0+y1)/2
	unit, _ := Project(1, 0) // projection units per degree of longitude at the equator
	w := math.Min(math.Max((x1-x0)*Context, MinSpan*unit), MaxSpan*unit)
	h := math.Min(math.Max((y1-y0)*Context, MinSpan*unit), MaxSpan*unit)
	// The box's proportions: grow the shorter side of the view (only its
	// width matters for the scale).
	if w/h < box.W/box.H {
		w = h * box.W / box.H
	}
	scale := box.W / w // mm per projection unit
	pr.scale, pr.cx, pr.cy, pr.box = scale, cx, cy, box

	loc := Locator{Box: box, Centre: lon0, pr: pr}
	if !hasOutline || math.Max(x1-x0, y1-y0)*scale < minMark {
		var m geom.Point
		if hasPoint {
			m = pr.point(at)
		} else {
			m = geom.Point{X: box.X + box.W/2, Y: box.Y + box.H/2}
		}
		loc.Mark = &m
	}
	if !hasOutline {
		polys = nil
	}
	return loc, polys, true
}

// Mark is the mark Locate(code, box, minMark) sets (nil when it sets
// none), and whether it makes a map at all, without placing the map's
// rings: for a caller that draws the rings of a map made for a box of
// almost the same size (a locator map's icons are drawn for its size to
// the thousandth of a millimetre). Marks are kept as maps are.
func Mark(code string, box geom.Rect, minMark float64) (*geom.Point, bool) {
	key := locateKey{normCode(code), box, minMark}
	if v, ok := marked.Load(key); ok {
		r := v.(marked1)
		return r.mark, r.ok
	}
	loc, _, ok := frame(key.code, box, minMark)
	if markedCount.Add(1) <= maxLocated {
		marked.Store(key, marked1{loc.Mark, ok})
	}
	return loc.Mark, ok
}

type marked1 struct {
	mark *geom.Point
	ok   bool
}

var (
	marked      sync.Map // locateKey → marked1
	markedCount atomic.Int64
)

// localProjection is Equal Earth about the central meridian lon0, scaled
// and moved so that (cx, cy) in projection units lands at the centre of box.
type localProjection struct {
	lon0          float64
	scale, cx, cy float64
	box           geom.Rect
}

func (p localProjection) xy(ll LonLat) (float64, float64) { return Project(ll.Lon-p.lon0, ll.Lat) }

func (p localProjection) point(ll LonLat) geom.Point {
	x, y := p.xy(shiftNear(ll, p.lon0))
	return geom.Point{X: p.box.X + p.box.W/2 + (x-p.cx)*p.scale, Y: p.box.Y + p.box.H/2 - (y-p.cy)*p.scale}
}

// place projects a ring, brought as a whole to the side of the globe nearest
// the centre, and clips it to the box; it returns nothing when the ring
// misses the box.
func (p localProjection) place(ring []LonLat) [][]geom.Point { return p.placeLat(ring, nil) }

// placeLat is place with the parts of the projection that depend on the
// latitude alone computed already, lat[i] for ring[i] (nil: computed here).
func (p localProjection) placeLat(ring []LonLat, lat []latProjection) [][]geom.Point {
	k := math.Round((meanLon(ring) - p.lon0) / 360)
	pts := make([]geom.Point, 0, len(ring))
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, ll := range ring {
		var x, y float64
		if lat != nil {
			x, y = lat[i].project(ll.Lon - 360*k - p.lon0)
		} else {
			x, y = Project(ll.Lon-360*k-p.lon0, ll.Lat)
		}
		q := geom.Point{X: p.box.X + p.box.W/2 + (x-p.cx)*p.scale, Y: p.box.Y + p.box.H/2 - (y-p.cy)*p.scale}
		pts = append(pts, q)
		minX, minY, maxX, maxY = math.Min(minX, q.X), math.Min(minY, q.Y), math.Max(maxX, q.X), math.Max(maxY, q.Y)
	}
	if maxX < p.box.X || minX > p.box.Right() || maxY < p.box.Y || minY > p.box.Bottom() {
		return nil
	}
	// An island smaller than a grain of ink is left out; the rest is
	// simplified to what print can show, then clipped.
	if (maxX-minX)*(maxY-minY) < MinFeature*MinFeature {
		return nil
	}
	c := ClipRing(simplify(pts, Detail), p.box)
	if len(c) < 3 {
		return nil
	}
	return [][]geom.Point{c}
}

// latProjection is what Equal Earth computes from a latitude alone: the
// cosine of its parametric latitude and the divisor of x, and y. Land
// rings keep theirs (a sine, an arcsine and a cosine a point), and a map
// projects them with a multiplication and a division: project computes x
// as Project does, operation for operation, so the points are the same to
// the bit (TestLatProjectionIsProject).
type latProjection struct{ cos, div, y float64 }

func latProjectionOf(lat float64) latProjection {
	phi := lat * math.Pi / 180
	th := math.Asin(eeM * math.Sin(phi))
	t2 := th * th
	t6 := t2 * t2 * t2
	return latProjection{
		cos: math.Cos(th),
		div: 3 * (9*eeA4*t6*t2 + 7*eeA3*t6 + 3*eeA2*t2 + eeA1),
		y:   th * (eeA1 + eeA2*t2 + t6*(eeA3+eeA4*t2)),
	}
}

// project is Project(lon, lat) for the latitude of l.
func (l latProjection) project(lon float64) (x, y float64) {
	lam := lon * math.Pi / 180
	return 2 * math.Sqrt(3) * lam * l.cos / l.div, l.y
}

// ringBounds bounds where a ring lands on any local projection, computed
// once per ring: place moves a ring by whole turns next to the centre
// (from its mean longitude), then projects it; Equal Earth's y grows with
// the latitude alone, and its x is the longitude from the centre, in
// radians, times a factor that shrinks as the latitude goes from the
// equator to a pole (the test checks both).
type ringBounds struct {
	mean       float64 // mean longitude, as place computes it
	lon0, lon1 float64 // least and greatest longitude
	y0, y1     float64 // least and greatest y
	g0, g1     float64 // the x factor at the ring's latitude furthest from and nearest to the equator
}

func placeBounds(r []LonLat) ringBounds {
	b := ringBounds{mean: meanLon(r), lon0: math.Inf(1), lon1: math.Inf(-1)}
	lat0, lat1 := math.Inf(1), math.Inf(-1)
	for _, ll := range r {
		b.lon0, b.lon1 = math.Min(b.lon0, ll.Lon), math.Max(b.lon1, ll.Lon)
		lat0, lat1 = math.Min(lat0, ll.Lat), math.Max(lat1, ll.Lat)
	}
	_, b.y0 = Project(0, lat0)
	_, b.y1 = Project(0, lat1)
	far, near := math.Max(math.Abs(lat0), math.Abs(lat1)), 0.0
	if lat0 > 0 || lat1 < 0 {
		near = math.Min(math.Abs(lat0), math.Abs(lat1))
	}
	b.g0, b.g1 = xFactor(far), xFactor(near)
	return b
}

// xFactor is Equal Earth's x per radian of longitude at latitude lat.
func xFactor(lat float64) float64 {
	x, _ := Project(180/math.Pi, lat)
	return x / (180 / math.Pi * math.Pi / 180)
}

// cullMargin is how far, in mm, a ring's bounds must lie outside the box
// for misses to say so: far more than any rounding between the bounds and
// the points they bound.
const cullMargin = 1e-3

// misses reports whether a ring with bounds b surely lies outside the box,
// so that place would return nothing for it.
func (p localProjection) misses(b ringBounds) bool {
	k := math.Round((b.mean - p.lon0) / 360)
	lam0 := (b.lon0 - 360*k - p.lon0) * math.Pi / 180
	lam1 := (b.lon1 - 360*k - p.lon0) * math.Pi / 180
	x0, x1 := math.Min(lam0*b.g0, lam0*b.g1), math.Max(lam1*b.g0, lam1*b.g1)
	cx, cy := p.box.X+p.box.W/2, p.box.Y+p.box.H/2
	left, right := cx+(x0-p.cx)*p.scale, cx+(x1-p.cx)*p.scale
	top, bottom := cy-(b.y1-p.cy)*p.scale, cy-(b.y0-p.cy)*p.scale
	return right < p.box.X-cullMargin || left > p.box.Right()+cullMargin ||
		bottom < p.box.Y-cullMargin || top > p.box.Bottom()+cullMargin
}

// What a locator map keeps, in mm on paper: rings simplified to Detail (a
// point no further than that from the outline drawn is left out), islands
// smaller than MinFeature across left out.
const (
	Detail     = 0.25
	MinFeature = 0.5
)

// simplify is Douglas–Peucker on a closed ring: split at its first point
// and the point furthest from it, each half simplified keeping its ends.
func simplify(r []geom.Point, tol float64) []geom.Point {
	if len(r) < 4 {
		return r
	}
	far, best := 0, -1.0
	for i, q := range r {
		dx, dy := q.X-r[0].X, q.Y-r[0].Y
		if best >= 0 && !beyond(dx, dy, best) {
			continue
		}
		if d := math.Hypot(dx, dy); d > best {
			far, best = i, d
		}
	}
	closed := append(append(make([]geom.Point, 0, len(r)+1), r...), r[0])
	a := dpLine(closed[:far+1], tol)
	b := dpLine(closed[far:], tol)
	out := append(a[:len(a)-1], b...)
	return out[:len(out)-1]
}

// beyond reports whether math.Hypot(dx, dy) may be greater than d (> 0),
// from dx² + dy², which is much cheaper: when it says no, Hypot is surely
// no greater than d, the margin (a billionth) being far more than the
// rounding of either. Douglas–Peucker asks for Hypot only of the points
// that may beat the furthest so far, and decides as it did with Hypot
// for every point.
func beyond(dx, dy, d float64) bool { return dx*dx+dy*dy > d*d*(1-1e-9) }

// dpLine is Douglas–Peucker on an open polyline, keeping both ends.
func dpLine(line []geom.Point, tol float64) []geom.Point {
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
			if dx, dy := segOffset(line[k], a, b); beyond(dx, dy, best) {
				if d := math.Hypot(dx, dy); d > best {
					idx, best = k, d
				}
			}
		}
		if idx >= 0 {
			keep[idx] = true
			stack = append(stack, span{sp.i, idx}, span{idx, sp.j})
		}
	}
	out := make([]geom.Point, 0, len(line))
	for k, q := range line {
		if keep[k] {
			out = append(out, q)
		}
	}
	return out
}

// segOffset is the vector from the point of segment ab nearest p to p:
// its length is p's distance to the segment.
func segOffset(p, a, b geom.Point) (dx, dy float64) {
	dx, dy = b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return p.X - a.X, p.Y - a.Y
	}
	// The built-in max and min are math.Max and math.Min, inlined.
	t := max(0, min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	return p.X - (a.X + t*dx), p.Y - (a.Y + t*dy)
}

// shiftNear moves a position by whole turns to within 180° of lon0.
func shiftNear(ll LonLat, lon0 float64) LonLat {
	ll.Lon -= 360 * math.Round((ll.Lon-lon0)/360)
	return ll
}

func meanLon(r []LonLat) float64 {
	s := 0.0
	for _, ll := range r {
		s += ll.Lon
	}
	return s / float64(len(r))
}

// area is a ring's area in Equal Earth's units, which are proportional to
// areas on the globe.
func area(r []LonLat) float64 {
	lon0 := meanLon(r)
	a := 0.0
	for i := range r {
		j := (i + 1) % len(r)
		xi, yi := Project(r[i].Lon-lon0, r[i].Lat)
		xj, yj := Project(r[j].Lon-lon0, r[j].Lat)
		a += xi*yj - xj*yi
	}
	return math.Abs(a / 2)
}

type bounds struct{ lon0, lat0, lon1, lat1 float64 }

func boundsOf(r []LonLat) bounds {
	b := bounds{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, ll := range r {
		b.lon0, b.lat0 = math.Min(b.lon0, ll.Lon), math.Min(b.lat0, ll.Lat)
		b.lon1, b.lat1 = math.Max(b.lon1, ll.Lon), math.Max(b.lat1, ll.Lat)
	}
	return b
}

func (b bounds) union(c bounds) bounds {
	return bounds{math.Min(b.lon0, c.lon0), math.Min(b.lat0, c.lat0), math.Max(b.lon1, c.lon1), math.Max(b.lat1, c.lat1)}
}

// gap is the distance in degrees between two bounds (0 when they overlap).
func (b bounds) gap(c bounds) float64 {
	dx := math.Max(0, math.Max(c.lon0-b.lon1, b.lon0-c.lon1))
	dy := math.Max(0, math.Max(c.lat0-b.lat1, b.lat0-c.lat1))
	return math.Hypot(dx, dy)
}

// mainPart is the part of a country a locator map frames: its largest
// piece, and the pieces near it (Corsica with France, Hokkaido with
// Honshu, the chain of the Philippines), but not far-away ones (French
// Guiana, Alaska, Hawaii). A piece is near when it lies within a sixth of
// the largest piece's size (and at least 2°) of the part, which grows with
// each piece taken.
func mainPart(polys []Polygon) []Polygon {
	if len(polys) == 0 {
		return nil
	}
	type piece struct {
		p    Polygon
		b    bounds
		area float64
	}
	pieces := make([]piece, len(polys))
	for i, p := range polys {
		pieces[i] = piece{p: p, area: area(p[0])}
	}
	sort.SliceStable(pieces, func(i, j int) bool { return pieces[i].area > pieces[j].area })
	lon0 := meanLon(pieces[0].p[0])
	for i := range pieces {
		k := math.Round((meanLon(pieces[i].p[0]) - lon0) / 360)
		r := make([]LonLat, len(pieces[i].p[0]))
		for j, ll := range pieces[i].p[0] {
			r[j] = LonLat{ll.Lon - 360*k, ll.Lat}
		}
		pieces[i].b = boundsOf(r)
	}
	out := []Polygon{pieces[0].p}
	b := pieces[0].b
	taken := make([]bool, len(pieces))
	taken[0] = true
	// The reach is a sixth of the largest piece's size (the side of a
	// square of its area, in degrees at the equator), at least 2°.
	unit, _ := Project(1, 0)
	reach := math.Max(2, math.Sqrt(pieces[0].area)/unit/6)
	for grew := true; grew; {
		grew = false
		for i, pc := range pieces {
			if !taken[i] && b.gap(pc.b) <= reach {
				taken[i], grew = true, true
				out = append(out, pc.p)
				b = b.union(pc.b)
			}
		}
	}
	return out
}

// centreLon is the middle of the longitudes the region spans.
func centreLon(region []Polygon) float64 {
	lon0 := meanLon(region[0][0])
	b := bounds{math.Inf(1), 0, math.Inf(-1), 0}
	for _, p := range region {
		for _, ll := range p[0] {
			ll = shiftNear(ll, lon0)
			b.lon0, b.lon1 = math.Min(b.lon0, ll.Lon), math.Max(b.lon1, ll.Lon)
		}
	}
	return (b.lon0 + b.lon1) / 2
}

// ClipRing clips a closed ring to a rectangle (Sutherland–Hodgman, one edge
// at a time). Where the ring leaves and comes back, the pieces stay joined
// by edges along the rectangle's sides, which a fill does not show.
func ClipRing(ring []geom.Point, r geom.Rect) []geom.Point {
	type edge struct {
		in    func(geom.Point) bool
		cross func(a, b geom.Point) geom.Point
	}
	atX := func(x float64) func(a, b geom.Point) geom.Point {
		return func(a, b geom.Point) geom.Point {
			t := (x - a.X) / (b.X - a.X)
			return geom.Point{X: x, Y: a.Y + t*(b.Y-a.Y)}
		}
	}
	atY := func(y float64) func(a, b geom.Point) geom.Point {
		return func(a, b geom.Point) geom.Point {
			t := (y - a.Y) / (b.Y - a.Y)
			return geom.Point{X: a.X + t*(b.X-a.X), Y: y}
		}
	}
	edges := []edge{
		{func(p geom.Point) bool { return p.X >= r.X }, atX(r.X)},
		{func(p geom.Point) bool { return p.X <= r.Right() }, atX(r.Right())},
		{func(p geom.Point) bool { return p.Y >= r.Y }, atY(r.Y)},
		{func(p geom.Point) bool { return p.Y <= r.Bottom() }, atY(r.Bottom())},
	}
	out := ring
	for _, e := range edges {
		if len(out) == 0 {
			return nil
		}
		in := out
		out = make([]geom.Point, 0, len(in)+4)
		for i, cur := range in {
			prev := in[(i+len(in)-1)%len(in)]
			if e.in(cur) != e.in(prev) {
				out = append(out, e.cross(prev, cur))
			}
			if e.in(cur) {
				out = append(out, cur)
			}
		}
	}
	return out
}
