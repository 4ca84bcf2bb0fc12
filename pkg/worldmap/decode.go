package worldmap

import (
	"strconv"
)

// decodeOutlines reads the outlines file, whose shape is fixed
// ({"source": "…", "land": [polygons], "countries": {"FR": [polygons], …}},
// a polygon being rings of [lon, lat] pairs), several times faster than
// encoding/json, which finds it by reflection: every process that draws a
// locator map reads it. Numbers are read by strconv.ParseFloat, as
// encoding/json reads them, so the values are the same (the test compares
// them). It reports false for anything else, which the caller then gives
// to encoding/json.
func decodeOutlines(b []byte) (outlinesFile, bool) {
	d := decoder{b: b}
	var f outlinesFile
	if !d.byte('{') {
		return f, false
	}
	for first := true; ; first = false {
		if d.byte('}') {
			break
		}
		if !first && !d.byte(',') {
			return f, false
		}
		key, ok := d.str()
		if !ok || !d.byte(':') {
			return f, false
		}
		switch key {
		case "source":
			if f.Source, ok = d.str(); !ok {
				return f, false
			}
		case "land":
			if f.Land, ok = d.polygons(); !ok {
				return f, false
			}
		case "countries":
			if f.Countries, ok = d.countries(); !ok {
				return f, false
			}
		default:
			return f, false
		}
	}
	d.space()
	return f, d.i == len(d.b)
}

type decoder struct {
	b []byte
	i int
}

func (d *decoder) space() {
	for d.i < len(d.b) && (d.b[d.i] == ' ' || d.b[d.i] == '\n' || d.b[d.i] == '\r' || d.b[d.i] == '\t') {
		d.i++
	}
}

// byte reads c, after spaces, if it comes next.
func (d *decoder) byte(c byte) bool {
	d.space()
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// str reads a string without escapes.
func (d *decoder) str() (string, bool) {
	if !d.byte('"') {
		return "", false
	}
	start := d.i
	for d.i < len(d.b) && d.b[d.i] != '"' {
		if d.b[d.i] == '\\' || d.b[d.i] < 0x20 {
			return "", false
		}
		d.i++
	}
	if d.i == len(d.b) {
		return "", false
	}
	d.i++
	return string(d.b[start : d.i-1]), true
}

// list reads a JSON array, calling item for each element.
func (d *decoder) list(item func() bool) bool {
	if !d.byte('[') {
		return false
	}
	if d.byte(']') {
		return true
	}
	for {
		if !item() {
			return false
		}
		if d.byte(']') {
			return true
		}
		if !d.byte(',') {
			return false
		}
	}
}

// number reads a JSON number.
func (d *decoder) number() (float64, bool) {
	d.space()
	start := d.i
	for d.i < len(d.b) {
		c := d.b[d.i]
		if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			break
		}
		d.i++
	}
	v, err := strconv.ParseFloat(string(d.b[start:d.i]), 64)
	return v, err == nil && d.i > start
}

func (d *decoder) polygons() ([][][][2]float64, bool) {
	polys := [][][][2]float64{}
	ok := d.list(func() bool {
		rings := [][][2]float64{}
		ok := d.list(func() bool {
			ring := [][2]float64{}
			ok := d.list(func() bool {
				var pt [2]float64
				n := 0
				ok := d.list(func() bool {
					v, ok := d.number()
					if ok && n < 2 {
						pt[n] = v
					}
					n++
					return ok
				})
				ring = append(ring, pt)
				return ok && n == 2
			})
			rings = append(rings, ring)
			return ok
		})
		polys = append(polys, rings)
		return ok
	})
	return polys, ok
}

func (d *decoder) countries() (map[string][][][][2]float64, bool) {
	m := map[string][][][][2]float64{}
	if !d.byte('{') {
		return nil, false
	}
	for first := true; ; first = false {
		if d.byte('}') {
			return m, true
		}
		if !first && !d.byte(',') {
			return nil, false
		}
		key, ok := d.str()
		if !ok || !d.byte(':') {
			return nil, false
		}
		if _, dup := m[key]; dup {
			return nil, false // encoding/json would keep the last: let it
		}
		if m[key], ok = d.polygons(); !ok {
			return nil, false
		}
	}
}
