package layout_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
)

// FuzzParse feeds arbitrary bytes to Parse: it must not panic, must return
// exactly one of a spec and an error, the error must be a non-empty
// diag.List, and a spec must be one that can be printed: finite numbers in
// their ranges and every card with its bleed, front and back, inside the
// printable area.
func FuzzParse(f *testing.F) {
	f.Add([]byte("paper: A4\ncard: {width: 70, height: 120}\n"))
	for _, name := range []string{"a4.yaml", "tarot.yaml"} {
		data, err := layouts.FS.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("name: x\npaper: Letter\norientation: landscape\ncard: {width: 63.5, height: 88.9}\nbleed: 3.175\nsafe: 3\nmargin: 5\ngrid: {columns: 3, rows: 2}\ngap: 6.35\nduplex: short\n"))
	f.Add([]byte("name: x\npaper: {width: 76, height: 126}\ncard: {width: 70, height: 120}\nbleed: 3\nsafe: 4\nmargin: 0\ngrid: {columns: 1, rows: 1}\ntrim_box: true\nduplex: none\n"))
	f.Add([]byte("name: x\nbleeed: 3\npaper: A44\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("base: a4-poker\nbleed: 3\nmarks: {length: 2}\n"))
	f.Add([]byte("base: tarot\npaper: A4\ngrid: auto\n"))
	f.Add([]byte("paper: A5\ncard: {width: 300, height: 400}\n"))
	f.Add([]byte(""))

	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := layout.Parse("fuzz.yaml", data)
		if (s == nil) == (err == nil) {
			t.Fatalf("Parse returned spec %v and error %v; want exactly one", s, err)
		}
		if err != nil {
			var l diag.List
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("error %T %q is not a non-empty diag.List", err, err)
			}
			for _, p := range l {
				// A problem may lie in a base the input names.
				if p.File == "" || p.Msg == "" || p.Line < 0 || p.Column < 0 {
					t.Fatalf("bad problem %#v", p)
				}
			}
			return
		}
		nums := []float64{s.Paper.W, s.Paper.H, s.Card.W, s.Card.H, s.Bleed, s.Safe, s.Margin, s.Gap,
			s.Marks.Length, s.Marks.Offset, s.Marks.Width}
		if slices.ContainsFunc(nums, math.IsNaN) {
			t.Fatalf("NaN accepted: %+v", *s)
		}
		for _, v := range nums {
			if math.IsInf(v, 0) {
				t.Fatalf("infinite number in %+v", *s)
			}
		}
		if s.Paper.W <= 0 || s.Paper.H <= 0 || s.Card.W < layout.MinCard || s.Card.H < layout.MinCard {
			t.Fatalf("non-positive size in %+v", *s)
		}
		if s.Bleed < 0 || s.Safe < 0 || s.Margin < 0 || s.Gap < 0 {
			t.Fatalf("negative length in %+v", *s)
		}
		if 2*s.Safe >= min(s.Card.W, s.Card.H) {
			t.Fatalf("safe margin %v leaves no room on %v", s.Safe, s.Card)
		}
		if s.Columns < 1 || s.Columns > 100 || s.Rows < 1 || s.Rows > 100 {
			t.Fatalf("grid %d × %d", s.Columns, s.Rows)
		}
		if s.PerSheet() > 1 && s.Gap < 2*s.Bleed-1e-9 {
			t.Fatalf("gap %v < 2 × bleed %v", s.Gap, s.Bleed)
		}
		if s.TrimBox && s.PerSheet() != 1 {
			t.Fatalf("TrimBox with %d cards per sheet", s.PerSheet())
		}
		if !slices.Contains([]layout.Duplex{layout.DuplexLong, layout.DuplexShort, layout.DuplexNone}, s.Duplex) || !slices.Contains([]layout.Order{layout.Alternate, layout.FrontsThenBacks}, s.Order) {
			t.Fatalf("duplex %q, order %q", s.Duplex, s.Order)
		}
		switch s.Marks.Style {
		case "none", "cut":
		case "crop":
			if s.Marks.Length <= 0 || s.Marks.Length > 50 || s.Marks.Offset < 0 || s.Marks.Offset > 20 || s.Marks.Width <= 0 || s.Marks.Width > 2 {
				t.Fatalf("marks %+v", s.Marks)
			}
		default:
			t.Fatalf("marks style %q", s.Marks.Style)
		}
		// What layouts --show writes loads back as the same spec.
		back, err := layout.Parse("shown.yaml", s.YAML(""))
		if err != nil {
			t.Fatalf("the shown spec does not load: %v\n%s", err, s.YAML(""))
		}
		b, w := *back, *s
		b.Source, b.Stem, w.Source, w.Stem = "", "", "", ""
		if b != w {
			t.Fatalf("shown and loaded back:\n %+v\nwant\n %+v", b, w)
		}
		printable := s.Printable()
		if printable.W <= 0 || printable.H <= 0 {
			t.Fatalf("printable area %v", printable)
		}
		var prev geom.Rect
		for r := range s.Rows {
			for c := range s.Columns {
				front := s.Slot(c, r)
				if !front.Equal(geom.R(front.X, front.Y, s.Card.W, s.Card.H)) {
					t.Fatalf("Slot(%d, %d) = %v; want %v × %v", c, r, front, s.Card.W, s.Card.H)
				}
				if b := front.Outset(s.Bleed); !printable.Contains(b) {
					t.Fatalf("Slot(%d, %d) with bleed %v is outside the printable %v", c, r, b, printable)
				}
				if b := s.BackOf(front).Outset(s.Bleed); !printable.Contains(b) {
					t.Fatalf("back of Slot(%d, %d) with bleed %v is outside the printable %v", c, r, b, printable)
				}
				if c > 0 && prev.Outset(s.Bleed).Overlaps(front.Outset(s.Bleed)) {
					t.Fatalf("Slot(%d, %d) bleed overlaps its left neighbour's", c, r)
				}
				prev = front
			}
		}
	})
}
