package layout

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"regexp"
	"strings"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

var (
	specFields   = []string{"name", "description", "paper", "orientation", "card", "bleed", "safe", "margin", "grid", "gap", "marks", "duplex", "order", "trim_box", "fold", "backs", "ink_saver", "back_offset"}
	offsetFields = []string{"x", "y"}
	paperFields  = []string{"name", "width", "height"}
	sizeFields   = []string{"width", "height"}
	gridFields   = []string{"columns", "rows"}
	markFields   = []string{"style", "length", "offset", "width"}
)

// LoadFile reads a spec from a file.
func LoadFile(name string) (*Spec, error) {
	data, err := readLimited(name, MaxFileSize)
	if err != nil {
		return nil, fmt.Errorf("cannot read the layout: %w", err)
	}
	return Parse(name, data)
}

// MinCard is the shortest side of a card, in mm: cardgen's faces need room
// for a name, a category band and some text (they are composed for cards
// from 40 × 40 mm to 300 × 300 mm).
const MinCard = 30.0

// MaxFileSize is the largest a layout file may be: a real one is about 2 KB.
const MaxFileSize = 1 << 20

// readLimited reads at most max bytes of a regular file, so that a device, a
// folder or a pipe given by mistake can neither fill the memory nor block.
func readLimited(name string, max int64) ([]byte, error) {
	if fi, err := os.Stat(name); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, not a layout file", name, kindOf(fi.Mode()))
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s is more than the %d KB a layout file may be; is it the right file?", name, max>>10)
	}
	return data, nil
}

// kindOf names a kind of file that is not a regular one.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// LoadFS reads a spec from fsys.
func LoadFS(fsys fs.FS, name string) (*Spec, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the layout: %w", err)
	}
	return Parse(name, data)
}

// Parse reads and validates a spec. Every problem is returned at once as a
// diag.List.
func Parse(name string, data []byte) (*Spec, error) {
	r := &yamldoc.Reader{File: name}
	doc := r.Parse(data, "start from a built-in layout: cardgen layouts")
	if doc == nil {
		return nil, r.Problems.Err()
	}
	f, ok := r.Mapping(doc, "", specFields)
	if !ok {
		return nil, r.Problems.Err()
	}
	s := &Spec{Source: name}
	s.Name = r.Text(f, "name", "", true)
	s.Description = r.Text(f, "description", "", false)
	readPaper(r, s, f)
	if c := sub(r, f, "card", sizeFields, true); c.Node != nil {
		s.Card = Size{r.Number(c, "width", "", true, 0), r.Number(c, "height", "", true, 0)}
	}
	s.Bleed = r.Number(f, "bleed", "", true, 0)
	s.Safe = r.Number(f, "safe", "", true, 0)
	s.Margin = r.Number(f, "margin", "", true, 0)
	s.Columns, s.Rows = 1, 1
	if g := sub(r, f, "grid", gridFields, false); g.Node != nil {
		s.Columns = count(r, g, "columns")
		s.Rows = count(r, g, "rows")
		s.GridGiven = true
	}
	s.Gap = r.Number(f, "gap", "", !s.GridGiven || s.Columns*s.Rows > 1, 0)
	s.Marks = Marks{Style: "none"}
	if m := sub(r, f, "marks", markFields, false); m.Node != nil {
		s.Marks.Style = r.OneOf(m, "style", "", []string{"crop", "cut", "none"}, "crop")
		s.Marks.Length = r.Number(m, "length", "", s.Marks.Style == "crop", 0)
		s.Marks.Offset = r.Number(m, "offset", "", false, 1)
		s.Marks.Width = r.Number(m, "width", "", false, 0.25)
	}
	s.Duplex = Duplex(r.OneOf(f, "duplex", "", []string{"long", "short", "none"}, "long"))
	defOrder := Alternate
	if s.Duplex == DuplexNone {
		defOrder = FrontsThenBacks
	}
	s.Order = Order(r.OneOf(f, "order", "", []string{string(Alternate), string(FrontsThenBacks)}, string(defOrder)))
	s.TrimBox = r.Bool(f, "trim_box", "", false)
	s.Fold = Fold(r.OneOf(f, "fold", "", []string{"none", "horizontal", "vertical"}, "none"))
	s.Backs = Backs(r.OneOf(f, "backs", "", []string{"details", "common"}, "details"))
	s.InkSaver = r.Bool(f, "ink_saver", "", false)
	if o := sub(r, f, "back_offset", offsetFields, false); o.Node != nil {
		s.BackOffset = geom.Point{X: r.Number(o, "x", "", false, 0), Y: r.Number(o, "y", "", false, 0)}
	}
	if s.Orientation == "auto" {
		if s.GridGiven {
			r.Add(f.Get("orientation"), "", "orientation", "auto needs a computed grid, but the grid is given", "remove grid: or choose portrait or landscape")
		} else {
			s.chooseOrientation()
		}
	}
	if !s.GridGiven {
		s.computeGrid()
	}
	check(r, s, f)
	if err := r.Problems.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func sub(r *yamldoc.Reader, f yamldoc.Fields, key string, known []string, required bool) yamldoc.Fields {
	n := f.Get(key)
	if n == nil {
		if required {
			r.Add(f.Node, "", key, "missing", "add "+key+": with "+strings.Join(known, " and "))
		}
		return yamldoc.Fields{}
	}
	g, _ := r.MappingAt(n, "", key+".", known)
	return g
}

func count(r *yamldoc.Reader, f yamldoc.Fields, key string) int {
	v := r.Number(f, key, "", true, 1)
	if v != float64(int(v)) || v < 1 || v > MaxGrid {
		r.Add(f.Get(key), "", f.Path+key, fmt.Sprintf("%s must be a whole number from 1 to %d, not %v", key, MaxGrid, v), "")
		return 1
	}
	return int(v)
}

func readPaper(r *yamldoc.Reader, s *Spec, f yamldoc.Fields) {
	n := f.Get("paper")
	if n == nil {
		r.Add(f.Node, "", "paper", "missing", "add paper: A4 (or A3, A5, Letter, Legal, Tabloid, or width: and height: in mm)")
		return
	}
	if n.Kind == yamldoc.ScalarNode {
		s.Paper = namedPaper(r, n, n.Value)
	} else if p, ok := r.MappingAt(n, "", "paper.", paperFields); ok {
		if name := r.Text(p, "name", "", false); name != "" {
			s.Paper = namedPaper(r, p.Get("name"), name)
		}
		if p.Get("width") != nil || p.Get("height") != nil || s.Paper.Name == "" {
			s.Paper.W = r.Number(p, "width", "", true, 0)
			s.Paper.H = r.Number(p, "height", "", true, 0)
		}
	}
	s.Orientation = r.OneOf(f, "orientation", "", []string{"portrait", "landscape", "auto"}, "")
	switch s.Orientation {
	case "portrait":
		if s.Paper.Landscape() {
			s.Paper.W, s.Paper.H = s.Paper.H, s.Paper.W
		}
	case "landscape":
		if !s.Paper.Landscape() {
			s.Paper.W, s.Paper.H = s.Paper.H, s.Paper.W
		}
	}
}

func namedPaper(r *yamldoc.Reader, n *yamldoc.Node, name string) Paper {
	for _, known := range PaperNames {
		if strings.EqualFold(name, known) {
			return Paper{Name: known, Size: papers[known]}
		}
	}
	hint := "write one of " + strings.Join(PaperNames, ", ") + ", or give width: and height: in mm"
	if s := yamldoc.Suggest(name, PaperNames); s != "" {
		hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
	}
	r.Add(n, "", "paper", fmt.Sprintf("unknown paper %q", name), hint)
	return Paper{}
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

var didYouMean = regexp.MustCompile(`did you mean "([^"]+)"`)

// check validates the numbers, alone and together, in mm. A check whose
// inputs already have a problem is skipped, so that one mistake gives one
// message, but every independent problem is still reported in this pass.
func check(r *yamldoc.Reader, s *Spec, f yamldoc.Fields) {
	bad := map[string]bool{}   // fields with a problem, and their parents
	exact := map[string]bool{} // fields with a problem of their own
	for _, p := range r.Problems {
		bad[strings.SplitN(p.Field, ".", 2)[0]] = true
		bad[p.Field], exact[p.Field] = true, true
		// A misspelt key stands for the field it was taken for: that one
		// was not read, and must not be judged by its default.
		if m := didYouMean.FindStringSubmatch(p.Hint); m != nil && p.Msg == "unknown field" {
			prefix := ""
			if i := strings.LastIndexByte(p.Field, '.'); i >= 0 {
				prefix = p.Field[:i+1]
			}
			exact[prefix+m[1]] = true
		}
	}
	// at finds the node of a field, "marks.length" included, to point at it;
	// the nearest enclosing node when the field is not written.
	at := func(key string) *yamldoc.Node {
		top, rest, nested := strings.Cut(key, ".")
		n := f.Get(top)
		if n == nil {
			return f.Node
		}
		if nested && n.Kind == yamldoc.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == rest {
					return n.Content[i+1]
				}
			}
		}
		return n
	}
	readExact := maps.Clone(exact) // problems found while reading
	inRange := func(key string, v, lo, hi float64, loOpen bool, what, hint string) {
		top, _, _ := strings.Cut(key, ".")
		if readExact[key] || readExact[top] {
			return
		}
		ok := v >= lo && v <= hi && !(loOpen && v == lo)
		if !ok {
			bound := "from " + mm(lo)
			if loOpen {
				bound = "more than " + mm(lo) + " and at most"
			} else {
				bound += " to"
			}
			r.Add(at(key), "", key, fmt.Sprintf("%s must be %s %s mm, not %v", what, bound, mm(hi), v), hint)
			bad[key], bad[strings.SplitN(key, ".", 2)[0]] = true, true
		}
	}
	inRange("paper.width", s.Paper.W, 0, 2000, true, "the paper width", "")
	inRange("paper.height", s.Paper.H, 0, 2000, true, "the paper height", "")
	const why = "a card needs room for a name, a band and text: at least 30 mm each way (a poker card is 63 × 88 mm)"
	inRange("card.width", s.Card.W, MinCard, 2000, false, "the card width", why)
	inRange("card.height", s.Card.H, MinCard, 2000, false, "the card height", why)
	inRange("bleed", s.Bleed, 0, 100, false, "the bleed", "")
	inRange("safe", s.Safe, 0, 100, false, "the safe margin", "")
	inRange("margin", s.Margin, 0, 100, false, "the printer margin", "")
	inRange("gap", s.Gap, 0, 100, false, "the gap", "")
	if s.Marks.Style != "none" {
		inRange("marks.length", s.Marks.Length, 0, 50, true, "the mark length", "")
		inRange("marks.offset", s.Marks.Offset, 0, 20, false, "the mark offset", "")
		inRange("marks.width", s.Marks.Width, 0, 2, true, "the mark width", "")
	}
	any := func(keys ...string) bool {
		for _, k := range keys {
			if bad[k] {
				return true
			}
		}
		return false
	}
	if !any("safe", "card") && 2*s.Safe >= min(s.Card.W, s.Card.H) {
		r.Add(at("safe"), "", "safe", fmt.Sprintf("a %s mm safe margin leaves no room for text on a %s × %s mm card", mm(s.Safe), mm(s.Card.W), mm(s.Card.H)), "")
	}
	if !any("gap", "bleed", "grid") && s.PerSheet() > 1 && s.Gap < 2*s.Bleed-1e-9 {
		r.Add(at("gap"), "", "gap", fmt.Sprintf("the gap (%s mm) is smaller than twice the bleed (%s mm): neighbouring cards' bleeds would overlap", mm(s.Gap), mm(2*s.Bleed)),
			fmt.Sprintf("set gap to at least %s", mm(2*s.Bleed)))
	}
	if !any("trim_box", "grid", "card", "paper") && s.TrimBox && s.GridGiven && s.PerSheet() != 1 {
		r.Add(at("trim_box"), "", "trim_box", "a TrimBox marks one card per page, but the grid has several", "set the grid to 1 × 1 or remove trim_box")
	}
	if !any("trim_box") && s.TrimBox && !s.GridGiven {
		r.Add(at("trim_box"), "", "trim_box", "a TrimBox marks one card per page, but no grid is given", "add grid: with columns: 1 and rows: 1")
	}
	if !any("back_offset") && (math.Abs(s.BackOffset.X) > 20 || math.Abs(s.BackOffset.Y) > 20) {
		r.Add(at("back_offset"), "", "back_offset", fmt.Sprintf("a back offset of %s, %s mm is more than any printer shifts", mm(s.BackOffset.X), mm(s.BackOffset.Y)),
			"measure it with cardgen calibrate; it is usually within 3 mm")
	}
	if !any("back_offset", "trim_box") && s.TrimBox && s.BackOffset != (geom.Point{}) {
		r.Add(at("back_offset"), "", "back_offset", "a print shop's pages (trim_box) need no back offset: every face is centred on its own page", "remove back_offset:")
	}
	// Every card with its bleed must lie inside the printable area.
	if any("paper", "card", "bleed", "margin", "grid", "gap", "orientation") {
		return
	}
	if !s.GridGiven && s.PerSheet() == 0 {
		r.Add(at("card"), "", "card", fmt.Sprintf("no %s × %s mm card with %s mm bleed fits inside the %s mm margin of %s paper",
			mm(s.Card.W), mm(s.Card.H), mm(s.Bleed), mm(s.Margin), s.Paper), "use larger paper or a smaller card, bleed or margin")
		return
	}
	if s.Folded() && s.TrimBox {
		r.Add(at("fold"), "", "fold", "a fold layout has fronts and backs on one page, a print shop's TrimBox layout one face per page", "remove fold: or trim_box:")
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
			r.Add(at("card"), "", "card", fmt.Sprintf("a %s × %s mm card with %s mm bleed needs %s × %s mm, %s",
				mm(s.Card.W), mm(s.Card.H), mm(s.Bleed), up(need.W), up(need.H), room),
				"use larger paper, or a smaller card, bleed or margin")
		} else {
			key := "grid"
			if !s.GridGiven {
				key = "gap"
			}
			r.Add(at(key), "", key, fmt.Sprintf("%d × %d cards of %s × %s mm with %s mm bleed and %s mm gaps need %s × %s mm, %s",
				s.Columns, s.Rows, mm(s.Card.W), mm(s.Card.H), mm(s.Bleed), mm(s.Gap), up(need.W), up(need.H), room),
				"use fewer columns or rows, a smaller gap or bleed, or larger paper")
		}
		return
	}
	// Backs too: shifted by the back offset they must stay on the paper.
	if !s.BacksOnPaper() {
		r.Add(at("back_offset"), "", "back_offset", fmt.Sprintf("shifted by %s, %s mm, the backs leave the printable area", mm(s.BackOffset.X), mm(s.BackOffset.Y)),
			"check the offset with cardgen calibrate, or use a layout with wider margins")
	}
}
