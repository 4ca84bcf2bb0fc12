package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"golang.org/x/text/language"
)

// The country outlines of the cards' locator maps (data/world/outlines.json)
// come from world-atlas's countries-110m.json. Neighbouring countries share
// the arcs of their common border, so each arc is simplified once, before
// the rings are stitched: a border simplified twice, once per side, would
// leave slivers and overlaps between the two countries.
//
// The same file holds the land, made of the same arcs, so that a
// country's coast and the land's are the same line. The output is
//
//	{"source": "...",
//	 "land": [polygon, ...],
//	 "countries": {"FR": [polygon, ...], ...}}
//
// where a polygon is its outer ring then its holes ([[[lon,lat],...],
// hole, ...]; Lesotho is a hole in South Africa, the Caspian Sea one in the
// land). Countries are keyed by ISO 3166-1 alpha-2 code, from the feature's
// ISO 3166-1 numeric id; features without an id (N. Cyprus, Somaliland,
// Kosovo at 1:110m) are in the land only. Rings are implicitly closed; longitudes are made continuous
// along each ring (they may run past ±180) so that a map centred anywhere
// can place the ring whole. Polygons lying wholly south of -minlat are
// dropped, and so are rings left with fewer than 3 distinct points.

// countryDefaults are the settings data/world/outlines.json is made with:
// finer than the world map's land (0.3°), since a locator map shows a
// region a few tens of degrees wide.
var countryDefaults = options{Object: "countries", Tol: 0.1, MinPoints: 3, MinLat: -60}

type feature struct {
	ID   json.RawMessage `json:"id"`
	Type string          `json:"type"`
	Arcs json.RawMessage `json:"arcs"`
}

type countriesResult struct {
	JSON                    []byte
	Countries, Land, Points int
}

func convertCountries(raw []byte, opt options) (countriesResult, error) {
	var res countriesResult
	var topo topology
	if err := json.Unmarshal(raw, &topo); err != nil {
		return res, err
	}
	if topo.Type != "Topology" {
		return res, fmt.Errorf("type %q, want Topology", topo.Type)
	}
	arcs := decodeArcs(topo)
	for i, a := range arcs {
		arcs[i] = roundLine(simplifyArc(a, opt.Tol))
	}
	countries := map[string][][][]pt{}
	var land [][][]pt
	for _, name := range []string{opt.Object, "land"} {
		objRaw, ok := topo.Objects[name]
		if !ok {
			return res, fmt.Errorf("no object %q", name)
		}
		var obj struct {
			Type       string    `json:"type"`
			Geometries []feature `json:"geometries"`
		}
		if err := json.Unmarshal(objRaw, &obj); err != nil {
			return res, err
		}
		for _, f := range obj.Geometries {
			out, err := polygons(f, arcs, opt)
			if err != nil {
				return res, err
			}
			if len(out) == 0 {
				continue
			}
			if name == "land" {
				land = append(land, out...)
				continue
			}
			code, ok := alpha2(f.ID)
			if !ok {
				continue // in the land
			}
			if _, dup := countries[code]; dup {
				return res, fmt.Errorf("two features for %s", code)
			}
			countries[code] = out
		}
	}
	for _, c := range countries {
		res.Points += points(c)
	}
	res.Points += points(land)
	res.Countries, res.Land = len(countries), len(land)
	res.JSON = encodeCountries(opt.Source, countries, land)
	return res, nil
}

func points(polys [][][]pt) int {
	n := 0
	for _, p := range polys {
		for _, r := range p {
			n += len(r)
		}
	}
	return n
}

// polygons stitches a feature's polygons from simplified arcs.
func polygons(f feature, arcs [][]pt, opt options) ([][][]pt, error) {
	var polys [][][]int
	switch f.Type {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(f.Arcs, &p); err != nil {
			return nil, fmt.Errorf("polygon arcs: %w", err)
		}
		polys = [][][]int{p}
	case "MultiPolygon":
		if err := json.Unmarshal(f.Arcs, &polys); err != nil {
			return nil, fmt.Errorf("multipolygon arcs: %w", err)
		}
	case "", "Null":
		return nil, nil
	default:
		return nil, fmt.Errorf("unsupported geometry %q", f.Type)
	}
	var out [][][]pt
	for _, poly := range polys {
		var rings [][]pt
		for k, idx := range poly {
			r, err := stitch(idx, arcs)
			if err != nil {
				return nil, err
			}
			r = roundRing(unwrap(r))
			if len(r) < opt.MinPoints {
				if k == 0 {
					break // no outer ring: no polygon
				}
				continue
			}
			rings = append(rings, r)
		}
		if len(rings) == 0 || maxLat(rings[0]) < opt.MinLat {
			continue
		}
		out = append(out, rings)
	}
	return out, nil
}

// alpha2 turns a feature's ISO 3166-1 numeric id ("250") into its alpha-2
// code ("FR").
func alpha2(id json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(id, &s) != nil || s == "" {
		return "", false
	}
	r, err := language.ParseRegion(s)
	if err != nil || !r.IsCountry() {
		return "", false
	}
	return r.String(), true
}

// simplifyArc is Douglas–Peucker on an arc, keeping both ends (where it
// meets the next arc); a closed arc (an island's whole coast) is treated
// as a ring.
func simplifyArc(a []pt, tol float64) []pt {
	if n := len(a); n > 3 && a[0] == a[n-1] {
		r := simplifyRing(a[:n-1], tol)
		return append(r, r[0])
	}
	return dp(a, tol)
}

// roundLine rounds to 0.01 degree and drops consecutive duplicates, keeping
// the ends (an arc stays joined to its neighbours).
func roundLine(r []pt) []pt {
	var out []pt
	for _, p := range r {
		q := pt{round2(p[0]), round2(p[1])}
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	return out
}

func encodeCountries(src string, countries map[string][][][]pt, land [][][]pt) []byte {
	var b bytes.Buffer
	s, _ := json.Marshal(src)
	b.WriteString(`{"source": `)
	b.Write(s)
	b.WriteString(",\n\"land\": ")
	writePolys(&b, land)
	b.WriteString(",\n\"countries\": {\n")
	codes := make([]string, 0, len(countries))
	for c := range countries {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for i, c := range codes {
		fmt.Fprintf(&b, "%q: ", c)
		writePolys(&b, countries[c])
		if i < len(codes)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}}\n")
	return b.Bytes()
}

func writePolys(b *bytes.Buffer, polys [][][]pt) {
	b.WriteByte('[')
	for i, poly := range polys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for j, r := range poly {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			for k, p := range r {
				if k > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('[')
				b.WriteString(strconv.FormatFloat(p[0], 'f', -1, 64))
				b.WriteByte(',')
				b.WriteString(strconv.FormatFloat(p[1], 'f', -1, 64))
				b.WriteByte(']')
			}
			b.WriteByte(']')
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
}
