package layout_test

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
)

// TestOnlyPaperAndCard: paper: and card: are all a file needs; with A4 and
// tarot cards the defaults give exactly the built-in a4 layout, but for its
// name and description and the grid, which is computed (2 × 2 as well).
func TestOnlyPaperAndCard(t *testing.T) {
	got := mustParse(t, "mine.yaml", "paper: A4\ncard:\n  width: 70\n  height: 120\n")
	want := *loadBuiltin(t, "a4.yaml")
	want.Name, want.Description, want.GridGiven = "mine", "", false
	want.Source, want.FromFile, want.Stem = "mine.yaml", true, "mine"
	if *got != want {
		t.Errorf("paper and card only:\n %+v\nwant\n %+v", *got, want)
	}
}

// TestEachDefault: each field left out takes the value the README gives.
func TestEachDefault(t *testing.T) {
	s := mustParse(t, "d.yaml", "paper: A4\ncard: {width: 70, height: 120}\n")
	for _, c := range []struct {
		field     string
		got, want any
	}{
		{"name", s.Name, "d"},
		{"description", s.Description, ""},
		{"orientation", s.Orientation, "portrait"},
		{"bleed", s.Bleed, 3.0},
		{"safe", s.Safe, 4.0},
		{"margin", s.Margin, 5.0},
		// The most that fit: (210 − 10 − 6 + 10) / (70 + 10) = 2.55 across,
		// (297 − 10 − 6 + 10) / (120 + 10) = 2.24 down; a tighter gap or
		// bleed would hold no more.
		{"grid", [3]any{s.GridGiven, s.Columns, s.Rows}, [3]any{false, 2, 2}},
		{"gap", s.Gap, 10.0},
		{"marks", s.Marks, layout.Marks{Style: "crop", Length: 5, Offset: 0.5, Width: 0.2}},
		{"duplex", s.Duplex, layout.DuplexLong},
		{"order", s.Order, layout.Alternate},
		{"fold", s.Fold, layout.FoldNone},
		{"backs", s.Backs, layout.BacksDetails},
		{"trim_box", s.TrimBox, false},
		{"ink_saver", s.InkSaver, false},
		{"back_offset", s.BackOffset, geom.Point{}},
	} {
		if c.got != c.want {
			t.Errorf("%s defaults to %v; want %v", c.field, c.got, c.want)
		}
	}
}

// TestDerivedDefaults: the defaults that follow from other fields, and the
// short forms.
func TestDerivedDefaults(t *testing.T) {
	const head = "paper: A3\ncard: {width: 70, height: 120}\n"
	for _, tt := range []struct {
		name, extra string
		check       func(s *layout.Spec) bool
	}{
		{"gap is twice the bleed plus 4", "bleed: 1\n", func(s *layout.Spec) bool { return s.Gap == 6 }},
		{"gap with no bleed", "bleed: 0\n", func(s *layout.Spec) bool { return s.Gap == 4 }},
		{"duplex none puts fronts first", "duplex: none\n", func(s *layout.Spec) bool { return s.Order == layout.FrontsThenBacks }},
		{"unless order is given", "duplex: none\norder: alternate\n", func(s *layout.Spec) bool { return s.Order == layout.Alternate }},
		{"short edge alternates", "duplex: short\n", func(s *layout.Spec) bool { return s.Order == layout.Alternate }},
		{"a fold layout prints single-sided", "fold: vertical\n", func(s *layout.Spec) bool {
			return s.Duplex == layout.DuplexNone && s.Order == layout.FrontsThenBacks
		}},
		// The case: crop marks without a length.
		{"crop marks need no length", "marks:\n  style: crop\n", func(s *layout.Spec) bool {
			return s.Marks == layout.Marks{Style: "crop", Length: 5, Offset: 0.5, Width: 0.2}
		}},
		{"marks without a style are crop marks", "marks:\n  length: 3\n", func(s *layout.Spec) bool {
			return s.Marks == layout.Marks{Style: "crop", Length: 3, Offset: 0.5, Width: 0.2}
		}},
		{"marks: none is short for style: none", "marks: none\n", func(s *layout.Spec) bool { return s.Marks.Style == "none" }},
		{"marks: cut", "marks: cut\n", func(s *layout.Spec) bool { return s.Marks.Style == "cut" }},
		{"an empty name is the file's", "name: \"\"\n", func(s *layout.Spec) bool { return s.Name == "d" }},
		{"grid: auto computes", "grid: auto\n", func(s *layout.Spec) bool { return !s.GridGiven && s.Columns == 3 && s.Rows == 3 }},
		{"landscape", "orientation: landscape\n", func(s *layout.Spec) bool { return s.Paper.W == 420 && s.Orientation == "landscape" }},
		{"auto", "orientation: auto\n", func(s *layout.Spec) bool { return s.Paper.W == 420 && s.PerSheet() == 10 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := mustParse(t, "d.yaml", head+tt.extra)
			if !tt.check(s) {
				t.Errorf("%s:\n%+v", tt.extra, *s)
			}
		})
	}
}

// TestRequiredFields: only paper: and card: (and card's width: and height:)
// are missed.
func TestRequiredFields(t *testing.T) {
	_, err := layout.Parse("x.yaml", []byte("name: x\n"))
	checkProblems(t, "x.yaml", err, []want{
		{line: 1, col: 1, field: "paper", msg: "missing", exactMsg: true, hint: "add paper: A4"},
		{line: 1, col: 1, field: "card", msg: "missing", exactMsg: true, hint: "add card: with width: and height:"},
	})
	_, err = layout.Parse("x.yaml", []byte("paper: A4\ncard:\n  width: 63\n"))
	checkProblems(t, "x.yaml", err, []want{
		{line: 3, col: 3, field: "card.height", msg: "missing", exactMsg: true, hint: "add height: below card:"},
	})
	_, err = layout.Parse("x.yaml", []byte("paper: A4\ncard: {width: 63, height: 88}\ngrid:\n  rows: 2\n"))
	checkProblems(t, "x.yaml", err, []want{
		{line: 4, col: 3, field: "grid.columns", msg: "missing", exactMsg: true, hint: "grid: auto"},
	})
	_, err = layout.Parse("x.yaml", []byte("paper: A4\ncard: {width: 63, height: 88}\ngrid: 3\n"))
	checkProblems(t, "x.yaml", err, []want{
		{line: 3, col: 7, field: "grid", msg: `"3" is not a grid`, exactMsg: true, hint: "grid: auto"},
	})
}

// TestCardLargerThanPaper: a card that does not fit the paper is said in one
// line with both sizes, whatever else is missing or wrong in the file.
func TestCardLargerThanPaper(t *testing.T) {
	_, err := layout.Parse("big.yaml", []byte(`paper: A5
card:
  width: 300
  height: 400
bleeed: 3
safe: three
grid:
  columns: 2
marks: {style: dotted}
`))
	checkProblems(t, "big.yaml", err, []want{
		{line: 3, col: 3, field: "card", msg: "a 300 × 400 mm card does not fit on A5 148 × 210 mm paper", exactMsg: true, hint: "use larger paper or a smaller card"},
		{line: 5, col: 1, field: "bleeed", msg: "unknown field", hint: `did you mean "bleed"?`},
		{line: 6, col: 7, field: "safe", msg: `expected a number, found "three"`},
		{line: 8, col: 3, field: "grid.rows", msg: "missing"},
		{line: 9, col: 16, field: "marks.style", msg: `"dotted" is not allowed`},
	})
	if n := strings.Count(err.Error(), "300 × 400"); n != 1 {
		t.Errorf("the sizes are given %d times; want once:\n%v", n, err)
	}
	// Turned, it would fit: say so.
	_, err = layout.Parse("wide.yaml", []byte("paper: A4\ncard: {width: 250, height: 150}\n"))
	checkProblems(t, "wide.yaml", err, []want{
		{line: 2, col: 7, field: "card", msg: "a 250 × 150 mm card does not fit on A4 210 × 297 mm paper", exactMsg: true, hint: "orientation: landscape"},
	})
	_, err = layout.Parse("auto.yaml", []byte("paper: A4\norientation: auto\ncard: {width: 250, height: 250}\n"))
	checkProblems(t, "auto.yaml", err, []want{
		{line: 3, col: 7, field: "card", msg: "a 250 × 250 mm card does not fit on A4 210 × 297 mm paper, either way round", exactMsg: true},
	})
	// On the paper but not inside its margins: the sizes with bleed and margin.
	_, err = layout.Parse("m.yaml", []byte("paper: A4\ncard: {width: 205, height: 290}\n"))
	checkProblems(t, "m.yaml", err, []want{
		{line: 2, col: 7, field: "card", msg: "no 205 × 290 mm card with 3 mm bleed fits inside the 5 mm margin of A4 210 × 297 mm paper", exactMsg: true},
	})
}

func TestFileLabel(t *testing.T) {
	mine := mustParse(t, "some/dir/mine.yaml", "name: a4\npaper: A4\ncard: {width: 70, height: 120}\n")
	if mine.Name != "a4" || !mine.FromFile || mine.Stem != "mine" || mine.FileLabel() != "mine" {
		t.Errorf("mine.yaml named a4: name %q, from file %v, stem %q, label %q; want a4, true, mine, mine", mine.Name, mine.FromFile, mine.Stem, mine.FileLabel())
	}
	// A file called like a built-in never takes the built-in's file name.
	copied := mustParse(t, "A4.yaml", "paper: A4\ncard: {width: 70, height: 120}\n")
	if copied.Name != "A4" || copied.FileLabel() != "A4-custom" {
		t.Errorf("A4.yaml: name %q, label %q; want A4, A4-custom", copied.Name, copied.FileLabel())
	}
	b, err := layout.Builtin("a4")
	if err != nil || b.FromFile || b.Stem != "a4" || b.FileLabel() != "a4" {
		t.Errorf("built-in a4: %v, from file %v, stem %q, label %q", err, b.FromFile, b.Stem, b.FileLabel())
	}
	if _, err := layout.Builtin("a44"); err == nil || !strings.Contains(err.Error(), "a3, a4") {
		t.Errorf("Builtin(a44) = %v", err)
	}
}

// TestBase: base: starts from a built-in or another file, and the file
// overrides only what it writes.
func TestBase(t *testing.T) {
	a4, poker, tarot := loadBuiltin(t, "a4.yaml"), loadBuiltin(t, "a4-poker.yaml"), loadBuiltin(t, "tarot.yaml")
	for _, tt := range []struct {
		name, src string
		want      func(s *layout.Spec) // changes a copy of base
		base      *layout.Spec
	}{
		{"only what differs", "base: a4\nduplex: short\n", func(s *layout.Spec) { s.Duplex = layout.DuplexShort }, a4},
		{"marks merge field by field", "base: a4-poker\nmarks:\n  length: 3\n", func(s *layout.Spec) { s.Marks.Length = 3 }, poker},
		{"marks: none keeps the rest", "base: a4-poker\nmarks: none\n", func(s *layout.Spec) { s.Marks.Style = "none" }, poker},
		// A new card: a4's grid is computed again (2 × 2 as well).
		{"card merges", "base: a4\ncard:\n  height: 110\n", func(s *layout.Spec) { s.Card.H, s.GridGiven = 110, false }, a4},
		{"the same card keeps the grid", "base: a4\ncard: {width: 70, height: 120}\n", func(s *layout.Spec) {}, a4},
		{"grid merges", "base: a4\ngrid:\n  columns: 1\n", func(s *layout.Spec) { s.Columns = 1 }, a4},
		{"grid: auto computes again", "base: a4\ncard: {width: 63, height: 88}\ngrid: auto\n", func(s *layout.Spec) {
			s.Card, s.GridGiven, s.Columns, s.Rows, s.Bleed, s.Gap = layout.Size{W: 63, H: 88}, false, 3, 3, 1.5, 3
		}, a4},
		{"paper is replaced whole", "base: tarot\npaper: A4\n", func(s *layout.Spec) {
			s.Paper = layout.Paper{Name: "A4", Size: layout.Size{W: 210, H: 297}}
		}, tarot},
		{"the derived defaults follow", "base: a4\nbleed: 1\nduplex: none\n", func(s *layout.Spec) {
			s.Bleed, s.Gap, s.Duplex, s.Order = 1, 6, layout.DuplexNone, layout.FrontsThenBacks
		}, a4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := mustParse(t, "child.yaml", tt.src)
			want := *tt.base
			tt.want(&want)
			// name: and description: are the file's own.
			want.Name, want.Description, want.Source, want.FromFile, want.Stem = "child", "", "child.yaml", true, "child"
			if *got != want {
				t.Errorf("%s\n got %+v\nwant %+v", tt.src, *got, want)
			}
		})
	}
}

// TestBaseFiles: a base given by path, relative to the file that names it,
// through a chain; problems name the file where each field is written.
func TestBaseFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"common.yaml":     "base: a4-poker\nname: common\ndescription: ours\nduplex: short\n",
		"sub/child.yaml":  "base: ../common.yaml\nink_saver: true\n",
		"sub/broken.yaml": "base: ../bad.yaml\n",
		"bad.yaml":        "paper: A4\ncard: {width: 63, height: 88}\nbleed: three\n",
		"narrow.yaml":     "paper: A4\ncard: {width: 63, height: 88}\ngrid: {columns: 3, rows: 3}\nbleed: 1\ngap: 2\n",
		"wider.yaml":      "base: narrow.yaml\nbleed: 1.5\n",
		"a.yaml":          "base: b.yaml\n",
		"b.yaml":          "base: ./a.yaml\n",
		"self.yaml":       "base: self.yaml\n",
		"lost.yaml":       "base: ./nowhere.yaml\n",
		"typo.yaml":       "base: a44\n",
		"inherit.yaml":    "base: a4-poker\nbleed: 3\n",
	})
	s, err := layout.LoadFile(filepath.Join(dir, "sub/child.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := *loadBuiltin(t, "a4-poker.yaml")
	want.Duplex, want.InkSaver = layout.DuplexShort, true
	want.Name, want.Description, want.Source, want.FromFile, want.Stem = "child", "", filepath.Join(dir, "sub/child.yaml"), true, "child"
	if *s != want {
		t.Errorf("child of common of a4-poker:\n got %+v\nwant %+v", *s, want)
	}

	for _, tt := range []struct {
		file  string
		wants []where
	}{
		// A problem in a base is reported in the base, and the child is not
		// said to miss what the base failed to give.
		{"sub/broken.yaml", []where{{"bad.yaml", 3, 8, "bleed", `expected a number, found "three"`, ""}}},
		// A check that fails on a field from a base file points at that file.
		{"wider.yaml", []where{{"narrow.yaml", 5, 6, "gap", "the gap (2 mm) is smaller than twice the bleed (3 mm)", "set gap to at least 3"}}},
		// From a built-in: at the base: line, saying where the value comes from.
		{"inherit.yaml", []where{
			{"inherit.yaml", 1, 7, "gap", "the gap (3 mm) is smaller than twice the bleed (6 mm)", "gap comes from the built-in layout a4-poker: write gap: in this file to change it"},
		}},
		{"a.yaml", []where{{"b.yaml", 1, 7, "base", "these layouts start from one another in a circle: " + filepath.Join(dir, "a.yaml") + " → " + filepath.Join(dir, "b.yaml") + " → " + filepath.Join(dir, "a.yaml"), "remove base:"}}},
		{"self.yaml", []where{{"self.yaml", 1, 7, "base", "in a circle", ""}}},
		{"lost.yaml", []where{{"lost.yaml", 1, 7, "base", "cannot read the base layout " + filepath.Join(dir, "nowhere.yaml") + ": no such file or directory", "a path relative to this file's folder"}}},
		{"typo.yaml", []where{{"typo.yaml", 1, 7, "base", `unknown layout "a44": did you mean "a4"?`, "the built-in layouts are a3, a4,"}}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			_, err := layout.LoadFile(filepath.Join(dir, tt.file))
			if err == nil {
				t.Fatal("no error")
			}
			l := problems(t, err)
			if len(l) != len(tt.wants) {
				t.Errorf("%d problems; want %d:\n%v", len(l), len(tt.wants), err)
			}
			for i, w := range tt.wants {
				if i >= len(l) {
					break
				}
				p := l[i]
				if p.File != filepath.Join(dir, w.file) || p.Line != w.line || p.Column != w.col || p.Field != w.field ||
					!strings.Contains(p.Msg, w.msg) || !strings.Contains(p.Hint, w.hint) {
					t.Errorf("problem %d:\n %v\nwant at %s:%d:%d field %q: %q; %q", i, p, w.file, w.line, w.col, w.field, w.msg, w.hint)
				}
			}
		})
	}
}

// TestBaseChainLimit: a chain of bases longer than MaxBases stops with a
// message, not a stack overflow.
func TestBaseChainLimit(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"f0.yaml": "paper: A4\ncard: {width: 70, height: 120}\n"}
	for i := 1; i <= layout.MaxBases+2; i++ {
		files["f"+itoa(i)+".yaml"] = "base: f" + itoa(i-1) + ".yaml\n"
	}
	write(t, dir, files)
	if _, err := layout.LoadFile(filepath.Join(dir, "f"+itoa(layout.MaxBases)+".yaml")); err != nil {
		t.Errorf("a chain of %d bases: %v", layout.MaxBases, err)
	}
	_, err := layout.LoadFile(filepath.Join(dir, "f"+itoa(layout.MaxBases+2)+".yaml"))
	if err == nil || !strings.Contains(err.Error(), "more than 10 layouts in a row start from one another") {
		t.Errorf("a chain of %d bases: %v", layout.MaxBases+2, err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// where is an expected problem: its file (in the test's folder), line,
// column and field, and parts of its message and hint.
type where struct {
	file      string
	line, col int
	field     string
	msg, hint string
}

// TestShowRoundTrip: YAML writes every built-in, and specs that use every
// field, as a file that loads back as the same spec, and writing that again
// gives the same bytes.
func TestShowRoundTrip(t *testing.T) {
	specs := map[string]*layout.Spec{}
	for _, name := range []string{"a3", "a4", "a4-fold", "a4-poker", "letter", "letter-fold", "letter-poker", "poker", "tarot"} {
		specs[name] = loadBuiltin(t, name+".yaml")
	}
	for name, src := range map[string]string{
		"custom paper, turned":  "name: 'x: #1'\ndescription: \"quotes \\\" and\\nnew lines\"\npaper: {width: 300, height: 250}\norientation: portrait\ncard: {width: 63.5, height: 88.9}\nbleed: 3.175\n",
		"named paper, resized":  "paper: {name: A4, width: 200, height: 280}\ncard: {width: 70, height: 120}\nmarks: cut\nbacks: common\nink_saver: true\n",
		"auto on custom":        "paper: {width: 500, height: 300}\norientation: auto\ncard: {width: 88, height: 63}\nmarks: {style: none}\n",
		"fold vertical, offset": "paper: A4\norientation: landscape\ncard: {width: 63, height: 88}\nfold: vertical\n",
		"offset and order":      "paper: A4\ncard: {width: 63, height: 88}\nback_offset: {x: 0.7, y: -0.35}\nduplex: none\norder: alternate\ndescription: yes\n",
	} {
		specs[name] = mustParse(t, "custom.yaml", src)
	}
	for name, s := range specs {
		t.Run(name, func(t *testing.T) {
			out := s.YAML("a header\n\nwith a blank line")
			back, err := layout.Parse("shown.yaml", out)
			if err != nil {
				t.Fatalf("the shown spec does not load:\n%s\n%v", out, err)
			}
			got, want := *back, *s
			got.Source, got.FromFile, got.Stem = "", false, ""
			want.Source, want.FromFile, want.Stem = "", false, ""
			if got != want {
				t.Errorf("shown and loaded back:\n got %+v\nwant %+v\n%s", got, want, out)
			}
			if again := back.YAML("a header\n\nwith a blank line"); string(again) != string(out) {
				t.Errorf("shown twice differs:\n%s\n---\n%s", out, again)
			}
			if !strings.HasPrefix(string(out), "# a header\n#\n# with a blank line\n\n") {
				t.Errorf("header:\n%s", out)
			}
		})
	}
}

func TestLeadingComment(t *testing.T) {
	got := layout.LeadingComment([]byte("# one\n#\n#  two\r\nname: x\n# not this\n"))
	if want := "one\n\n two"; got != want {
		t.Errorf("LeadingComment = %q; want %q", got, want)
	}
}

// TestSmallCardDefaults: a file that gives neither bleed nor gap gets a
// tighter gap, then a tighter bleed, when that holds more cards: poker cards
// on A4 as many as a4-poker holds, not tarot cards' 2 × 2.
func TestSmallCardDefaults(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, src        string
		bleed, gap       float64
		columns, rows    int
		given, landscape bool
	}{
		// 3 × 63 + 2 × 3 + 2 × 1.5 = 198 mm of the 200 inside the margins.
		{"poker cards on A4", "paper: A4\ncard: {width: 63, height: 88}\n", 1.5, 3, 3, 3, false, false},
		// Four rows of 63 mm with 6 mm gaps: 276 mm of 287; with 10 mm
		// gaps only three.
		{"landscape cards from a4", "base: a4\ncard: {width: 88, height: 63}\n", 3, 6, 2, 4, false, false},
		{"a grid the file gives stays", "base: a4\ncard: {width: 88, height: 63}\ngrid: {columns: 2, rows: 3}\n", 3, 10, 2, 3, true, false},
		{"a given grid gets the roomiest spacing that holds it", "paper: A4\ncard: {width: 63, height: 88}\ngrid: {columns: 3, rows: 2}\n", 1.5, 3, 3, 2, true, false},
		{"tarot cards keep room for marks", "paper: A3\norientation: auto\ncard: {width: 70, height: 120}\n", 3, 10, 5, 2, false, true},
		{"a bleed given keeps its gap", "paper: A4\ncard: {width: 63, height: 88}\nbleed: 1.5\n", 1.5, 7, 2, 3, false, false},
		{"a narrow gap narrows the bleed", "paper: A4\ncard: {width: 63, height: 88}\ngap: 3\n", 1.5, 3, 3, 3, false, false},
		{"a wide gap keeps the bleed", "paper: A4\ncard: {width: 63, height: 88}\ngap: 8\n", 3, 8, 2, 3, false, false},
		// The grid follows a new paper or orientation too.
		{"a4 on A3", "base: a4\npaper: A3\n", 3, 10, 3, 3, false, false},
		{"a4 turned", "base: a4\norientation: landscape\n", 3, 10, 3, 1, false, true},
		// a4-poker's own bleed and gap, its grid computed for the new card.
		{"a4-poker with larger cards", "base: a4-poker\ncard: {width: 70, height: 90}\n", 1.5, 3, 2, 3, false, false},
		// A print shop's layout keeps one face per page.
		{"tarot's page for another card", "base: tarot\npaper: {width: 66, height: 96}\ncard: {width: 60, height: 90}\n", 3, 10, 1, 1, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := mustParse(t, "d.yaml", tt.src)
			got := fmt.Sprintf("bleed %v, gap %v, %d × %d, given %v, landscape %v", s.Bleed, s.Gap, s.Columns, s.Rows, s.GridGiven, s.Paper.Landscape())
			want := fmt.Sprintf("bleed %v, gap %v, %d × %d, given %v, landscape %v", tt.bleed, tt.gap, tt.columns, tt.rows, tt.given, tt.landscape)
			if got != want {
				t.Errorf("%s\n got %s\nwant %s", tt.src, got, want)
			}
			// What layouts --show prints loads back as the same spec.
			again := mustParse(t, "d.yaml", string(s.YAML("")))
			if *again != *s {
				t.Errorf("--show does not load back:\n got %+v\nwant %+v", *again, *s)
			}
		})
	}
}

// TestBuiltinGrids: the rules that compute a grid again leave every built-in
// layout as it was: the same grid, given or computed, bleed and gap.
func TestBuiltinGrids(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"a3":           "10 = 5 × 2 computed, bleed 3, gap 10",
		"a4":           "4 = 2 × 2 given, bleed 3, gap 10",
		"a4-fold":      "2 = 2 × 1 computed, bleed 3, gap 10",
		"a4-poker":     "9 = 3 × 3 given, bleed 1.5, gap 3",
		"letter":       "4 = 2 × 2 given, bleed 3, gap 10",
		"letter-fold":  "2 = 2 × 1 computed, bleed 3, gap 10",
		"letter-poker": "9 = 3 × 3 given, bleed 0, gap 0",
		"poker":        "1 = 1 × 1 given, bleed 3, gap 10",
		"tarot":        "1 = 1 × 1 given, bleed 3, gap 10",
	}
	for name, w := range want {
		s, err := layout.Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		how := "computed"
		if s.GridGiven {
			how = "given"
		}
		if got := fmt.Sprintf("%d = %d × %d %s, bleed %v, gap %v", s.PerSheet(), s.Columns, s.Rows, how, s.Bleed, s.Gap); got != w {
			t.Errorf("%s: %s; want %s", name, got, w)
		}
	}
}

// TestHowToCut: the printing instructions name the marks the sheet has.
func TestHowToCut(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ src, want, not string }{
		{"base: a4\n", "cut along the crop marks", "dashed"},
		{"base: a4\nmarks: {style: cut}\n", "cut along the dashed lines", "crop marks"},
		{"base: a4\nmarks: none\n", "cut each card to 70 × 120 mm, 3 mm inside its coloured edge (no marks are printed)", "crop marks"},
		{"base: letter-poker\nmarks: none\n", "cut each card to 63.5 × 88.9 mm, along its edges", "crop marks"},
		{"base: a4-fold\nmarks: cut\n", "cut along the dashed lines", "crop marks"},
	} {
		s := mustParse(t, "m.yaml", tt.src)
		for _, faces := range []layout.Faces{layout.BothFaces, layout.FrontsOnly} {
			got := s.HowToPrint(faces)
			if !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) {
				t.Errorf("%s(faces %v): %q; want %q, without %q", tt.src, faces, got, tt.want, tt.not)
			}
		}
	}
	// The fold line is not one of the dashed cut lines.
	s := mustParse(t, "m.yaml", "base: a4-fold\nmarks: cut\n")
	if got, want := s.HowToPrint(layout.BothFaces), "fold it along the grey dash-dotted line, glue, then cut along the dashed lines"; !strings.HasSuffix(got, want) {
		t.Errorf("fold with cut lines: %q; want it to end with %q", got, want)
	}
}
