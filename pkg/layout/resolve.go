package layout

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// What a layout file may leave out: the values of a home or school printer
// with duplex, the values of the built-in a4 layout. The README's "Layouts"
// section lists them.
const (
	DefaultBleed  = 3.0 // mm: a cut 1 mm off still shows no white edge
	DefaultSafe   = 4.0 // mm: text clear of the cut, whatever its tolerance
	DefaultMargin = 5.0 // mm: what most printers cannot print
	// DefaultMarkRoom is what the default gap leaves between two cards'
	// bleeds, for crop marks: the gap is twice the bleed plus this.
	DefaultMarkRoom = 4.0
	// TightBleed is the bleed of small cards, such as poker cards on A4,
	// when the default bleed and gap would leave a row or a column out;
	// their gap is then twice the bleed (the a4-poker layout's values).
	TightBleed        = 1.5
	DefaultMarkStyle  = MarksCrop
	DefaultMarkLength = 5.0
	DefaultMarkOffset = 0.5
	DefaultMarkWidth  = 0.2
)

// Size limits, in mm.
const (
	// MinCard is the shortest side of a card: cardgen's faces need room for
	// a name, a category band and some text (the faces are composed for
	// cards from 40 × 40 mm to 300 × 300 mm).
	MinCard = 30.0
	// MaxSize is the longest side of a card or a sheet.
	MaxSize = 2000.0
)

// resolve turns what a file and its bases write into a spec, defaults
// included, and checks it; problems go to problems.
func resolve(l *layer, problems *diag.List) *Spec {
	rs := &resolver{l: l, problems: problems, bad: map[string]bool{}}
	for k := range l.bad {
		rs.bad[k] = true
	}
	v := l.vals
	num := func(key string, def float64) float64 {
		if x := v[key]; x != nil {
			return x.num
		}
		return def
	}
	text := func(key, def string) string {
		if x := v[key]; x != nil && x.text != "" {
			return x.text
		}
		return def
	}
	flag := func(key string) bool { return v[key] != nil && v[key].flag }
	// A field is missing only when the base, if any, was read: otherwise
	// it may well be there.
	missing := func(key, hint string) {
		if !l.baseFailed && !rs.anyBad(key) {
			rs.add(key, "missing", hint)
			rs.bad[key] = true
		}
	}

	stem := filepath.Base(l.file)
	stem = strings.TrimSuffix(stem, filepath.Ext(stem))
	s := &Spec{Stem: stem, Columns: 1, Rows: 1}
	s.Name = text("name", stem)
	s.Description = text("description", "")
	if p := v["paper"]; p != nil {
		s.Paper = p.paper
	} else {
		missing("paper", "add paper: A4 (or A3, A5, Letter, Legal, Tabloid, or width: and height: in mm)")
	}
	s.Orientation = text("orientation", "")
	if v["card"] == nil {
		missing("card", "add card: with width: and height: in mm, such as card: {width: 63, height: 88}")
	} else {
		for _, k := range sizeFields {
			if v["card."+k] == nil {
				missing("card."+k, "add "+k+": below card:, in mm")
			}
		}
	}
	s.Card = Size{num("card.width", 0), num("card.height", 0)}
	// The bleed and gap left out are chosen below, with the grid.
	bleedGiven, gapGiven := v["bleed"] != nil || rs.bad["bleed"], v["gap"] != nil || rs.bad["gap"]
	s.Bleed = num("bleed", DefaultBleed)
	if !bleedGiven && gapGiven {
		// A gap narrower than the default bleed's calls for a bleed
		// that fits it: neighbouring bleeds meet, never overlap.
		s.Bleed = min(DefaultBleed, num("gap", 0)/2)
	}
	s.Safe = num("safe", DefaultSafe)
	s.Margin = num("margin", DefaultMargin)
	if g := v["grid"]; g != nil && g.text != "auto" {
		s.GridGiven = true
		for _, k := range gridFields {
			if v["grid."+k] == nil {
				missing("grid."+k, "add "+k+": below grid:, or write grid: auto for the most cards that fit")
			}
		}
		s.Columns, s.Rows = int(num("grid.columns", 1)), int(num("grid.rows", 1))
	}
	s.Gap = num("gap", 2*s.Bleed+DefaultMarkRoom)
	s.Marks = Marks{
		Style:  MarkStyle(text("marks.style", string(DefaultMarkStyle))),
		Length: num("marks.length", DefaultMarkLength),
		Offset: num("marks.offset", DefaultMarkOffset),
		Width:  num("marks.width", DefaultMarkWidth),
	}
	s.Fold = Fold(text("fold", string(FoldNone)))
	// A fold layout is printed on one side; so is a duplex none one, whose
	// backs come after all the fronts.
	defDuplex := DuplexLong
	if s.Folded() {
		defDuplex = DuplexNone
	}
	s.Duplex = Duplex(text("duplex", string(defDuplex)))
	defOrder := Alternate
	if s.Duplex == DuplexNone {
		defOrder = FrontsThenBacks
	}
	s.Order = Order(text("order", string(defOrder)))
	s.Backs = Backs(text("backs", string(BacksDetails)))
	s.TrimBox = flag("trim_box")
	s.InkSaver = flag("ink_saver")
	s.BackOffset = geom.Point{X: num("back_offset.x", 0), Y: num("back_offset.y", 0)}

	turn := false // orientation: auto, to choose
	switch s.Orientation {
	case "portrait":
		if s.Paper.Landscape() {
			s.Paper.W, s.Paper.H = s.Paper.H, s.Paper.W
		}
	case "landscape":
		if !s.Paper.Landscape() {
			s.Paper.W, s.Paper.H = s.Paper.H, s.Paper.W
		}
	case "auto":
		if s.GridGiven && !rs.anyBad("grid") {
			rs.add("orientation", "auto needs a computed grid, but the grid is given", "remove grid: (or write grid: auto), or choose portrait or landscape")
		} else {
			turn = true
		}
	default:
		s.Orientation = "portrait"
		if s.Paper.Landscape() {
			s.Orientation = "landscape"
		}
	}
	var spacings []spacing
	if !bleedGiven && !gapGiven {
		spacings = defaultSpacings
	}
	s.arrange(spacings, turn)
	rs.check(s)
	return s
}

// spacing is a bleed and a gap, in mm.
type spacing struct{ bleed, gap float64 }

// defaultSpacings are the bleeds and gaps a file that gives neither gets,
// roomiest first: crop marks between the cards; neighbouring bleeds that
// meet, marks only in the margins; then the bleed of small cards.
var defaultSpacings = []spacing{
	{DefaultBleed, 2*DefaultBleed + DefaultMarkRoom},
	{DefaultBleed, 2 * DefaultBleed},
	{TightBleed, 2 * TightBleed},
}

// arrange turns the paper for orientation: auto and computes the grid when
// none is given. Given spacings to choose from, it takes the first that
// holds the most cards on a sheet (with a given grid: the first that holds
// the grid), so that small cards get a tighter bleed and gap only when it
// gains a row or a column.
func (s *Spec) arrange(spacings []spacing, turn bool) {
	if len(spacings) == 0 {
		s.arrangeGrid(turn)
		return
	}
	best, bestCount := *s, -1
	for _, sp := range spacings {
		t := *s
		t.Bleed, t.Gap = sp.bleed, sp.gap
		t.arrangeGrid(turn)
		count := t.PerSheet()
		if t.GridGiven {
			count = 0
			if t.gridFits() {
				count = 1
			}
		}
		if count > bestCount {
			best, bestCount = t, count
		}
	}
	*s = best
}

// arrangeGrid turns the paper when turn says so (orientation: auto) and
// computes the grid when none is given.
func (s *Spec) arrangeGrid(turn bool) {
	if turn {
		s.chooseOrientation()
	}
	if !s.GridGiven {
		s.computeGrid()
	}
}

// gridFits reports whether every card of the grid, with its bleed, lies
// inside the printable area (or the front half of a fold layout).
func (s *Spec) gridFits() bool {
	if s.Columns < 1 || s.Rows < 1 {
		return false
	}
	first, last := s.Slot(0, 0).Outset(s.Bleed), s.Slot(s.Columns-1, s.Rows-1).Outset(s.Bleed)
	return s.region().Contains(geom.R(first.X, first.Y, last.Right()-first.X, last.Bottom()-first.Y))
}

// chooseOrientation turns the paper to whichever orientation holds more
// cards; portrait when both hold as many.
func (s *Spec) chooseOrientation() {
	if s.Paper.Landscape() {
		s.Paper.W, s.Paper.H = s.Paper.H, s.Paper.W
	}
	s.computeGrid()
	portrait := s.PerSheet()
	s.Paper.W, s.Paper.H = s.Paper.H, s.Paper.W
	s.computeGrid()
	if s.PerSheet() <= portrait {
		s.Paper.W, s.Paper.H = s.Paper.H, s.Paper.W
	}
}

// resolver reports the problems of a merged layout where each field is
// written.
type resolver struct {
	l        *layer
	problems *diag.List
	// bad holds the fields with a problem: a check that reads one of them
	// is skipped, so that one mistake gives one message, while every
	// independent problem is still reported.
	bad map[string]bool
}

// anyBad reports whether a field, its parent or one of its own fields has a
// problem.
func (rs *resolver) anyBad(keys ...string) bool {
	for _, key := range keys {
		parent, _, _ := strings.Cut(key, ".")
		if rs.bad[key] || rs.bad[parent] {
			return true
		}
		for k := range rs.bad {
			if strings.HasPrefix(k, key+".") {
				return true
			}
		}
	}
	return false
}

// at is where the field key is written; when it is not, the nearest
// enclosing mapping that is, or the top of the file.
func (rs *resolver) at(key string) *value {
	if x := rs.l.vals[key]; x != nil {
		return x
	}
	if parent, child, ok := strings.Cut(key, "."); ok {
		if x := rs.l.vals[parent]; x != nil {
			if n := x.node; n != nil && n.Kind == yamldoc.MappingNode && x.from == "" {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == child {
						return &value{file: x.file, node: yamldoc.Resolve(n.Content[i+1])}
					}
				}
			}
			return x
		}
	}
	return &value{file: rs.l.file, node: rs.l.top.Node}
}

// add reports a problem with the field key where it is written.
func (rs *resolver) add(key, msg, hint string) {
	x := rs.at(key)
	p := diag.Problem{File: x.file, Field: key, Msg: msg, Hint: hint}
	if x.node != nil {
		p.Line, p.Column = x.node.Line, x.node.Column
	}
	if x.from != "" {
		inherited := fmt.Sprintf("%s comes from the built-in layout %s: write %s: in this file to change it", key, x.from, strings.SplitN(key, ".", 2)[0])
		p.Hint = strings.TrimPrefix(p.Hint+"; "+inherited, "; ")
	}
	rs.problems.Add(p)
}

// check validates the numbers, alone and together, in mm.
func (rs *resolver) check(s *Spec) {
	v := rs.l.vals
	inRange := func(key string, val, lo, hi float64, loOpen bool, what, hint string) {
		if rs.anyBad(key) {
			return
		}
		if val >= lo && val <= hi && !(loOpen && val == lo) {
			return
		}
		bound := "from " + mm(lo) + " to"
		if loOpen {
			bound = "more than " + mm(lo) + " and at most"
		}
		rs.add(key, fmt.Sprintf("%s must be %s %s mm, not %v", what, bound, mm(hi), val), hint)
		rs.bad[key] = true
	}
	if v["paper"] != nil {
		inRange("paper.width", s.Paper.W, 0, MaxSize, true, "the paper width", "")
		inRange("paper.height", s.Paper.H, 0, MaxSize, true, "the paper height", "")
	}
	if v["card"] != nil {
		const why = "a card needs room for a name, a band and text: at least 30 mm each way (a poker card is 63 × 88 mm)"
		inRange("card.width", s.Card.W, MinCard, MaxSize, false, "the card width", why)
		inRange("card.height", s.Card.H, MinCard, MaxSize, false, "the card height", why)
	}
	inRange("bleed", s.Bleed, 0, 100, false, "the bleed", "")
	inRange("safe", s.Safe, 0, 100, false, "the safe margin", "")
	inRange("margin", s.Margin, 0, 100, false, "the printer margin", "")
	inRange("gap", s.Gap, 0, 100, false, "the gap", "")
	if s.Marks.Style != "none" {
		inRange("marks.length", s.Marks.Length, 0, 50, true, "the mark length", "")
		inRange("marks.offset", s.Marks.Offset, 0, 20, false, "the mark offset", "")
		inRange("marks.width", s.Marks.Width, 0, 2, true, "the mark width", "")
	}

	// A card larger than the paper is said in one line, whatever else is
	// missing or wrong.
	known := v["paper"] != nil && v["card.width"] != nil && v["card.height"] != nil && !rs.anyBad("paper", "card", "orientation")
	if known && !s.cardFitsPaper() {
		msg := fmt.Sprintf("a %s × %s mm card does not fit on %s paper", mm(s.Card.W), mm(s.Card.H), s.Paper)
		hint := "use larger paper or a smaller card"
		switch {
		case s.Orientation == "auto":
			msg += ", either way round"
		case s.Card.W <= s.Paper.H && s.Card.H <= s.Paper.W:
			turned := "landscape"
			if s.Paper.Landscape() {
				turned = "portrait"
			}
			hint = "turn the paper: orientation: " + turned
		}
		rs.add("card", msg, hint)
		rs.bad["card"] = true // and nothing more about its size
	}

	cardKnown := v["card.width"] != nil && v["card.height"] != nil
	if !rs.anyBad("safe", "card") && cardKnown && 2*s.Safe >= min(s.Card.W, s.Card.H) {
		rs.add("safe", fmt.Sprintf("a %s mm safe margin leaves no room for text on a %s × %s mm card", mm(s.Safe), mm(s.Card.W), mm(s.Card.H)), "")
	}
	if !rs.anyBad("gap", "bleed", "grid") && s.PerSheet() > 1 && s.Gap < 2*s.Bleed-1e-9 {
		rs.add("gap", fmt.Sprintf("the gap (%s mm) is smaller than twice the bleed (%s mm): neighbouring cards' bleeds would overlap", mm(s.Gap), mm(2*s.Bleed)),
			fmt.Sprintf("set gap to at least %s", mm(2*s.Bleed)))
	}
	if !rs.anyBad("trim_box", "grid", "card", "paper") && s.TrimBox && s.GridGiven && s.PerSheet() != 1 {
		rs.add("trim_box", "a TrimBox marks one card per page, but the grid has several", "set the grid to 1 × 1 or remove trim_box")
	}
	if !rs.anyBad("trim_box", "grid") && s.TrimBox && !s.GridGiven {
		rs.add("trim_box", "a TrimBox marks one card per page, but no grid is given", "add grid: with columns: 1 and rows: 1")
	}
	if !rs.anyBad("back_offset") && (math.Abs(s.BackOffset.X) > 20 || math.Abs(s.BackOffset.Y) > 20) {
		rs.add("back_offset", fmt.Sprintf("a back offset of %s, %s mm is more than any printer shifts", mm(s.BackOffset.X), mm(s.BackOffset.Y)),
			"measure it with cardgen calibrate; it is usually within 3 mm")
	}
	if !rs.anyBad("back_offset", "trim_box") && s.TrimBox && s.BackOffset != (geom.Point{}) {
		rs.add("back_offset", "a print shop's pages (trim_box) need no back offset: every face is centred on its own page", "remove back_offset:")
	}
	if !rs.anyBad("fold", "trim_box") && s.Folded() && s.TrimBox {
		rs.add("fold", "a fold layout has fronts and backs on one page, a print shop's TrimBox layout one face per page", "remove fold: or trim_box:")
	}
	// Every card with its bleed must lie inside the printable area.
	if rs.anyBad("paper", "card", "bleed", "margin", "grid", "gap", "orientation") || v["paper"] == nil || !cardKnown {
		return
	}
	if !s.GridGiven && s.PerSheet() == 0 {
		rs.add("card", fmt.Sprintf("no %s × %s mm card with %s mm bleed fits inside the %s mm margin of %s paper",
			mm(s.Card.W), mm(s.Card.H), mm(s.Bleed), mm(s.Margin), s.Paper), "use larger paper or a smaller card, bleed or margin")
		return
	}
	printable := s.region()
	first, last := s.Slot(0, 0).Outset(s.Bleed), s.Slot(s.Columns-1, s.Rows-1).Outset(s.Bleed)
	need := geom.R(first.X, first.Y, last.Right()-first.X, last.Bottom()-first.Y)
	if !printable.Contains(need) {
		// Round what is needed up and what there is down, so that the two
		// figures never read as equal.
		up := func(v float64) string { return mm(math.Ceil(v*100-1e-6) / 100) }
		down := func(v float64) string { return mm(math.Floor(v*100+1e-6) / 100) }
		room := fmt.Sprintf("more than the %s × %s mm the paper leaves inside its %s mm margin", down(printable.W), down(printable.H), mm(s.Margin))
		if s.PerSheet() == 1 {
			rs.add("card", fmt.Sprintf("a %s × %s mm card with %s mm bleed needs %s × %s mm, %s",
				mm(s.Card.W), mm(s.Card.H), mm(s.Bleed), up(need.W), up(need.H), room),
				"use larger paper, or a smaller card, bleed or margin")
		} else {
			key := "grid"
			if !s.GridGiven {
				key = "gap"
			}
			rs.add(key, fmt.Sprintf("%d × %d cards of %s × %s mm with %s mm bleed and %s mm gaps need %s × %s mm, %s",
				s.Columns, s.Rows, mm(s.Card.W), mm(s.Card.H), mm(s.Bleed), mm(s.Gap), up(need.W), up(need.H), room),
				"use fewer columns or rows, a smaller gap or bleed, or larger paper")
		}
		return
	}
	// Backs too: shifted by the back offset they must stay on the paper.
	if !rs.anyBad("back_offset") && !s.BacksOnPaper() {
		rs.add("back_offset", fmt.Sprintf("shifted by %s, %s mm, the backs leave the printable area", mm(s.BackOffset.X), mm(s.BackOffset.Y)),
			"check the offset with cardgen calibrate, or use a layout with wider margins")
	}
}

// cardFitsPaper reports whether the card, without bleed or margin, fits on
// the paper as turned (either way round for orientation: auto).
func (s *Spec) cardFitsPaper() bool {
	fits := s.Card.W <= s.Paper.W && s.Card.H <= s.Paper.H
	if s.Orientation == "auto" {
		fits = fits || (s.Card.W <= s.Paper.H && s.Card.H <= s.Paper.W)
	}
	return fits
}
