// Package guide composes the facilitator's sheet: a world map with a mark
// where each persona works, grouped by country, and every persona listed by
// category with role and country. Like package face it is pure layout: it
// returns its pages as drawings (package draw) for the renderers.
package guide

import (
	"fmt"
	"math"
	"strings"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/icons"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/worldmap"
)

// Colours of the map.
var (
	Ocean = draw.Color{R: 0xEE, G: 0xF2, B: 0xF5}
	Land  = draw.Color{R: 0xCF, G: 0xD5, B: 0xDB}
	Ink   = draw.Color{R: 0x22, G: 0x22, B: 0x22}
	White = draw.White
)

// Sizes, in mm and points.
const (
	Margin    = 12.0
	MapHeight = 105.0
	DotRadius = 1.5
	LabelSize = 7.0
	ListSize  = 9.0
	HeadSize  = 10.5
)

// Input is what the sheet shows.
type Input struct {
	Deck    *deck.Deck
	Paper   geom.Rect // the page, origin at its top-left corner
	Typeset func(string) string
	// Country names the persona's country as cards do (the dataset's own
	// name, or one from its code).
	Country func(*deck.Persona) string
}

// Pages composes the sheet: one page, or two when the list does not fit.
func Pages(in Input, fam *typeface.Family) ([]draw.Drawing, error) {
	d := in.Deck
	p := labels.Printer(d.Language)
	ts := in.Typeset
	if ts == nil {
		ts = func(s string) string { return s }
	}
	newPage := func() draw.Drawing {
		return draw.Drawing{W: in.Paper.W, H: in.Paper.H, Fills: []draw.Fill{{Rect: in.Paper, Color: White}}}
	}
	page := newPage()
	content := in.Paper.Inset(Margin)
	y := content.Y
	line := func(f *draw.Drawing, s string, size float64, st typeface.Style, c draw.Color, x, top float64) float64 {
		fc := fam.Face(st)
		asc, desc := fc.Ascent(size), fc.Descent(size)
		w := fc.Width(s, size)
		f.Text = append(f.Text, draw.Text{Tag: "guide", Size: size, Color: c, X: x, Baseline: top + asc,
			Runs: []draw.Run{{Text: s, Style: st, W: w}}, Box: geom.R(x, top, w, asc+desc)})
		return asc + desc
	}
	title := textfit.Plain(ts(d.Title)) + " — " + ts(p.Sprintf(labels.GuideTitle))
	y += line(&page, title, 16, typeface.Bold, Ink, content.X, y) + 1.5

	markers := make([]worldmap.Marker, len(d.Personas))
	for i := range d.Personas {
		markers[i] = worldmap.Marker{Code: d.Personas[i].CountryCode, Label: d.Personas[i].Name}
	}
	clusters := worldmap.Group(markers)
	y += line(&page, ts(p.Sprintf(labels.GuideMap, len(d.Personas), len(clusters))), 10, typeface.Regular, Ink, content.X, y) + 3

	// The map.
	proj := worldmap.Fit(geom.R(content.X, y, content.W, MapHeight))
	page.Shapes = append(page.Shapes, draw.Shape{Points: proj.Outline(5), Color: Ocean})
	land, err := worldmap.Land()
	if err != nil {
		return nil, err
	}
	// Outer rings turn one way, holes (lakes, inland seas) the other: the
	// largest ring, Eurasia's outline, tells which is which.
	outer := 0.0
	for _, ring := range land {
		if a := signedArea(ring); math.Abs(a) > math.Abs(outer) {
			outer = a
		}
	}
	for _, ring := range land {
		c := Land
		if signedArea(ring)*outer < 0 {
			c = Ocean
		}
		page.Shapes = append(page.Shapes, draw.Shape{Points: proj.Ring(ring), Color: c})
	}
	// A mark per country, in the colour of its first persona's category,
	// with the personas' names beside it, placed where it overlaps nothing.
	colour := map[string]draw.Color{}
	for i := range d.Personas {
		code := strings.ToUpper(d.Personas[i].CountryCode)
		if _, ok := colour[code]; !ok {
			if c := d.Category(d.Personas[i].Category); c != nil {
				colour[code] = draw.Color(c.Color)
			}
		}
	}
	var taken []geom.Rect
	var unplaced []string
	for _, cl := range clusters {
		if !cl.Placed {
			unplaced = append(unplaced, cl.Code)
			continue
		}
		at := proj.Point(cl.At)
		page.Shapes = append(page.Shapes, draw.Shape{Points: circle(at, DotRadius+0.4, 24), Color: White},
			draw.Shape{Points: circle(at, DotRadius, 24), Color: colour[cl.Code]})
		taken = append(taken, geom.R(at.X-DotRadius, at.Y-DotRadius, 2*DotRadius, 2*DotRadius))
	}
	for _, cl := range clusters {
		if !cl.Placed {
			continue
		}
		at := proj.Point(cl.At)
		text := strings.Join(cl.Labels, ", ")
		fc := fam.Face(typeface.Bold)
		w, h := fc.Width(text, LabelSize), fc.Ascent(LabelSize)+fc.Descent(LabelSize)
		box := placeLabel(at, w, h, proj.Map, taken)
		taken = append(taken, box)
		page.Fills = append(page.Fills, draw.Fill{Rect: box.Outset(0.3), Color: White})
		line(&page, text, LabelSize, typeface.Bold, Ink, box.X, box.Y)
	}
	if len(unplaced) > 0 {
		return nil, fmt.Errorf("the map has no position for the country codes %s", strings.Join(unplaced, ", "))
	}
	y = proj.Map.Bottom() + 6

	// The list, by category, in two columns; a second page if need be.
	pages := []draw.Drawing{page}
	colW := (content.W - 8) / 2
	col, x := 0, content.X
	top := y
	cur := &pages[0]
	lineH := geom.PtToMM(ListSize) * 1.35
	// Each persona's entry, broken into lines that fit a column (a long
	// country name wraps rather than being cut).
	entries := map[*deck.Persona][]string{}
	groups := make([][]*deck.Persona, len(d.Categories))
	count := make([]int, len(d.Categories))
	total := 0.0
	need := func(n int) float64 { return geom.PtToMM(HeadSize)*1.6 + lineH*float64(n) + 3 }
	for ci, c := range d.Categories {
		for i := range d.Personas {
			ps := &d.Personas[i]
			if ps.Category != c.ID {
				continue
			}
			groups[ci] = append(groups[ci], ps)
			entry := ts(p.Sprintf(labels.GuidePersona, ps.Name, textfit.Plain(ps.Role))) + " — " + ts(in.Country(ps))
			lines, err := textfit.Break(fam, []textfit.Run{{Text: entry, Style: typeface.Regular}}, ListSize, colW-3)
			if err != nil {
				return nil, fmt.Errorf("persona %q: %w", ps.ID, err)
			}
			for k, l := range lines {
				if k > 0 {
					entries[ps] = append(entries[ps], "   "+l.Text())
				} else {
					entries[ps] = append(entries[ps], l.Text())
				}
			}
			count[ci] += len(lines)
		}
		if len(groups[ci]) > 0 {
			total += need(count[ci])
		}
	}
	// Two balanced columns when the list fits the page that way.
	half := top + total/2
	for ci, c := range d.Categories {
		members := groups[ci]
		if len(members) == 0 {
			continue
		}
		if col == 0 && y > top && y+need(count[ci])/2 > half && total/2 < content.Bottom()-top {
			col, x, y = 1, content.X+colW+8, top
		}
		if y+need(count[ci]) > content.Bottom() {
			if col == 0 {
				col, x, y = 1, content.X+colW+8, top
			} else {
				pages = append(pages, newPage())
				cur = &pages[len(pages)-1]
				col, x, y, top = 0, content.X, content.Y, content.Y
			}
		}
		iconSide := geom.PtToMM(HeadSize) * 1.1
		if ic, ok := icons.For(c.ID); ok {
			for _, sh := range ic.In(geom.R(x, y, iconSide, iconSide)) {
				cur.Shapes = append(cur.Shapes, draw.Shape{Points: sh, Color: draw.Color(c.Color)})
			}
		}
		head := fitLine(fam, ts(c.Label), HeadSize, typeface.Bold, colW-iconSide-2)
		y += line(cur, head, HeadSize, typeface.Bold, draw.Color(c.Color), x+iconSide+2, y) + 1.2
		for _, ps := range members {
			for _, l := range entries[ps] {
				line(cur, l, ListSize, typeface.Regular, Ink, x, y)
				y += lineH
			}
		}
		y += 3
	}
	return pages, nil
}

// fitLine shortens s with an ellipsis until it fits width at size.
func fitLine(fam *typeface.Family, s string, size float64, st typeface.Style, width float64) string {
	f := fam.Face(st)
	if f.Width(s, size) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && f.Width(string(r)+"…", size) > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ,") + "…"
}

// placeLabel puts a w × h label beside a mark at at: to the right, left,
// above or below, the first place that stays on the map and overlaps no
// taken box; else further down, step by step.
func placeLabel(at geom.Point, w, h float64, bounds geom.Rect, taken []geom.Rect) geom.Rect {
	gap := DotRadius + 0.8
	try := []geom.Rect{
		geom.R(at.X+gap, at.Y-h/2, w, h),
		geom.R(at.X-gap-w, at.Y-h/2, w, h),
		geom.R(at.X-w/2, at.Y-gap-h, w, h),
		geom.R(at.X-w/2, at.Y+gap, w, h),
	}
	for k := 1; k <= 6; k++ {
		dy := float64(k) * (h + 0.6)
		try = append(try, geom.R(at.X+gap, at.Y-h/2+dy, w, h), geom.R(at.X-gap-w, at.Y-h/2+dy, w, h),
			geom.R(at.X+gap, at.Y-h/2-dy, w, h), geom.R(at.X-gap-w, at.Y-h/2-dy, w, h))
	}
	for _, r := range try {
		if !bounds.Contains(r) {
			continue
		}
		free := true
		for _, t := range taken {
			if r.Outset(0.4).Overlaps(t) {
				free = false
				break
			}
		}
		if free {
			return r
		}
	}
	return try[0]
}

func circle(c geom.Point, r float64, n int) []geom.Point {
	out := make([]geom.Point, n)
	for i := range out {
		a := 2 * math.Pi * float64(i) / float64(n)
		out[i] = geom.Point{X: c.X + r*math.Cos(a), Y: c.Y + r*math.Sin(a)}
	}
	return out
}

// signedArea is the area of a ring in degrees², positive for one turning
// direction and negative for the other.
func signedArea(ring []worldmap.LonLat) float64 {
	a := 0.0
	for i := range ring {
		j := (i + 1) % len(ring)
		a += ring[i].Lon*ring[j].Lat - ring[j].Lon*ring[i].Lat
	}
	return a / 2
}
