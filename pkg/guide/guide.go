// Package guide composes the facilitator's sheet: a world map with a mark
// for each persona where they work, in the colour of their category, and
// every persona listed by category with role and country, in two columns
// that flow on to further pages however long the list; the room left at
// the foot of the last page is ruled for the facilitator's notes. Like
// package face it is pure layout: it returns its pages as drawings
// (package draw) for the renderers.
package guide

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"golang.org/x/text/message"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/icons"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/worldmap"
)

// Colours of the sheet.
var (
	Ocean = draw.Color{R: 0xEE, G: 0xF2, B: 0xF5}
	Land  = draw.Color{R: 0xCF, G: 0xD5, B: 0xDB}
	Ink   = draw.Color{R: 0x22, G: 0x22, B: 0x22}
	Rule  = draw.Color{R: 0xB8, G: 0xBE, B: 0xC4} // the notes' lines
	White = draw.White
)

// Sizes, in mm and points.
const (
	Margin      = 12.0
	MapHeight   = 105.0
	DotRadius   = 1.5
	DotGap      = 0.6 // between the marks of one country
	LabelSize   = 7.0
	ListSize    = 9.0
	HeadSize    = 10.5
	ColumnGap   = 8.0
	CategoryGap = 3.0 // below a category's last entry
	NotesGap    = 6.0 // above the notes
	NotesRule   = 8.0 // between the notes' lines
	// MaxNames is the most personas of one country named on the map;
	// a country with more shows a mark per category and their number.
	MaxNames = 4
)

// Input is what the sheet shows.
type Input struct {
	Deck    *deck.Deck
	Paper   geom.Rect // the page, origin at its top-left corner
	Typeset func(string) string
	// Country names the persona's country as cards do (the dataset's own
	// name, or one from its code).
	Country func(*deck.Persona) string
	// Workshop says the deck is the workshop's own (the built-in deck, or
	// a copy of it): the map's caption then says it shows where the hidden
	// work of AI happens; any other deck's, where its personas work.
	Workshop bool
}

// sheet composes the pages.
type sheet struct {
	in      Input
	fam     *typeface.Family
	p       *message.Printer
	ts      func(string) string
	content geom.Rect
	pages   []draw.Drawing
}

// Pages composes the sheet: the map and the list on the first page, the
// list going on over as many pages as it needs.
func Pages(in Input, fam *typeface.Family) ([]draw.Drawing, error) {
	d := in.Deck
	sh := &sheet{in: in, fam: fam, p: labels.Printer(d.Language), ts: in.Typeset, content: in.Paper.Inset(Margin)}
	if sh.ts == nil {
		sh.ts = func(s string) string { return s }
	}
	p, ts, content := sh.p, sh.ts, sh.content
	sh.newPage()
	page := &sh.pages[0]
	y := content.Y
	title := textfit.Plain(ts(d.Title)) + " — " + ts(p.Sprintf(labels.GuideTitle))
	y += sh.line(page, title, 16, typeface.Bold, Ink, content.X, y) + 1.5

	markers := make([]worldmap.Marker, len(d.Personas))
	for i := range d.Personas {
		markers[i] = worldmap.Marker{Code: d.Personas[i].CountryCode, Label: d.Personas[i].Name}
	}
	clusters := worldmap.Group(markers)
	caption := labels.GuideMapPersonas
	if in.Workshop {
		caption = labels.GuideMap
	}
	y += sh.line(page, ts(p.Sprintf(caption, len(d.Personas), len(clusters))), 10, typeface.Regular, Ink, content.X, y) + 3

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
	if err := sh.marks(page, proj, clusters); err != nil {
		return nil, err
	}

	// The list, by category, in two columns, flowing on to further pages.
	rows, err := sh.listRows((content.W - ColumnGap) / 2)
	if err != nil {
		return nil, err
	}
	sh.flow(rows, proj.Map.Bottom()+6)
	// The rest of the last page: ruled lines for the facilitator's notes.
	last := &sh.pages[len(sh.pages)-1]
	notesTop := content.Y
	for _, tx := range last.Text {
		notesTop = max(notesTop, tx.Box.Bottom())
	}
	if len(sh.pages) == 1 {
		notesTop = max(notesTop, proj.Map.Bottom())
	}
	sh.notes(last, notesTop+NotesGap)
	return sh.pages, nil
}

func (sh *sheet) newPage() *draw.Drawing {
	in := sh.in
	sh.pages = append(sh.pages, draw.Drawing{W: in.Paper.W, H: in.Paper.H, Fills: []draw.Fill{{Rect: in.Paper, Color: White}}})
	return &sh.pages[len(sh.pages)-1]
}

// line sets s on one line from (x, top) and returns its height.
func (sh *sheet) line(f *draw.Drawing, s string, size float64, st typeface.Style, c draw.Color, x, top float64) float64 {
	fc := sh.fam.Face(st)
	asc, desc := fc.Ascent(size), fc.Descent(size)
	w := fc.Width(s, size)
	f.Text = append(f.Text, draw.Text{Tag: "guide", Size: size, Color: c, X: x, Baseline: top + asc,
		Runs: []draw.Run{{Text: s, Style: st, W: w}}, Box: geom.R(x, top, w, asc+desc)})
	return asc + desc
}

// colour is a persona's category colour.
func (sh *sheet) colour(ps *deck.Persona) draw.Color {
	if c := sh.in.Deck.Category(ps.Category); c != nil {
		return draw.Color(c.Color)
	}
	return Ink
}

// marks draws a mark per persona, in its category's colour: the marks of
// one country in a row on the country's point, the names beside them, each
// in the colour of its mark, each label where it overlaps nothing. A
// country with more than MaxNames personas has a mark per category present
// and the number of its personas.
func (sh *sheet) marks(page *draw.Drawing, proj worldmap.Projector, clusters []worldmap.Cluster) error {
	d := sh.in.Deck
	// A country with many personas gets a mark per category present, and
	// their number instead of their names.
	type group struct {
		colours []draw.Color // the marks, left to right
		names   []string     // the label's parts, in the marks' colours
		inks    []draw.Color
	}
	groups := make([]group, len(clusters))
	for i, cl := range clusters {
		g := &groups[i]
		if len(cl.Members) <= MaxNames {
			for k, m := range cl.Members {
				c := sh.colour(&d.Personas[m])
				g.colours = append(g.colours, c)
				name := cl.Labels[k]
				if k < len(cl.Members)-1 {
					name += ", "
				}
				g.names, g.inks = append(g.names, name), append(g.inks, c)
			}
			continue
		}
		for _, m := range cl.Members {
			if c := sh.colour(&d.Personas[m]); !slices.Contains(g.colours, c) {
				g.colours = append(g.colours, c)
			}
		}
		g.names, g.inks = []string{sh.ts(sh.p.Sprintf(labels.Personas, len(cl.Members)))}, []draw.Color{Ink}
	}
	rowOf := func(i int) geom.Rect {
		at := proj.Point(clusters[i].At)
		n := float64(len(groups[i].colours))
		w := n*2*DotRadius + (n-1)*DotGap
		return geom.R(at.X-w/2, at.Y-DotRadius, w, 2*DotRadius)
	}
	var taken []geom.Rect
	var unplaced []string
	for i, cl := range clusters {
		if !cl.Placed {
			unplaced = append(unplaced, cl.Code)
			continue
		}
		row := rowOf(i)
		for k, colour := range groups[i].colours {
			c := geom.Point{X: row.X + DotRadius + float64(k)*(2*DotRadius+DotGap), Y: row.Y + DotRadius}
			page.Shapes = append(page.Shapes, draw.Shape{Points: circle(c, DotRadius+0.4, 24), Color: White},
				draw.Shape{Points: circle(c, DotRadius, 24), Color: colour})
		}
		taken = append(taken, row)
	}
	if len(unplaced) > 0 {
		return fmt.Errorf("the map has no position for the country codes %s", strings.Join(unplaced, ", "))
	}
	fc := sh.fam.Face(typeface.Bold)
	for i := range clusters {
		g := groups[i]
		w := fc.Width(strings.Join(g.names, ""), LabelSize)
		h := fc.Ascent(LabelSize) + fc.Descent(LabelSize)
		box := placeLabel(rowOf(i), w, h, proj.Map, taken)
		taken = append(taken, box)
		page.Fills = append(page.Fills, draw.Fill{Rect: box.Outset(0.3), Color: White})
		x := box.X
		for k, name := range g.names {
			sh.line(page, name, LabelSize, typeface.Bold, g.inks[k], x, box.Y)
			x += fc.Width(name, LabelSize)
		}
	}
	return nil
}

// row is a line of the list: a category's heading, or one line of an
// entry.
type row struct {
	category *deck.Category
	heading  bool   // the category's heading
	text     string // the line, for an entry
	last     bool   // the last line of an entry
	// end is true on the last line of a category's last entry.
	end bool
}

// listRows breaks the list into rows: per category, its heading, then each
// persona's entry as lines that fit a column width wide (a long country
// name wraps rather than being cut).
func (sh *sheet) listRows(width float64) ([]row, error) {
	d := sh.in.Deck
	var rows []row
	for ci := range d.Categories {
		c := &d.Categories[ci]
		start := len(rows)
		for i := range d.Personas {
			ps := &d.Personas[i]
			if ps.Category != c.ID {
				continue
			}
			if len(rows) == start {
				rows = append(rows, row{category: c, heading: true})
			}
			entry := sh.ts(sh.p.Sprintf(labels.GuidePersona, ps.Name, textfit.Plain(ps.Role))) + " — " + sh.ts(sh.in.Country(ps))
			lines, err := textfit.Break(sh.fam, []textfit.Run{{Text: entry, Style: typeface.Regular}}, ListSize, width-3)
			if err != nil {
				return nil, fmt.Errorf("persona %q: %w", ps.ID, err)
			}
			for k, l := range lines {
				text := l.Text()
				if k > 0 {
					text = "   " + text
				}
				rows = append(rows, row{category: c, text: text, last: k == len(lines)-1})
			}
		}
		if len(rows) > start {
			rows[len(rows)-1].end = true
		}
	}
	return rows, nil
}

// Heights in the list, in mm.
var (
	lineHeight    = geom.PtToMM(ListSize) * 1.35
	headingHeight = geom.PtToMM(HeadSize) * 1.6
)

func (r row) height() float64 {
	h := lineHeight
	if r.heading {
		h = headingHeight
	}
	if r.end {
		h += CategoryGap
	}
	return h
}

// flow sets the rows in two columns from top on the first page, then on
// further pages from the top of the content. An entry is never split
// between columns, and a heading never ends a column; a category that goes
// on in a new column has its heading again, marked as continued. When the
// list fits the first page, its second column starts at the category whose
// start balances the columns best.
func (sh *sheet) flow(rows []row, top float64) {
	content := sh.content
	colW := (content.W - ColumnGap) / 2
	total := 0.0
	for _, r := range rows {
		total += r.height()
	}
	split := -1
	if room := content.Bottom() - top; total <= 2*room {
		best, acc := math.Inf(1), 0.0
		for i, r := range rows {
			if r.heading && i > 0 && acc <= room && total-acc <= room {
				if d := math.Abs(2*acc - total); d < best {
					best, split = d, i
				}
			}
			acc += r.height()
		}
	}
	page := &sh.pages[len(sh.pages)-1]
	col, y, colTop := 0, top, top
	x := func() float64 { return content.X + float64(col)*(colW+ColumnGap) }
	next := func() {
		if col == 0 {
			col, y = 1, colTop
			return
		}
		page = sh.newPage()
		col, y, colTop = 0, content.Y, content.Y
	}
	for i := 0; i < len(rows); i++ {
		r := rows[i]
		if i == split && col == 0 {
			next()
		}
		// What stays together: a heading and the first entry after it; the
		// lines of an entry.
		j := i
		if r.heading {
			j++
		}
		for j < len(rows) && !rows[j].last {
			j++
		}
		need := 0.0
		for _, q := range rows[i:min(j+1, len(rows))] {
			need += q.height()
		}
		if y+need > content.Bottom()+1e-9 && y > colTop {
			next()
			if !r.heading {
				// The category goes on here: its heading again.
				y += sh.heading(page, r.category, true, x(), y, colW)
			}
		}
		if r.heading {
			y += sh.heading(page, r.category, false, x(), y, colW)
			continue
		}
		sh.line(page, r.text, ListSize, typeface.Regular, Ink, x(), y)
		y += r.height()
	}
}

// heading sets a category's heading, with its icon, and returns its
// height.
func (sh *sheet) heading(f *draw.Drawing, c *deck.Category, continued bool, x, y, width float64) float64 {
	side := geom.PtToMM(HeadSize) * 1.1
	ic, _ := icons.For(icons.ForCategory(c.ID))
	for _, s := range ic.In(geom.R(x, y, side, side)) {
		f.Shapes = append(f.Shapes, draw.Shape{Points: s, Color: draw.Color(c.Color)})
	}
	label := sh.ts(c.Label)
	if continued {
		label = sh.ts(sh.p.Sprintf(labels.GuideContinued, c.Label))
	}
	sh.line(f, fitLine(sh.fam, label, HeadSize, typeface.Bold, width-side-2), HeadSize, typeface.Bold, draw.Color(c.Color), x+side+2, y)
	return headingHeight
}

// notes rules the last page from top down to the content's bottom, under
// a heading, when there is room for a few lines.
func (sh *sheet) notes(f *draw.Drawing, top float64) {
	content := sh.content
	fc := sh.fam.Face(typeface.Bold)
	headH := fc.Ascent(HeadSize) + fc.Descent(HeadSize)
	if content.Bottom()-top < headH+3*NotesRule {
		return
	}
	y := top + sh.line(f, sh.ts(sh.p.Sprintf(labels.GuideNotes)), HeadSize, typeface.Bold, Ink, content.X, top)
	for y += NotesRule; y <= content.Bottom()+1e-9; y += NotesRule {
		f.Rules = append(f.Rules, draw.Rule{Seg: geom.Segment{A: geom.Point{X: content.X, Y: y}, B: geom.Point{X: content.Right(), Y: y}},
			Width: 0.2, Color: Rule})
	}
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

// placeLabel puts a w × h label beside a row of marks: to the right, left,
// above or below, the first place that stays on the map and overlaps no
// taken box; else further down or up, step by step.
func placeLabel(marks geom.Rect, w, h float64, bounds geom.Rect, taken []geom.Rect) geom.Rect {
	const gap = 0.8
	cx, cy := marks.X+marks.W/2, marks.Y+marks.H/2
	right, left := marks.Right()+gap, marks.X-gap-w
	try := []geom.Rect{
		geom.R(right, cy-h/2, w, h),
		geom.R(left, cy-h/2, w, h),
		geom.R(cx-w/2, marks.Y-gap-h, w, h),
		geom.R(cx-w/2, marks.Bottom()+gap, w, h),
	}
	for k := 1; k <= 6; k++ {
		dy := float64(k) * (h + 0.6)
		try = append(try, geom.R(right, cy-h/2+dy, w, h), geom.R(left, cy-h/2+dy, w, h),
			geom.R(right, cy-h/2-dy, w, h), geom.R(left, cy-h/2-dy, w, h))
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
