// Command worldgen turns Natural Earth's 1:110m land polygons, as shipped in
// TopoJSON by the npm package world-atlas, into the small outline cardgen
// embeds for the facilitator's world map (data/world/land.json).
//
//	cd /tmp && mkdir -p wa && cd wa && npm install world-atlas@2
//	go run ./cmd/worldgen -in /tmp/wa/node_modules/world-atlas/land-110m.json -out data/world/land.json
//
// It decodes the quantized, delta-encoded arcs, stitches them into rings
// (outer rings and holes alike), drops the rings lying wholly south of
// -minlat (Antarctica), simplifies each ring with Douglas–Peucker at -tol
// degrees, rounds coordinates to 0.01 degree and drops rings left with fewer
// than -minpts distinct points. The output is one JSON object,
//
//	{"source": "...", "polygons": [[[lon,lat],...], ...]}
//
// where each entry of polygons is one ring, implicitly closed (the first
// point is not repeated); holes are rings too, so the land is the even-odd
// fill of all rings. The same input always gives the same bytes.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

func main() {
	in := flag.String("in", "", "world-atlas land-110m.json (TopoJSON)")
	out := flag.String("out", "data/world/land.json", "output file")
	opt := defaults
	flag.StringVar(&opt.Object, "object", opt.Object, "TopoJSON object to convert")
	flag.Float64Var(&opt.Tol, "tol", opt.Tol, "Douglas–Peucker tolerance in degrees")
	flag.IntVar(&opt.MinPoints, "minpts", opt.MinPoints, "drop rings with fewer distinct points after simplification")
	flag.Float64Var(&opt.MinLat, "minlat", opt.MinLat, "drop rings lying wholly south of this latitude")
	countries := flag.Bool("countries", false, "convert countries-110m.json into the cards' country outlines (data/world/outlines.json) instead")
	flag.Parse()
	if *countries {
		mainCountries(*in, *out)
		return
	}
	if *in == "" {
		fail(errors.New("missing -in: install the data with `cd /tmp && mkdir -p wa && cd wa && npm install world-atlas@2` " +
			"and pass -in /tmp/wa/node_modules/world-atlas/land-110m.json"))
	}
	raw, err := os.ReadFile(*in)
	if errors.Is(err, fs.ErrNotExist) {
		fail(fmt.Errorf("%w (install it with `npm install world-atlas@2`)", err))
	}
	if err != nil {
		fail(err)
	}
	opt.Source = source(*in, raw, opt)
	res, err := convert(raw, opt)
	if err != nil {
		fail(fmt.Errorf("%s: %w", *in, err))
	}
	if err := os.WriteFile(*out, res.JSON, 0o644); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "worldgen: %d rings in, %d out (%d south of %g°, %d too small), %d points, %d bytes → %s\n",
		res.RingsIn, res.RingsOut, res.DroppedSouth, opt.MinLat, res.DroppedSmall, res.Points, len(res.JSON), *out)
}

// mainCountries writes the country outlines of the cards' locator maps,
// with countryDefaults.
func mainCountries(in, out string) {
	if in == "" {
		fail(errors.New("missing -in: pass -in /tmp/wa/node_modules/world-atlas/countries-110m.json"))
	}
	raw, err := os.ReadFile(in)
	if err != nil {
		fail(err)
	}
	opt := countryDefaults
	opt.Source = countriesSource(in, raw, opt)
	res, err := convertCountries(raw, opt)
	if err != nil {
		fail(fmt.Errorf("%s: %w", in, err))
	}
	if err := os.WriteFile(out, res.JSON, 0o644); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "worldgen: %d countries, %d land polygons, %d points, %d bytes → %s\n",
		res.Countries, res.Land, res.Points, len(res.JSON), out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "worldgen:", err)
	os.Exit(1)
}

// source describes where the outline comes from, with the world-atlas version
// read from the package.json beside the input when there is one, and the
// input's SHA-256 so that a rebuild can be checked.
func source(in string, raw []byte, opt options) string {
	pkg := "world-atlas"
	if b, err := os.ReadFile(filepath.Join(filepath.Dir(in), "package.json")); err == nil {
		var p struct{ Name, Version string }
		if json.Unmarshal(b, &p) == nil && p.Name != "" && p.Version != "" {
			pkg = p.Name + "@" + p.Version
		}
	}
	sum := sha256.Sum256(raw)
	return fmt.Sprintf("Natural Earth 1:110m land (public domain) via %s %s (sha256 %s); "+
		"rings south of %g° dropped, Douglas-Peucker %g°, rounded to 0.01°, rings under %d points dropped; "+
		"rings are implicitly closed, fill even-odd",
		pkg, filepath.Base(in), hex.EncodeToString(sum[:8]), opt.MinLat, opt.Tol, opt.MinPoints)
}

// countriesSource describes where the country outlines come from.
func countriesSource(in string, raw []byte, opt options) string {
	sum := sha256.Sum256(raw)
	return fmt.Sprintf("Natural Earth 1:110m admin 0 countries (public domain) via %s %s (sha256 %s); "+
		"each shared arc simplified once, Douglas-Peucker %g°, rounded to 0.01°; polygons south of %g° dropped; "+
		"land from the same arcs; keys are ISO 3166-1 alpha-2 codes from the numeric ids; a polygon is its outer ring then its holes",
		pkgName(in), filepath.Base(in), hex.EncodeToString(sum[:8]), opt.Tol, opt.MinLat)
}

// pkgName is the world-atlas version read from the package.json beside
// the input, when there is one.
func pkgName(in string) string {
	pkg := "world-atlas"
	if b, err := os.ReadFile(filepath.Join(filepath.Dir(in), "package.json")); err == nil {
		var p struct{ Name, Version string }
		if json.Unmarshal(b, &p) == nil && p.Name != "" && p.Version != "" {
			pkg = p.Name + "@" + p.Version
		}
	}
	return pkg
}

// defaults are the settings data/world/land.json is made with.
var defaults = options{Object: "land", Tol: 0.3, MinPoints: 4, MinLat: -60}

type options struct {
	Object    string
	Source    string
	Tol       float64
	MinPoints int
	MinLat    float64
}

type result struct {
	JSON                                          []byte
	RingsIn, RingsOut, DroppedSouth, DroppedSmall int
	Points                                        int
}

type topology struct {
	Type      string                     `json:"type"`
	Transform *transform                 `json:"transform"`
	Arcs      [][][]float64              `json:"arcs"`
	Objects   map[string]json.RawMessage `json:"objects"`
}

type transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

type geometry struct {
	Type       string          `json:"type"`
	Arcs       json.RawMessage `json:"arcs"`
	Geometries []geometry      `json:"geometries"`
}

type pt [2]float64 // lon, lat

func convert(raw []byte, opt options) (result, error) {
	var res result
	var topo topology
	if err := json.Unmarshal(raw, &topo); err != nil {
		return res, err
	}
	if topo.Type != "Topology" {
		return res, fmt.Errorf("type %q, want Topology", topo.Type)
	}
	objRaw, ok := topo.Objects[opt.Object]
	if !ok {
		return res, fmt.Errorf("no object %q", opt.Object)
	}
	var obj geometry
	if err := json.Unmarshal(objRaw, &obj); err != nil {
		return res, err
	}
	arcs := decodeArcs(topo)
	rings, err := collectRings(obj, arcs)
	if err != nil {
		return res, err
	}
	res.RingsIn = len(rings)
	var kept [][]pt
	for _, r := range rings {
		if maxLat(r) < opt.MinLat {
			res.DroppedSouth++
			continue
		}
		for _, piece := range cutAntimeridian(simplifyRing(unwrap(r), opt.Tol)) {
			s := roundRing(piece)
			if len(s) < opt.MinPoints {
				res.DroppedSmall++
				continue
			}
			kept = append(kept, s)
			res.Points += len(s)
		}
	}
	res.RingsOut = len(kept)
	res.JSON = encode(opt.Source, kept)
	return res, nil
}

// decodeArcs turns quantized, delta-encoded arcs into absolute lon/lat.
func decodeArcs(topo topology) [][]pt {
	out := make([][]pt, len(topo.Arcs))
	for i, arc := range topo.Arcs {
		ps := make([]pt, 0, len(arc))
		var x, y float64
		for _, p := range arc {
			if len(p) < 2 {
				continue
			}
			if t := topo.Transform; t != nil {
				x += p[0]
				y += p[1]
				ps = append(ps, pt{x*t.Scale[0] + t.Translate[0], y*t.Scale[1] + t.Translate[1]})
			} else {
				ps = append(ps, pt{p[0], p[1]})
			}
		}
		out[i] = ps
	}
	return out
}

// collectRings walks a geometry (collection) and returns every ring of its
// polygons, in order.
func collectRings(g geometry, arcs [][]pt) ([][]pt, error) {
	var rings [][]pt
	switch g.Type {
	case "GeometryCollection":
		for _, c := range g.Geometries {
			r, err := collectRings(c, arcs)
			if err != nil {
				return nil, err
			}
			rings = append(rings, r...)
		}
	case "Polygon":
		var poly [][]int
		if err := json.Unmarshal(g.Arcs, &poly); err != nil {
			return nil, fmt.Errorf("polygon arcs: %w", err)
		}
		for _, ring := range poly {
			r, err := stitch(ring, arcs)
			if err != nil {
				return nil, err
			}
			rings = append(rings, r)
		}
	case "MultiPolygon":
		var multi [][][]int
		if err := json.Unmarshal(g.Arcs, &multi); err != nil {
			return nil, fmt.Errorf("multipolygon arcs: %w", err)
		}
		for _, poly := range multi {
			for _, ring := range poly {
				r, err := stitch(ring, arcs)
				if err != nil {
					return nil, err
				}
				rings = append(rings, r)
			}
		}
	case "", "Null":
	default:
		return nil, fmt.Errorf("unsupported geometry %q", g.Type)
	}
	return rings, nil
}

// stitch joins the arcs of one ring; a negative index ^i means arc i
// reversed. Each arc after the first starts where the previous one ended, so
// its first point is skipped. The ring returned is open (no repeated point).
func stitch(idx []int, arcs [][]pt) ([]pt, error) {
	var ring []pt
	for k, i := range idx {
		rev := i < 0
		if rev {
			i = ^i
		}
		if i >= len(arcs) {
			return nil, fmt.Errorf("arc %d out of range", i)
		}
		a := arcs[i]
		seg := make([]pt, len(a))
		for j := range a {
			if rev {
				seg[j] = a[len(a)-1-j]
			} else {
				seg[j] = a[j]
			}
		}
		if k > 0 && len(seg) > 0 {
			seg = seg[1:]
		}
		ring = append(ring, seg...)
	}
	if n := len(ring); n > 1 && ring[0] == ring[n-1] {
		ring = ring[:n-1]
	}
	return ring, nil
}

func maxLat(r []pt) float64 {
	m := math.Inf(-1)
	for _, p := range r {
		m = math.Max(m, p[1])
	}
	return m
}

// unwrap makes a ring's longitudes continuous: a step of more than 180°
// between two points is taken as a crossing of the antimeridian, so the ring
// may run past ±180 (Chukotka, Fiji) instead of jumping across the map.
func unwrap(r []pt) []pt {
	out := make([]pt, len(r))
	shift := 0.0
	for i, p := range r {
		if i > 0 {
			switch d := p[0] + shift - out[i-1][0]; {
			case d > 180:
				shift -= 360
			case d < -180:
				shift += 360
			}
		}
		out[i] = pt{p[0] + shift, p[1]}
	}
	return out
}

// cutAntimeridian splits an unwrapped ring at lon ±180 and brings the parts
// past it back into [-180, 180], so that no edge crosses the map.
func cutAntimeridian(r []pt) [][]pt {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range r {
		lo, hi = math.Min(lo, p[0]), math.Max(hi, p[0])
	}
	var pieces [][]pt
	switch {
	case hi > 180:
		pieces = append(pieces, clip(r, 180, true), shift(clip(r, 180, false), -360))
	case lo < -180:
		pieces = append(pieces, clip(r, -180, false), shift(clip(r, -180, true), 360))
	default:
		pieces = append(pieces, r)
	}
	var out [][]pt
	for _, p := range pieces {
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// clip keeps the part of ring r with lon <= x (left) or lon >= x
// (Sutherland–Hodgman against one vertical line). Where the ring leaves and
// re-enters the half-plane several times, the parts stay joined by edges
// along the line itself, which neither show inside the map nor change an
// even-odd fill.
func clip(r []pt, x float64, left bool) []pt {
	in := func(p pt) bool {
		if left {
			return p[0] <= x
		}
		return p[0] >= x
	}
	var out []pt
	for i, cur := range r {
		prev := r[(i+len(r)-1)%len(r)]
		if in(cur) != in(prev) {
			t := (x - prev[0]) / (cur[0] - prev[0])
			out = append(out, pt{x, prev[1] + t*(cur[1]-prev[1])})
		}
		if in(cur) {
			out = append(out, cur)
		}
	}
	return out
}

func shift(r []pt, dx float64) []pt {
	out := make([]pt, len(r))
	for i, p := range r {
		out[i] = pt{p[0] + dx, p[1]}
	}
	return out
}

// simplifyRing applies Douglas–Peucker to an open ring: it splits the ring at
// its first point and the point farthest from it, simplifies both halves and
// joins them, so the result stays a ring.
func simplifyRing(r []pt, tol float64) []pt {
	if len(r) < 4 {
		return r
	}
	far, best := 0, -1.0
	for i, p := range r {
		if d := dist(p, r[0]); d > best {
			far, best = i, d
		}
	}
	closed := append(append([]pt{}, r...), r[0])
	a := dp(closed[:far+1], tol)
	b := dp(closed[far:], tol)
	out := append(a[:len(a)-1], b...)
	return out[:len(out)-1] // drop the repeated first point
}

// dp is Douglas–Peucker on an open polyline, keeping both ends.
func dp(line []pt, tol float64) []pt {
	if len(line) < 3 {
		return append([]pt{}, line...)
	}
	keep := make([]bool, len(line))
	keep[0], keep[len(line)-1] = true, true
	type span struct{ i, j int }
	stack := []span{{0, len(line) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		idx, best := -1, tol
		for k := s.i + 1; k < s.j; k++ {
			if d := segDist(line[k], line[s.i], line[s.j]); d > best {
				idx, best = k, d
			}
		}
		if idx >= 0 {
			keep[idx] = true
			stack = append(stack, span{s.i, idx}, span{idx, s.j})
		}
	}
	var out []pt
	for k, p := range line {
		if keep[k] {
			out = append(out, p)
		}
	}
	return out
}

func dist(a, b pt) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

// segDist is the distance from p to the segment ab.
func segDist(p, a, b pt) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return dist(p, a)
	}
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / l2
	t = math.Max(0, math.Min(1, t))
	return dist(p, pt{a[0] + t*dx, a[1] + t*dy})
}

// roundRing rounds to 0.01 degree and drops consecutive duplicates (and a
// last point equal to the first).
func roundRing(r []pt) []pt {
	var out []pt
	for _, p := range r {
		q := pt{round2(p[0]), round2(p[1])}
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	for len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

func round2(v float64) float64 {
	r := math.Round(v*100) / 100
	if r == 0 {
		return 0 // no -0
	}
	return r
}

// encode writes the output by hand, one ring per line, so the bytes depend
// on nothing but the data.
func encode(src string, rings [][]pt) []byte {
	var b bytes.Buffer
	s, _ := json.Marshal(src)
	b.WriteString(`{"source": `)
	b.Write(s)
	b.WriteString(",\n\"polygons\": [\n")
	for i, r := range rings {
		b.WriteByte('[')
		for j, p := range r {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			b.WriteString(strconv.FormatFloat(p[0], 'f', -1, 64))
			b.WriteByte(',')
			b.WriteString(strconv.FormatFloat(p[1], 'f', -1, 64))
			b.WriteByte(']')
		}
		b.WriteByte(']')
		if i < len(rings)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return b.Bytes()
}
