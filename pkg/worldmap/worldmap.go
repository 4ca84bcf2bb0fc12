// Package worldmap is the geography of the facilitator's world map: the land
// outline (Natural Earth 1:110m, simplified, embedded in package data), the
// Equal Earth projection fitted into a box in mm, a table of country points
// and the grouping of persona markers by country. It draws nothing and knows
// nothing about PDF: a renderer turns the rings Fit projects into paths
// (filled with the even-odd rule, since holes are rings too) and the clusters
// into marks.
package worldmap

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/geom"
)

// LonLat is a position on the globe in degrees: longitude east, latitude north.
type LonLat struct{ Lon, Lat float64 }

// Crop of the map: the whole width of the world, from 60°S (Antarctica is
// left out) to 85°N.
const (
	MinLon, MaxLon = -180.0, 180.0
	MinLat, MaxLat = -60.0, 85.0
)

type landFile struct {
	Source   string         `json:"source"`
	Polygons [][][2]float64 `json:"polygons"`
}

var landOnce = sync.OnceValues(func() ([][]LonLat, error) {
	b, err := data.World.ReadFile(data.WorldLand)
	if err != nil {
		return nil, err
	}
	var f landFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", data.WorldLand, err)
	}
	rings := make([][]LonLat, 0, len(f.Polygons))
	for i, p := range f.Polygons {
		if len(p) < 3 {
			return nil, fmt.Errorf("%s: ring %d has %d points", data.WorldLand, i, len(p))
		}
		r := make([]LonLat, len(p))
		for j, c := range p {
			if c[0] < MinLon || c[0] > MaxLon || c[1] < -90 || c[1] > 90 {
				return nil, fmt.Errorf("%s: ring %d point %d out of range: %v", data.WorldLand, i, j, c)
			}
			r[j] = LonLat{c[0], c[1]}
		}
		rings = append(rings, r)
	}
	return rings, nil
})

// Land returns the land outline: one ring per entry, implicitly closed (the
// first point is not repeated), holes included, so land is the even-odd fill
// of all rings. Each call returns a fresh copy the caller may change.
func Land() ([][]LonLat, error) {
	rings, err := landOnce()
	if err != nil {
		return nil, err
	}
	out := make([][]LonLat, len(rings))
	for i, r := range rings {
		out[i] = append([]LonLat(nil), r...)
	}
	return out, nil
}

// InRing reports whether p lies inside ring (ray casting in the lon/lat
// plane; the ring is implicitly closed).
func InRing(ring []LonLat, p LonLat) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a.Lat > p.Lat) != (b.Lat > p.Lat) &&
			p.Lon < (b.Lon-a.Lon)*(p.Lat-a.Lat)/(b.Lat-a.Lat)+a.Lon {
			in = !in
		}
	}
	return in
}

// OnLand reports whether p lies on land: inside an odd number of rings, so a
// lake or sea that is a hole in a ring counts as water.
func OnLand(rings [][]LonLat, p LonLat) bool {
	in := false
	for _, r := range rings {
		if InRing(r, p) {
			in = !in
		}
	}
	return in
}

// Equal Earth constants (Šavrič, Patterson and Jenny, 2018).
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
)

var eeM = math.Sqrt(3) / 2

// Project is the Equal Earth projection on a sphere of radius 1: lon and lat
// in degrees to x (east) and y (north) in projection units. The equator runs
// from x = -2.7066 to 2.7066, the poles are at y = ±1.3173.
func Project(lon, lat float64) (x, y float64) {
	lam := lon * math.Pi / 180
	phi := lat * math.Pi / 180
	th := math.Asin(eeM * math.Sin(phi))
	t2 := th * th
	t6 := t2 * t2 * t2
	x = 2 * math.Sqrt(3) * lam * math.Cos(th) / (3 * (9*eeA4*t6*t2 + 7*eeA3*t6 + 3*eeA2*t2 + eeA1))
	y = th * (eeA1 + eeA2*t2 + t6*(eeA3+eeA4*t2))
	return x, y
}

// Projector places positions on paper: Equal Earth, scaled and centred so
// that the crop (lon -180..180, lat -60..85) fits a box in mm, y down.
type Projector struct {
	// Map is the rectangle the crop occupies, in mm: centred in the box
	// given to Fit and as large as the aspect ratio allows.
	Map geom.Rect
	// Scale is mm per projection unit (the Earth's radius, in mm).
	Scale float64

	x0, y0 float64 // projection coordinates of Map's top-left corner
}

// Fit returns the projector that maps the crop into box, keeping the aspect
// ratio and centring the map in the box.
func Fit(box geom.Rect) Projector {
	xMax, _ := Project(MaxLon, 0) // the equator is the widest parallel
	_, yTop := Project(0, MaxLat)
	_, yBottom := Project(0, MinLat)
	w, h := 2*xMax, yTop-yBottom
	s := math.Min(box.W/w, box.H/h)
	mw, mh := w*s, h*s
	return Projector{
		Map:   geom.R(box.X+(box.W-mw)/2, box.Y+(box.H-mh)/2, mw, mh),
		Scale: s,
		x0:    -xMax,
		y0:    yTop,
	}
}

// Project places lon, lat on paper. Positions outside the crop are clamped
// to it (lat to -60..85, lon to -180..180), so every point lands in Map.
func (p Projector) Project(lon, lat float64) geom.Point {
	lon = math.Max(MinLon, math.Min(MaxLon, lon))
	lat = math.Max(MinLat, math.Min(MaxLat, lat))
	x, y := Project(lon, lat)
	return geom.Point{X: p.Map.X + (x-p.x0)*p.Scale, Y: p.Map.Y + (p.y0-y)*p.Scale}
}

// Point is Project for a LonLat.
func (p Projector) Point(ll LonLat) geom.Point { return p.Project(ll.Lon, ll.Lat) }

// Ring projects a ring.
func (p Projector) Ring(r []LonLat) []geom.Point {
	out := make([]geom.Point, len(r))
	for i, ll := range r {
		out[i] = p.Point(ll)
	}
	return out
}

// Outline is the edge of the cropped map on paper, as a closed path: the
// meridians ±180 (curved) and the parallels 60°S and 85°N (straight), with
// a point every step degrees of latitude along the meridians.
func (p Projector) Outline(step float64) []geom.Point {
	if step <= 0 {
		step = 5
	}
	var out []geom.Point
	for lat := MaxLat; lat > MinLat; lat -= step {
		out = append(out, p.Project(MaxLon, lat))
	}
	out = append(out, p.Project(MaxLon, MinLat), p.Project(MinLon, MinLat))
	for lat := MinLat + step; lat < MaxLat; lat += step {
		out = append(out, p.Project(MinLon, lat))
	}
	return append(out, p.Project(MinLon, MaxLat))
}

// Country is an entry of the country table.
type Country struct {
	Code string // ISO 3166-1 alpha-2, upper case
	Name string // English name
	At   LonLat // representative point inside the country
}

type countriesFile struct {
	Source    string `json:"source"`
	Countries map[string]struct {
		Name string   `json:"name"`
		Lon  *float64 `json:"lon"`
		Lat  *float64 `json:"lat"`
	} `json:"countries"`
}

var countriesOnce = sync.OnceValues(func() (map[string]Country, error) {
	b, err := data.World.ReadFile(data.WorldCountries)
	if err != nil {
		return nil, err
	}
	var f countriesFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", data.WorldCountries, err)
	}
	out := make(map[string]Country, len(f.Countries))
	for code, c := range f.Countries {
		if len(code) != 2 || strings.ToUpper(code) != code {
			return nil, fmt.Errorf("%s: %q is not an upper-case alpha-2 code", data.WorldCountries, code)
		}
		if c.Lon == nil || c.Lat == nil || *c.Lon < MinLon || *c.Lon > MaxLon || *c.Lat < MinLat || *c.Lat > MaxLat {
			return nil, fmt.Errorf("%s: %s: missing or out-of-range lon/lat", data.WorldCountries, code)
		}
		out[code] = Country{Code: code, Name: c.Name, At: LonLat{*c.Lon, *c.Lat}}
	}
	return out, nil
})

// Countries returns the country table, sorted by code.
func Countries() ([]Country, error) {
	m, err := countriesOnce()
	if err != nil {
		return nil, err
	}
	out := make([]Country, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// Lookup returns the table entry of an ISO 3166-1 alpha-2 code (any case,
// surrounding spaces ignored).
func Lookup(code string) (Country, bool) {
	m, err := countriesOnce()
	if err != nil {
		// The table is embedded and checked by the tests: a broken one is
		// a build defect, not a user error.
		panic("worldmap: " + err.Error())
	}
	c, ok := m[normCode(code)]
	return c, ok
}

// Place returns the representative point of a country by its ISO 3166-1
// alpha-2 code (any case), and whether the table knows it.
func Place(code string) (LonLat, bool) {
	c, ok := Lookup(code)
	return c.At, ok
}

func normCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// Marker is one thing to show on the map: a persona, say, in the country of
// Code with a short Label.
type Marker struct {
	Code  string
	Label string
}

// Cluster is the markers of one country, shown as one mark at the country's
// point.
type Cluster struct {
	Code   string   // normalised (upper-case) code
	At     LonLat   // the country's point; zero when !Placed
	Placed bool     // false when the table does not know Code
	Labels []string // the markers' labels, in input order
	// Members are the markers' indices in Group's input, in input order.
	Members []int
}

// Group gathers markers by country: one cluster per code, in the order codes
// first appear, each with its markers' labels in input order. A code the
// table does not know still gets a cluster, with Placed false, so the caller
// can say which ones it could not place.
func Group(markers []Marker) []Cluster {
	var out []Cluster
	index := map[string]int{}
	for k, m := range markers {
		code := normCode(m.Code)
		i, ok := index[code]
		if !ok {
			at, placed := Place(code)
			i = len(out)
			index[code] = i
			out = append(out, Cluster{Code: code, At: at, Placed: placed})
		}
		out[i].Labels = append(out[i].Labels, m.Label)
		out[i].Members = append(out[i].Members, k)
	}
	return out
}
