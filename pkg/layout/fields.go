package layout

import (
	"fmt"
	"maps"
	"strings"

	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// The fields of a layout file.
var (
	specFields   = []string{"base", "name", "description", "paper", "orientation", "card", "bleed", "safe", "margin", "grid", "gap", "marks", "duplex", "order", "trim_box", "fold", "backs", "ink_saver", "back_offset"}
	offsetFields = []string{"x", "y"}
	paperFields  = []string{"name", "width", "height"}
	sizeFields   = []string{"width", "height"}
	gridFields   = []string{"columns", "rows"}
	markFields   = []string{"style", "length", "offset", "width"}
	markStyles   = words(MarkStyles)
)

// value is one field as a layout file writes it: where (for messages) and
// what it says.
type value struct {
	file string
	node *yamldoc.Node
	// from is the built-in layout the value comes from, when a user's file
	// inherits it through base:; file and node are then that base: line.
	from  string
	num   float64
	text  string
	flag  bool
	paper Paper
}

// values are the fields a file writes, or a chain of bases merged, by
// dotted key: "bleed", "card.width", "marks.style". A nested mapping also
// has its own key ("marks"), where a missing field of it is reported.
type values map[string]*value

// overlay writes src over v, field by field. grid: auto clears the columns
// and rows that v had.
func (v values) overlay(src values) {
	if g := src["grid"]; g != nil && g.text == "auto" {
		delete(v, "grid.columns")
		delete(v, "grid.rows")
	}
	maps.Copy(v, src)
}

// layer is what a file writes, merged over its bases.
type layer struct {
	file string
	top  yamldoc.Fields // the file's own mapping
	vals values
	// bad holds the keys written with a problem, or misspelt: their value
	// is not known, so no check judges them by their default.
	bad        map[string]bool
	base       *value // the file's base: field
	baseFailed bool   // the base could not be read: what it gives is not known
}

// readLayer reads the fields a file writes; problems go to r.
func readLayer(r *yamldoc.Reader, file string, f yamldoc.Fields) *layer {
	l := &layer{file: file, top: f, vals: values{}, bad: map[string]bool{}}
	for k := range f.Misspelt {
		l.bad[k] = true
	}
	// read reads the field key, written at n, and keeps it when reading it
	// found no problem.
	read := func(key string, n *yamldoc.Node, fn func(v *value)) {
		if n == nil {
			return
		}
		before := len(r.Problems)
		v := &value{file: file, node: n}
		fn(v)
		if len(r.Problems) > before {
			l.bad[key] = true
			return
		}
		l.vals[key] = v
	}
	// nested reads the mapping key and returns its fields.
	nested := func(key string, known []string) (yamldoc.Fields, bool) {
		n := f.Get(key)
		if n == nil {
			return yamldoc.Fields{}, false
		}
		g, ok := r.MappingAt(n, "", key+".", known)
		if !ok {
			l.bad[key] = true
			return g, false
		}
		l.vals[key] = &value{file: file, node: n}
		for k := range g.Misspelt {
			l.bad[key+"."+k] = true
		}
		return g, true
	}
	number := func(g yamldoc.Fields, key, prefix string) {
		read(prefix+key, g.Get(key), func(v *value) { v.num = r.Number(g, key, "", true, 0) })
	}
	oneOf := func(g yamldoc.Fields, key, prefix string, allowed []string) {
		read(prefix+key, g.Get(key), func(v *value) { v.text = r.OneOf(g, key, "", allowed, "") })
	}
	boolean := func(key string) {
		read(key, f.Get(key), func(v *value) { v.flag = r.Bool(f, key, "", false) })
	}

	read("base", f.Get("base"), func(v *value) { v.text = r.Text(f, "base", "", true) })
	if v := l.vals["base"]; v != nil {
		l.base = v
	}
	read("name", f.Get("name"), func(v *value) { v.text = r.Text(f, "name", "", false) })
	read("description", f.Get("description"), func(v *value) { v.text = r.Text(f, "description", "", false) })
	read("paper", f.Get("paper"), func(v *value) { v.paper = readPaper(r, f) })
	oneOf(f, "orientation", "", []string{"portrait", "landscape", "auto"})
	if g, ok := nested("card", sizeFields); ok {
		number(g, "width", "card.")
		number(g, "height", "card.")
	}
	for _, k := range []string{"bleed", "safe", "margin", "gap"} {
		number(f, k, "")
	}
	if n := f.Get("grid"); n != nil && n.Kind == yamldoc.ScalarNode {
		read("grid", n, func(v *value) {
			if v.text = n.Value; v.text != "auto" {
				r.Add(n, "", "grid", fmt.Sprintf("%q is not a grid", n.Value), "write grid: auto for the most cards that fit, or columns: and rows: below grid:")
			}
		})
	} else if g, ok := nested("grid", gridFields); ok {
		for _, k := range gridFields {
			read("grid."+k, g.Get(k), func(v *value) { v.num = float64(count(r, g, k)) })
		}
	}
	if n := f.Get("marks"); n != nil && n.Kind == yamldoc.ScalarNode {
		// marks: none is short for marks: {style: none}.
		oneOf(f, "marks", "", markStyles)
		if v := l.vals["marks"]; v != nil {
			l.vals["marks.style"] = v
		}
	} else if g, ok := nested("marks", markFields); ok {
		oneOf(g, "style", "marks.", markStyles)
		for _, k := range markFields[1:] {
			number(g, k, "marks.")
		}
	}
	oneOf(f, "duplex", "", words(Duplexes))
	oneOf(f, "order", "", []string{string(Alternate), string(FrontsThenBacks)})
	oneOf(f, "fold", "", words(Folds))
	oneOf(f, "backs", "", []string{"details", "common"})
	boolean("trim_box")
	boolean("ink_saver")
	if g, ok := nested("back_offset", offsetFields); ok {
		for _, k := range offsetFields {
			number(g, k, "back_offset.")
		}
	}
	return l
}

// count reads a number of columns or rows.
func count(r *yamldoc.Reader, f yamldoc.Fields, key string) int {
	v := r.Number(f, key, "", true, 1)
	if v != float64(int(v)) || v < 1 || v > MaxGrid {
		r.Add(f.Get(key), "", f.Path+key, fmt.Sprintf("%s must be a whole number from 1 to %d, not %v", key, MaxGrid, v), "")
		return 1
	}
	return int(v)
}

// readPaper reads paper:, a name or a size, as written (turned by
// orientation: later).
func readPaper(r *yamldoc.Reader, f yamldoc.Fields) Paper {
	n := f.Get("paper")
	if n.Kind == yamldoc.ScalarNode {
		return namedPaper(r, n, n.Value)
	}
	var paper Paper
	p, ok := r.MappingAt(n, "", "paper.", paperFields)
	if !ok {
		return paper
	}
	if name := r.Text(p, "name", "", false); name != "" {
		paper = namedPaper(r, p.Get("name"), name)
	}
	if p.Get("width") != nil || p.Get("height") != nil || paper.Name == "" {
		paper.W = r.Number(p, "width", "", true, 0)
		paper.H = r.Number(p, "height", "", true, 0)
	}
	return paper
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
