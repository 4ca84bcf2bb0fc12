package layout_test

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
)

func loadBuiltin(t *testing.T, file string) *layout.Spec {
	t.Helper()
	s, err := layout.LoadFS(layouts.FS, file)
	if err != nil {
		t.Fatalf("LoadFS(%q): %v", file, err)
	}
	return s
}

func TestBuiltinNames(t *testing.T) {
	want := []string{"a3", "a4", "a4-fold", "a4-poker", "letter", "letter-fold", "letter-poker", "poker", "tarot"}
	if got := layouts.Names(); !slices.Equal(got, want) {
		t.Fatalf("layouts.Names() = %q; want %q", got, want)
	}
	for _, name := range layouts.Names() {
		file, ok := layouts.File(name)
		if !ok || file != name+".yaml" {
			t.Errorf("layouts.File(%q) = %q, %v; want %q, true", name, file, ok, name+".yaml")
		}
		s := loadBuiltin(t, file)
		if s.Name != name {
			t.Errorf("%s: name %q; want %q", file, s.Name, name)
		}
	}
	if _, ok := layouts.File("no-such-layout"); ok {
		t.Errorf(`layouts.File("no-such-layout") exists; want false`)
	}
}

func TestLoadBuiltinSpecs(t *testing.T) {
	tests := []struct {
		file string
		want layout.Spec
	}{
		{"a4.yaml", layout.Spec{
			Name:        "a4",
			Description: "Tarot cards (70 × 120 mm), 4 per A4 sheet, printed double-sided",
			Paper:       layout.Paper{Name: "A4", Size: layout.Size{W: 210, H: 297}},
			Card:        layout.Size{W: 70, H: 120},
			Bleed:       3, Safe: 4, Margin: 5,
			Columns: 2, Rows: 2, Gap: 10,
			Marks:  layout.Marks{Style: "crop", Length: 5, Offset: 0.5, Width: 0.2},
			Duplex: layout.DuplexLong, Order: layout.Alternate, TrimBox: false,
			Orientation: "portrait", GridGiven: true, Fold: layout.FoldNone, Backs: layout.BacksDetails,
			Source: "a4.yaml", Stem: "a4",
		}},
		{"tarot.yaml", layout.Spec{
			Name:        "tarot",
			Description: "Tarot cards (70 × 120 mm) for a print shop, one face per page with 3 mm bleed",
			Paper:       layout.Paper{Name: "", Size: layout.Size{W: 76, H: 126}},
			Card:        layout.Size{W: 70, H: 120},
			Bleed:       3, Safe: 4, Margin: 0,
			// The gap defaults to twice the bleed plus 4 mm; it does not
			// matter with one card per sheet.
			Columns: 1, Rows: 1, Gap: 10,
			// marks: {style: none} keeps the other fields' defaults.
			Marks:  layout.Marks{Style: "none", Length: 5, Offset: 0.5, Width: 0.2},
			Duplex: layout.DuplexNone, Order: layout.Alternate, TrimBox: true,
			// No orientation: given: the paper's own, written out.
			Orientation: "portrait",
			GridGiven:   true, Fold: layout.FoldNone, Backs: layout.BacksDetails,
			Source: "tarot.yaml", Stem: "tarot",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := loadBuiltin(t, tt.file)
			if *got != tt.want {
				t.Errorf("LoadFS(%q) =\n %+v\nwant\n %+v", tt.file, *got, tt.want)
			}
			if got.Paper.Landscape() {
				t.Errorf("%s: paper %v is landscape; want portrait", tt.file, got.Paper)
			}
			if got.PerSheet() != tt.want.Columns*tt.want.Rows {
				t.Errorf("%s: PerSheet() = %d; want %d", tt.file, got.PerSheet(), tt.want.Columns*tt.want.Rows)
			}
		})
	}
}

func TestLoadFSMissingFile(t *testing.T) {
	s, err := layout.LoadFS(layouts.FS, "no-such-layout.yaml")
	if s != nil || err == nil || !strings.Contains(err.Error(), "cannot read the layout") {
		t.Errorf(`LoadFS("no-such-layout.yaml") = %v, %v; want nil and "cannot read the layout"`, s, err)
	}
	s, err = layout.LoadFile("testdata/does-not-exist.yaml")
	if s != nil || err == nil || !strings.Contains(err.Error(), "cannot read the layout") {
		t.Errorf(`LoadFile(missing) = %v, %v; want nil and "cannot read the layout"`, s, err)
	}
}

func TestLoadFileTestdata(t *testing.T) {
	s, err := layout.LoadFile("testdata/letter-poker.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := layout.Spec{
		Name:    "letter-poker",
		Paper:   layout.Paper{Name: "Letter", Size: layout.Size{W: 279.4, H: 215.9}},
		Card:    layout.Size{W: 63.5, H: 88.9},
		Bleed:   3.175,
		Safe:    3,
		Margin:  6.35,
		Columns: 3, Rows: 2, Gap: 6.35,
		Marks:  layout.Marks{Style: "crop", Length: 4, Offset: 0.5, Width: 0.2},
		Duplex: layout.DuplexShort, Order: layout.Alternate,
		Orientation: "landscape", GridGiven: true, Fold: layout.FoldNone, Backs: layout.BacksDetails,
		Source: "testdata/letter-poker.yaml", FromFile: true, Stem: "letter-poker",
	}
	if *s != want {
		t.Errorf("LoadFile =\n %+v\nwant\n %+v", *s, want)
	}
	if !s.Paper.Landscape() {
		t.Errorf("orientation: landscape gave %v; want a landscape sheet", s.Paper)
	}
}

// TestSlotA4: the 2 × 2 grid of 70 × 120 mm cards with 10 mm gaps is
// 150 × 250 mm, centred on 210 × 297 mm: x0 = 30, y0 = 23.5.
func TestSlotA4(t *testing.T) {
	s := loadBuiltin(t, "a4.yaml")
	tests := []struct {
		c, r int
		want geom.Rect
	}{
		{0, 0, geom.R(30, 23.5, 70, 120)},
		{1, 0, geom.R(110, 23.5, 70, 120)},
		{0, 1, geom.R(30, 153.5, 70, 120)},
		{1, 1, geom.R(110, 153.5, 70, 120)},
	}
	for _, tt := range tests {
		got := s.Slot(tt.c, tt.r)
		if !got.Equal(tt.want) {
			t.Errorf("Slot(%d, %d) = %v; want %v", tt.c, tt.r, got, tt.want)
		}
		// x = 30 + c·80, y = 23.5 + r·130.
		if !near(got.X, 30+float64(tt.c)*80) || !near(got.Y, 23.5+float64(tt.r)*130) {
			t.Errorf("Slot(%d, %d) = %v; want x = 30 + c·80, y = 23.5 + r·130", tt.c, tt.r, got)
		}
		if b := got.Outset(s.Bleed); !s.Printable().Contains(b) {
			t.Errorf("Slot(%d, %d) with bleed %v is outside the printable %v", tt.c, tt.r, b, s.Printable())
		}
	}
	if got, want := s.Printable(), geom.R(5, 5, 200, 287); !got.Equal(want) {
		t.Errorf("Printable() = %v; want %v", got, want)
	}
	// The grid is centred: equal space left and right, top and bottom.
	first, last := s.Slot(0, 0), s.Slot(1, 1)
	if !near(first.X, 210-last.Right()) || !near(first.Y, 297-last.Bottom()) {
		t.Errorf("grid %v … %v is not centred on 210 × 297", first, last)
	}
}

func TestSlotTarot(t *testing.T) {
	s := loadBuiltin(t, "tarot.yaml")
	if got, want := s.Slot(0, 0), geom.R(3, 3, 70, 120); !got.Equal(want) {
		t.Errorf("Slot(0, 0) = %v; want %v", got, want)
	}
	if got, want := s.Slot(0, 0).Outset(s.Bleed), geom.R(0, 0, 76, 126); !got.Equal(want) {
		t.Errorf("bleed = %v; want the whole page %v", got, want)
	}
	if got, want := s.Printable(), geom.R(0, 0, 76, 126); !got.Equal(want) {
		t.Errorf("Printable() = %v; want %v", got, want)
	}
}

func TestSheets(t *testing.T) {
	a4, tarot := loadBuiltin(t, "a4.yaml"), loadBuiltin(t, "tarot.yaml")
	tests := []struct {
		spec *layout.Spec
		n    int
		want int
	}{
		{a4, 0, 0}, {a4, 1, 1}, {a4, 4, 1}, {a4, 5, 2}, {a4, 8, 2}, {a4, 9, 3}, {a4, 20, 5}, {a4, 78, 20},
		{tarot, 0, 0}, {tarot, 1, 1}, {tarot, 20, 20},
	}
	for _, tt := range tests {
		if got := tt.spec.Sheets(tt.n); got != tt.want {
			t.Errorf("%s: Sheets(%d) = %d; want %d", tt.spec.Name, tt.n, got, tt.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < geom.Epsilon }

func TestBackOf(t *testing.T) {
	portrait := layout.Paper{Name: "A4", Size: layout.Size{W: 210, H: 297}}
	landscape := layout.Paper{Name: "A4", Size: layout.Size{W: 297, H: 210}}
	square := layout.Paper{Size: layout.Size{W: 200, H: 200}}
	front := geom.R(30, 23.5, 70, 120)
	tests := []struct {
		name   string
		paper  layout.Paper
		duplex layout.Duplex
		want   geom.Rect
	}{
		// Long edge on portrait: x_back = 210 − 30 − 70 = 110, same y.
		{"portrait long", portrait, layout.DuplexLong, geom.R(110, 23.5, 70, 120)},
		// Short edge on portrait: y_back = 297 − 23.5 − 120 = 153.5, same x.
		{"portrait short", portrait, layout.DuplexShort, geom.R(30, 153.5, 70, 120)},
		// No duplex unit: the stack is turned as for a long-edge flip.
		{"portrait none", portrait, layout.DuplexNone, geom.R(110, 23.5, 70, 120)},
		// Landscape: the long edge is horizontal, so long mirrors top-bottom:
		// y_back = 210 − 23.5 − 120 = 66.5.
		{"landscape long", landscape, layout.DuplexLong, geom.R(30, 66.5, 70, 120)},
		// and short mirrors left-right: x_back = 297 − 30 − 70 = 197.
		{"landscape short", landscape, layout.DuplexShort, geom.R(197, 23.5, 70, 120)},
		{"landscape none", landscape, layout.DuplexNone, geom.R(30, 66.5, 70, 120)},
		// A square sheet is not landscape: long mirrors left-right.
		{"square long", square, layout.DuplexLong, geom.R(100, 23.5, 70, 120)},
		{"square short", square, layout.DuplexShort, geom.R(30, 56.5, 70, 120)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &layout.Spec{Paper: tt.paper, Card: layout.Size{W: 70, H: 120}, Duplex: tt.duplex}
			got := s.BackOf(front)
			if !got.Equal(tt.want) {
				t.Errorf("BackOf(%v) = %v; want %v", front, got, tt.want)
			}
			// Turning the sheet twice brings the card back.
			if again := s.BackOf(got); !again.Equal(front) {
				t.Errorf("BackOf(BackOf(%v)) = %v; want the front", front, again)
			}
		})
	}
}

func TestBackOfA4Slots(t *testing.T) {
	s := loadBuiltin(t, "a4.yaml")
	tests := []struct {
		c, r int
		back geom.Rect
	}{
		// Front columns A B become B A on the back: x_back = 210 − x − 70.
		{0, 0, geom.R(110, 23.5, 70, 120)},
		{1, 0, geom.R(30, 23.5, 70, 120)},
		{0, 1, geom.R(110, 153.5, 70, 120)},
		{1, 1, geom.R(30, 153.5, 70, 120)},
	}
	for _, tt := range tests {
		front := s.Slot(tt.c, tt.r)
		got := s.BackOf(front)
		if !got.Equal(tt.back) {
			t.Errorf("BackOf(Slot(%d, %d) = %v) = %v; want %v", tt.c, tt.r, front, got, tt.back)
		}
		if !near(got.X, 210-front.X-70) || !near(got.Y, front.Y) {
			t.Errorf("BackOf(%v) = %v; want x = 210 − x − 70, same y", front, got)
		}
		// The back lands on the mirrored slot of the same grid.
		if mirrored := s.Slot(1-tt.c, tt.r); !got.Equal(mirrored) {
			t.Errorf("BackOf(Slot(%d, %d)) = %v; want Slot(%d, %d) = %v", tt.c, tt.r, got, 1-tt.c, tt.r, mirrored)
		}
	}
}

func TestPaperAndOrientation(t *testing.T) {
	tests := []struct {
		name  string
		paper string // the paper: and orientation: lines
		want  layout.Paper
	}{
		{"A4", "paper: A4", layout.Paper{Name: "A4", Size: layout.Size{W: 210, H: 297}}},
		{"lower case", "paper: a4", layout.Paper{Name: "A4", Size: layout.Size{W: 210, H: 297}}},
		{"A3", "paper: A3", layout.Paper{Name: "A3", Size: layout.Size{W: 297, H: 420}}},
		{"A4 landscape", "paper: A4\norientation: landscape", layout.Paper{Name: "A4", Size: layout.Size{W: 297, H: 210}}},
		{"A4 portrait", "paper: A4\norientation: portrait", layout.Paper{Name: "A4", Size: layout.Size{W: 210, H: 297}}},
		{"Letter", "paper: letter", layout.Paper{Name: "Letter", Size: layout.Size{W: 215.9, H: 279.4}}},
		{"Legal", "paper: Legal", layout.Paper{Name: "Legal", Size: layout.Size{W: 215.9, H: 355.6}}},
		{"Tabloid landscape", "paper: Tabloid\norientation: landscape", layout.Paper{Name: "Tabloid", Size: layout.Size{W: 431.8, H: 279.4}}},
		{"custom", "paper:\n  width: 250\n  height: 300", layout.Paper{Size: layout.Size{W: 250, H: 300}}},
		{"custom landscape stays", "paper:\n  width: 300\n  height: 250", layout.Paper{Size: layout.Size{W: 300, H: 250}}},
		{"custom turned portrait", "paper:\n  width: 300\n  height: 250\norientation: portrait", layout.Paper{Size: layout.Size{W: 250, H: 300}}},
		{"named in a mapping", "paper:\n  name: A5", layout.Paper{Name: "A5", Size: layout.Size{W: 148, H: 210}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "name: p\n" + tt.paper + "\ncard:\n  width: 60\n  height: 90\nbleed: 2\nsafe: 3\nmargin: 5\ngrid:\n  columns: 1\n  rows: 1\n"
			s, err := layout.Parse("p.yaml", []byte(src))
			if err != nil {
				t.Fatalf("Parse:\n%s\n%v", src, err)
			}
			if s.Paper != tt.want {
				t.Errorf("paper = %+v; want %+v", s.Paper, tt.want)
			}
		})
	}
}

// TestFitBoundary: a 2 × 1 grid of 70 × 120 cards with 3 mm bleed and a
// 10 mm gap needs 156 × 126 mm; with a 5 mm margin the paper must be at
// least 166 × 136 mm.
func TestFitBoundary(t *testing.T) {
	tests := []struct {
		w, h float64
		ok   bool
	}{
		{166, 136, true},
		{166.1, 136.1, true},
		{165.9, 136, false},
		{166, 135.9, false},
		{500, 135.99, false},
	}
	for _, tt := range tests {
		src := "name: b\npaper:\n  width: " + strconv.FormatFloat(tt.w, 'f', -1, 64) + "\n  height: " + strconv.FormatFloat(tt.h, 'f', -1, 64) +
			"\ncard:\n  width: 70\n  height: 120\nbleed: 3\nsafe: 4\nmargin: 5\ngrid:\n  columns: 2\n  rows: 1\ngap: 10\n"
		s, err := layout.Parse("b.yaml", []byte(src))
		if (err == nil) != tt.ok {
			t.Errorf("paper %v × %v: err = %v; want ok = %v", tt.w, tt.h, err, tt.ok)
			continue
		}
		if err != nil {
			l := problems(t, err)
			if len(l) != 1 || l[0].Field != "grid" || l[0].Line != 12 {
				t.Errorf("paper %v × %v: problems %#v; want one on line 12, field grid", tt.w, tt.h, l)
			}
			continue
		}
		for c := range 2 {
			if b := s.Slot(c, 0).Outset(s.Bleed); !s.Printable().Contains(b) {
				t.Errorf("paper %v × %v: card %d bleed %v outside %v", tt.w, tt.h, c, b, s.Printable())
			}
		}
	}
}

func TestMMAndStrings(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{210, "210"}, {215.9, "215.9"}, {3.175, "3.175"}, {0, "0"}, {23.5, "23.5"}} {
		if got := layout.MM(tt.v); got != tt.want {
			t.Errorf("MM(%v) = %q; want %q", tt.v, got, tt.want)
		}
	}
	a4, tarot := loadBuiltin(t, "a4.yaml"), loadBuiltin(t, "tarot.yaml")
	if got, want := a4.Paper.String(), "A4 210 × 297 mm"; got != want {
		t.Errorf("Paper.String() = %q; want %q", got, want)
	}
	if got, want := tarot.Paper.String(), "76 × 126 mm"; got != want {
		t.Errorf("Paper.String() = %q; want %q", got, want)
	}
	if got := a4.HowToPrint(layout.BothFaces); !strings.Contains(got, "flip on the long edge") || !strings.Contains(got, "100 %") {
		t.Errorf("a4 HowToPrint() = %q; want the long edge and 100 %%", got)
	}
	if got := tarot.HowToPrint(layout.BothFaces); !strings.Contains(got, "70 × 120 mm cards with 3 mm bleed, TrimBox set") {
		t.Errorf("tarot HowToPrint() = %q", got)
	}
	if layout.Front.String() != "front" || layout.Back.String() != "back" {
		t.Errorf("Side strings = %q, %q", layout.Front, layout.Back)
	}
}

// want is one expected problem: its line, column (0: any), field, and
// substrings of its message and hint.
type want struct {
	line, col int
	field     string
	msg, hint string
	exactMsg  bool
}

func problems(t *testing.T, err error) diag.List {
	t.Helper()
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("error %T %v is not a diag.List", err, err)
	}
	return l
}

func checkProblems(t *testing.T, file string, err error, wants []want) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %d problems", len(wants))
	}
	l := problems(t, err)
	if len(l) != len(wants) {
		t.Errorf("%d problems; want %d:\n%v", len(l), len(wants), err)
	}
	for i, w := range wants {
		if i >= len(l) {
			t.Errorf("missing problem %d: line %d field %q %q", i, w.line, w.field, w.msg)
			continue
		}
		p := l[i]
		if p.File != file || p.Line != w.line || (w.col != 0 && p.Column != w.col) || p.Field != w.field {
			t.Errorf("problem %d at %s:%d:%d field %q; want %s:%d:%d field %q\n(%v)", i, p.File, p.Line, p.Column, p.Field, file, w.line, w.col, w.field, p)
		}
		if w.exactMsg && p.Msg != w.msg || !strings.Contains(p.Msg, w.msg) {
			t.Errorf("problem %d message %q; want %q", i, p.Msg, w.msg)
		}
		if !strings.Contains(p.Hint, w.hint) {
			t.Errorf("problem %d hint %q; want it to contain %q", i, p.Hint, w.hint)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		wants []want
	}{
		{"typo bleeed", `name: typo
paper: A4
card:
  width: 70
  height: 120
bleeed: 3
safe: 4
margin: 5
grid:
  columns: 2
  rows: 2
gap: 10
`, []want{
			// A misspelt field is not also reported missing.
			{line: 6, col: 1, field: "bleeed", msg: "unknown field", exactMsg: true, hint: `did you mean "bleed"?`},
		}},
		{"typo in a nested field", `name: typo
paper: A4
card:
  width: 70
  heigth: 120
bleed: 3
safe: 4
margin: 5
grid:
  columns: 1
  rows: 1
marks:
  style: crop
  lenght: 5
`, []want{
			{line: 5, col: 3, field: "card.heigth", msg: "unknown field", hint: `did you mean "height"?`},
			{line: 14, col: 3, field: "marks.lenght", msg: "unknown field", hint: `did you mean "length"?`},
		}},
		{"gap smaller than twice the bleed", `name: gap
paper: A4
card:
  width: 70
  height: 120
bleed: 3
safe: 4
margin: 5
grid:
  columns: 2
  rows: 2
gap: 4
`, []want{
			{line: 12, col: 6, field: "gap", msg: "the gap (4 mm) is smaller than twice the bleed (6 mm): neighbouring cards' bleeds would overlap", exactMsg: true, hint: "set gap to at least 6"},
		}},
		{"too wide", `name: wide
paper: A4
card:
  width: 70
  height: 120
bleed: 3
safe: 4
margin: 5
grid:
  columns: 3
  rows: 2
gap: 10
`, []want{
			{line: 10, col: 3, field: "grid", msg: "3 × 2 cards of 70 × 120 mm with 3 mm bleed and 10 mm gaps need 236 × 256 mm, more than the 200 × 287 mm the paper leaves inside its 5 mm margin", exactMsg: true, hint: "use fewer columns or rows"},
		}},
		{"too tall", `name: tall
paper: A4
card:
  width: 70
  height: 120
bleed: 3
safe: 4
margin: 5
grid:
  columns: 2
  rows: 3
gap: 10
`, []want{
			{line: 10, col: 3, field: "grid", msg: "need 156 × 386 mm, more than the 200 × 287 mm", hint: "larger paper"},
		}},
		{"margin eats the sheet", `name: margin
paper:
  width: 76
  height: 126
card:
  width: 70
  height: 120
bleed: 3
safe: 4
margin: 1
grid:
  columns: 1
  rows: 1
`, []want{
			// One card per sheet: the card is what does not fit, not the grid.
			{line: 6, col: 3, field: "card", msg: "a 70 × 120 mm card with 3 mm bleed needs 76 × 126 mm, more than the 74 × 124 mm the paper leaves inside its 1 mm margin", hint: "use larger paper"},
		}},
		{"negative sizes", `name: neg
paper: A4
card:
  width: -70
  height: 120
bleed: -3
safe: 4
margin: -1
grid:
  columns: 2
  rows: 2
gap: 10
`, []want{
			{line: 4, col: 10, field: "card.width", msg: "the card width must be from 30 to 2000 mm, not -70", exactMsg: true, hint: "at least 30 mm each way"},
			{line: 6, col: 8, field: "bleed", msg: "the bleed must be from 0 to 100 mm, not -3", exactMsg: true},
			{line: 8, col: 9, field: "margin", msg: "the printer margin must be from 0 to 100 mm, not -1", exactMsg: true},
		}},
		{"zero paper height", `name: zero
paper:
  width: 210
  height: 0
card:
  width: 70
  height: 120
bleed: 3
safe: 4
margin: 5
grid:
  columns: 1
  rows: 1
`, []want{
			{line: 4, col: 11, field: "paper.height", msg: "the paper height must be more than 0 and at most 2000 mm, not 0", exactMsg: true},
		}},
		{"unknown paper A44", `name: a44
paper: A44
card:
  width: 70
  height: 120
bleed: 3
safe: 4
margin: 5
grid:
  columns: 2
  rows: 2
gap: 10
`, []want{
			{line: 2, col: 8, field: "paper", msg: `unknown paper "A44"`, exactMsg: true, hint: `did you mean "A4"?`},
		}},
		{"wrong types", `name: types
paper: A4
card:
  width: 70
  height: 120
bleed: three
safe: 4mm
margin: 5
grid:
  columns: two
  rows: 2
gap: 10
trim_box: yes
duplex: lng
`, []want{
			{line: 6, col: 8, field: "bleed", msg: `expected a number, found "three"`, exactMsg: true, hint: "write digits"},
			{line: 7, col: 7, field: "safe", msg: `expected a number, found "4mm"`, exactMsg: true},
			{line: 10, col: 12, field: "grid.columns", msg: `expected a number, found "two"`, exactMsg: true},
			{line: 13, col: 11, field: "trim_box", msg: `expected true or false, found "yes"`, exactMsg: true},
			{line: 14, col: 9, field: "duplex", msg: `"lng" is not allowed`, exactMsg: true, hint: `did you mean "long"?`},
		}},
		{"YAML syntax error", `name: syntax
paper: A4
card: width: 70
bleed: 3
`, []want{
			{line: 3, col: 12, field: "", msg: "YAML syntax: two keys on one line (card: and width:)", exactMsg: true, hint: "write card: alone on its line and width: 70 on the next"},
		}},
		{"empty file", "", []want{
			{line: 0, field: "", msg: "the file is empty", exactMsg: true, hint: "cardgen layouts"},
		}},
		{"a list, not a mapping", "- a4\n- tarot\n", []want{
			{line: 1, col: 1, field: "", msg: "found a list"},
		}},
		{"given twice", `name: twice
paper: A4
paper: A3
card:
  width: 70
  height: 120
bleed: 3
safe: 4
margin: 5
grid:
  columns: 1
  rows: 1
`, []want{
			{line: 3, col: 1, field: "paper", msg: "given twice (first on line 2)", exactMsg: true, hint: "keep one"},
		}},
		{"grid counts", `name: counts
paper: A4
card:
  width: 70
  height: 120
bleed: 3
safe: 4
margin: 5
grid:
  columns: 0
  rows: 1.5
`, []want{
			{line: 10, col: 12, field: "grid.columns", msg: "columns must be a whole number from 1 to 100, not 0", exactMsg: true},
			{line: 11, col: 9, field: "grid.rows", msg: "rows must be a whole number from 1 to 100, not 1.5", exactMsg: true},
		}},
		{"safe margin leaves no room", `name: safe
paper: A4
card:
  width: 70
  height: 120
bleed: 3
safe: 35
margin: 5
grid:
  columns: 1
  rows: 1
`, []want{
			{line: 7, col: 7, field: "safe", msg: "a 35 mm safe margin leaves no room for text on a 70 × 120 mm card", exactMsg: true},
		}},
		{"trim box with a grid", `name: tb
paper: A4
card:
  width: 70
  height: 120
bleed: 3
safe: 4
margin: 5
grid:
  columns: 2
  rows: 2
gap: 10
trim_box: true
`, []want{
			{line: 13, col: 11, field: "trim_box", msg: "a TrimBox marks one card per page, but the grid has several", exactMsg: true, hint: "1 × 1"},
		}},
		{"bad marks", `name: marks
paper: A4
card:
  width: 70
  height: 120
bleed: 3
safe: 4
margin: 5
grid:
  columns: 1
  rows: 1
marks:
  style: crop
  length: 0
  offset: 25
  width: 3
`, []want{
			{line: 14, col: 11, field: "marks.length", msg: "the mark length must be more than 0 and at most 50 mm, not 0", exactMsg: true},
			{line: 15, col: 11, field: "marks.offset", msg: "the mark offset must be from 0 to 20 mm, not 25", exactMsg: true},
			{line: 16, col: 10, field: "marks.width", msg: "the mark width must be more than 0 and at most 2 mm, not 3", exactMsg: true},
		}},
		{"marks style", `name: marks
paper: A4
card:
  width: 70
  height: 120
bleed: 3
safe: 4
margin: 5
grid:
  columns: 1
  rows: 1
marks:
  style: corp
  length: 5
`, []want{
			{line: 13, col: 10, field: "marks.style", msg: `"corp" is not allowed`, exactMsg: true, hint: `did you mean "crop"?`},
		}},
		{"all problems at once", `name: many
paper: A44
orientation: sideways
card:
  width: 70
  height: 120
bleeed: 3
safe: three
margin: 5
grid:
  columns: 2
  rows: 2
gap: 10
marks:
  style: crop
  length: 5
  widht: 0.2
duplex: lng
order: fronts-first
`, []want{
			{line: 2, col: 8, field: "paper", msg: `unknown paper "A44"`, exactMsg: true, hint: `did you mean "A4"?`},
			{line: 3, col: 14, field: "orientation", msg: `"sideways" is not allowed`, exactMsg: true, hint: "portrait, landscape"},
			{line: 7, col: 1, field: "bleeed", msg: "unknown field", exactMsg: true, hint: `did you mean "bleed"?`},
			{line: 8, col: 7, field: "safe", msg: `expected a number, found "three"`, exactMsg: true},
			{line: 17, col: 3, field: "marks.widht", msg: "unknown field", exactMsg: true, hint: `did you mean "width"?`},
			{line: 18, col: 9, field: "duplex", msg: `"lng" is not allowed`, exactMsg: true, hint: `did you mean "long"?`},
			{line: 19, col: 8, field: "order", msg: `"fronts-first" is not allowed`, exactMsg: true, hint: "alternate"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := layout.Parse("bad.yaml", []byte(tt.src))
			if s != nil {
				t.Errorf("Parse returned a spec %+v with the error", *s)
			}
			checkProblems(t, "bad.yaml", err, tt.wants)
		})
	}
}

// TestParseErrorsTestdata loads a broken spec from a file, as a user would.
func TestParseErrorsTestdata(t *testing.T) {
	s, err := layout.LoadFile("testdata/broken.yaml")
	if s != nil {
		t.Fatalf("LoadFile returned a spec: %+v", *s)
	}
	checkProblems(t, "testdata/broken.yaml", err, []want{
		{line: 3, col: 8, field: "paper", msg: `unknown paper "Leter"`, exactMsg: true, hint: `did you mean "Letter"?`},
		{line: 7, col: 8, field: "bleed", msg: `expected a number, found "three"`, exactMsg: true},
		{line: 8, col: 1, field: "saef", msg: "unknown field", exactMsg: true, hint: `did you mean "safe"?`},
	})
	want := "testdata/broken.yaml:3:8: field \"paper\": unknown paper \"Leter\"; did you mean \"Letter\"?"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error text starts %q; want %q", strings.SplitN(err.Error(), "\n", 2)[0], want)
	}
}

// TestCrossChecksAlongsideOtherProblems: the package promises every problem
// at once, but the checks that compare numbers (gap against bleed, cards
// against the paper) only run when nothing else is wrong.
func TestCrossChecksAlongsideOtherProblems(t *testing.T) {
	src := `name: hidden
paper: A4
card:
  width: 70
  height: 120
bleed: 3
safe: -4
margin: 5
grid:
  columns: 3
  rows: 2
gap: 4
colour: red
`
	_, err := layout.Parse("bad.yaml", []byte(src))
	checkProblems(t, "bad.yaml", err, []want{
		{line: 7, col: 7, field: "safe", msg: "the safe margin must be from 0 to 100 mm, not -4", exactMsg: true},
		{line: 10, col: 3, field: "grid", msg: "3 × 2 cards of 70 × 120 mm"},
		{line: 12, col: 6, field: "gap", msg: "the gap (4 mm) is smaller than twice the bleed (6 mm)"},
		{line: 13, col: 1, field: "colour", msg: "unknown field", exactMsg: true},
	})
}

// TestBackOffsetChecked: an offset that pushes backs off the paper, or one
// on a print shop's layout, is a problem.
func TestBackOffsetChecked(t *testing.T) {
	a4, err := layouts.FS.ReadFile("a4.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tarot, _ := layouts.FS.ReadFile("tarot.yaml")
	for _, tt := range []struct{ name, src, msg string }{
		{"too far", string(a4) + "back_offset:\n  x: 40\n", "more than any printer shifts"},
		{"off the paper", string(a4) + "back_offset:\n  y: 19\n", "the backs leave the printable area"},
		{"print shop", string(tarot) + "back_offset:\n  x: 2\n", "need no back offset"},
	} {
		_, err := layout.Parse("o.yaml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), `field "back_offset"`) {
			t.Errorf("%s: err = %v; want %q on back_offset", tt.name, err, tt.msg)
		}
	}
	s, err := layout.Parse("o.yaml", append(a4, "back_offset:\n  x: 1.5\n  y: -0.5\n"...))
	if err != nil {
		t.Fatal(err)
	}
	// x_back = 210 − 30 − 70 + 1.5, y_back = 23.5 − 0.5.
	if got := s.BackOf(s.Slot(0, 0)); !got.Equal(geom.R(111.5, 23, 70, 120)) {
		t.Errorf("BackOf = %v", got)
	}
}

// TestNaNRejected: YAML lets a value be tagged as a float explicitly, and
// reads .nan as one; NaN compares false with everything, so range checks
// written as "v < lo || v > hi" would let it through. Each is one problem,
// at the field and line where it is written.
func TestNaNRejected(t *testing.T) {
	t.Parallel()
	const base = "name: nan\npaper: A4\ncard:\n  width: 70\n  height: 120\nmargin: 5\ngrid:\n  columns: 1\n  rows: 1\n"
	for _, tt := range []struct {
		field string // as the problem names it
		src   string // after base
		line  int
	}{
		{"safe", "bleed: 3\nsafe: !!float nan\n", 11},
		{"safe", "bleed: 3\nsafe: .nan\n", 11},
		{"bleed", "safe: 4\nbleed: !!float nan\n", 11},
		{"bleed", "safe: 4\nbleed: .NaN\n", 11},
		{"marks.length", "safe: 4\nbleed: 3\nmarks:\n  length: !!float nan\n", 13},
		{"marks.offset", "safe: 4\nbleed: 3\nmarks:\n  length: 5\n  offset: !!float nan\n", 14},
		{"marks.width", "safe: 4\nbleed: 3\nmarks:\n  length: 5\n  width: !!float nan\n", 14},
	} {
		s, err := layout.Parse("nan.yaml", []byte(base+tt.src))
		if err == nil {
			t.Errorf("%s: Parse accepted NaN: %+v", tt.field, *s)
			continue
		}
		checkProblems(t, "nan.yaml", err, []want{{line: tt.line, field: tt.field, msg: "is not a number"}})
	}
}

// TestFitMessageNumbers: when the cards miss the printable area by a little,
// the message must still show two different widths.
func TestFitMessageNumbers(t *testing.T) {
	src := "name: b\npaper:\n  width: 165.99\n  height: 500\ncard:\n  width: 70\n  height: 120\nbleed: 3\nsafe: 4\nmargin: 5\ngrid:\n  columns: 2\n  rows: 1\ngap: 10\n"
	_, err := layout.Parse("b.yaml", []byte(src))
	checkProblems(t, "b.yaml", err, []want{
		{line: 12, col: 3, field: "grid", msg: "need 156 × 126 mm, more than the 155.99 × 490 mm the paper leaves inside its 5 mm margin", exactMsg: false},
	})
}

// TestIndependentProblemsTogether: a wrong mark style does not hide a wrong
// mark length, nor a wrong card the gap's; each points at its own line.
func TestIndependentProblemsTogether(t *testing.T) {
	src := "name: lb\npaper: A4\ncard:\n  width: 70\n  height: -120\nbleed: 3\nsafe: 4\nmargin: 5\ngrid: {columns: 2, rows: 2}\ngap: 2\nmarks:\n  style: dotted\n  length: -1\n"
	_, err := layout.Parse("lb.yaml", []byte(src))
	for _, want := range []string{
		`lb.yaml:5:11: field "card.height"`,
		`lb.yaml:10:6: field "gap": the gap (2 mm) is smaller than twice the bleed`,
		`lb.yaml:12:10: field "marks.style"`,
		`lb.yaml:13:11: field "marks.length"`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in:\n%v", want, err)
		}
	}
}
