package layout

import (
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

var (
	specFields  = []string{"name", "description", "paper", "orientation", "card", "bleed", "safe", "margin", "grid", "gap", "marks", "duplex", "order", "trim_box"}
	paperFields = []string{"name", "width", "height"}
	sizeFields  = []string{"width", "height"}
	gridFields  = []string{"columns", "rows"}
	markFields  = []string{"style", "length", "offset", "width"}
)

// LoadFile reads a spec from a file.
func LoadFile(name string) (*Spec, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the layout: %w", err)
	}
	return Parse(name, data)
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
	if g := sub(r, f, "grid", gridFields, true); g.Node != nil {
		s.Columns = count(r, g, "columns")
		s.Rows = count(r, g, "rows")
	}
	s.Gap = r.Number(f, "gap", "", s.Columns*s.Rows > 1, 0)
	s.Marks = Marks{Style: "none"}
	if m := sub(r, f, "marks", markFields, false); m.Node != nil {
		s.Marks.Style = r.OneOf(m, "style", "", []string{"crop", "none"}, "crop")
		s.Marks.Length = r.Number(m, "length", "", s.Marks.Style != "none", 0)
		s.Marks.Offset = r.Number(m, "offset", "", false, 1)
		s.Marks.Width = r.Number(m, "width", "", false, 0.25)
	}
	s.Duplex = Duplex(r.OneOf(f, "duplex", "", []string{"long", "short", "none"}, "long"))
	s.Order = Order(r.OneOf(f, "order", "", []string{string(Alternate)}, string(Alternate)))
	s.TrimBox = r.Bool(f, "trim_box", "", false)
	if len(r.Problems) == 0 {
		check(r, s, f)
	}
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
	g, _ := r.Mapping(n, "", known)
	return g
}

func count(r *yamldoc.Reader, f yamldoc.Fields, key string) int {
	v := r.Number(f, key, "", true, 1)
	if v != float64(int(v)) || v < 1 || v > 100 {
		r.Add(f.Get(key), "", key, fmt.Sprintf("%s must be a whole number from 1 to 100, not %v", key, v), "")
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
	} else if p, ok := r.Mapping(n, "", paperFields); ok {
		if name := r.Text(p, "name", "", false); name != "" {
			s.Paper = namedPaper(r, p.Get("name"), name)
		}
		if p.Get("width") != nil || p.Get("height") != nil || s.Paper.Name == "" {
			s.Paper.W = r.Number(p, "width", "", true, 0)
			s.Paper.H = r.Number(p, "height", "", true, 0)
		}
	}
	switch r.OneOf(f, "orientation", "", []string{"portrait", "landscape"}, "") {
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

// check validates the numbers together, in mm.
func check(r *yamldoc.Reader, s *Spec, f yamldoc.Fields) {
	at := func(key string) *yamldoc.Node {
		if n := f.Get(key); n != nil {
			return n
		}
		return f.Node
	}
	positive := func(key string, v float64, what string) bool {
		if v <= 0 || v > 2000 {
			r.Add(at(key), "", key, fmt.Sprintf("%s must be more than 0 and at most 2000 mm, not %v", what, v), "")
			return false
		}
		return true
	}
	nonNegative := func(key string, v float64, what string) {
		if v < 0 || v > 100 {
			r.Add(at(key), "", key, fmt.Sprintf("%s must be from 0 to 100 mm, not %v", what, v), "")
		}
	}
	ok := positive("paper", s.Paper.W, "the paper width") && positive("paper", s.Paper.H, "the paper height")
	ok = positive("card", s.Card.W, "the card width") && positive("card", s.Card.H, "the card height") && ok
	nonNegative("bleed", s.Bleed, "the bleed")
	nonNegative("safe", s.Safe, "the safe margin")
	nonNegative("margin", s.Margin, "the printer margin")
	nonNegative("gap", s.Gap, "the gap")
	if !ok || len(r.Problems) > 0 {
		return
	}
	if 2*s.Safe >= min(s.Card.W, s.Card.H) {
		r.Add(at("safe"), "", "safe", fmt.Sprintf("a %s mm safe margin leaves no room for text on a %s × %s mm card", mm(s.Safe), mm(s.Card.W), mm(s.Card.H)), "")
	}
	if s.PerSheet() > 1 && s.Gap < 2*s.Bleed-1e-9 {
		r.Add(at("gap"), "", "gap", fmt.Sprintf("the gap (%s mm) is smaller than twice the bleed (%s mm): neighbouring cards' bleeds would overlap", mm(s.Gap), mm(2*s.Bleed)),
			fmt.Sprintf("set gap to at least %s", mm(2*s.Bleed)))
	}
	if s.TrimBox && s.PerSheet() != 1 {
		r.Add(at("trim_box"), "", "trim_box", "a TrimBox marks one card per page, but the grid has several", "set the grid to 1 × 1 or remove trim_box")
	}
	// Every card with its bleed must lie inside the printable area.
	printable := s.Printable()
	first, last := s.Slot(0, 0).Outset(s.Bleed), s.Slot(s.Columns-1, s.Rows-1).Outset(s.Bleed)
	need := geom.R(first.X, first.Y, last.Right()-first.X, last.Bottom()-first.Y)
	if !printable.Contains(need) {
		r.Add(at("grid"), "", "grid", fmt.Sprintf("%d × %d cards of %s × %s mm with %s mm bleed and %s mm gaps need %s × %s mm, more than the %s × %s mm the paper leaves inside its %s mm margin",
			s.Columns, s.Rows, mm(s.Card.W), mm(s.Card.H), mm(s.Bleed), mm(s.Gap), mm(need.W), mm(need.H), mm(printable.W), mm(printable.H), mm(s.Margin)),
			"use fewer columns or rows, a smaller gap or bleed, or larger paper")
	}
	if s.Marks.Style != "none" {
		if s.Marks.Length <= 0 || s.Marks.Length > 50 {
			r.Add(at("marks"), "", "marks.length", fmt.Sprintf("the mark length must be more than 0 and at most 50 mm, not %v", s.Marks.Length), "")
		}
		if s.Marks.Offset < 0 || s.Marks.Offset > 20 {
			r.Add(at("marks"), "", "marks.offset", fmt.Sprintf("the mark offset must be from 0 to 20 mm, not %v", s.Marks.Offset), "")
		}
		if s.Marks.Width <= 0 || s.Marks.Width > 2 {
			r.Add(at("marks"), "", "marks.width", fmt.Sprintf("the mark width must be more than 0 and at most 2 mm, not %v", s.Marks.Width), "")
		}
	}
}
