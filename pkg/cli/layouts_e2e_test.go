package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/cli"
	"github.com/cardgen/cardgen/pkg/impose"
)

// TestEveryBuiltinLayout builds the default deck with every built-in layout
// and reads it back: page count and sizes to 0.01 mm, fonts embedded and
// subset, and for print-shop layouts a TrimBox of the card size, bleed in
// from every edge.
func TestEveryBuiltinLayout(t *testing.T) {
	t.Parallel()
	for _, name := range layouts.Names() {
		t.Run(name, func(t *testing.T) {
			spec, err := build.LoadLayout(name)
			if err != nil {
				t.Fatal(err)
			}
			built := defaultPDF(t, name)
			if !strings.Contains(built.stdout, "20 cards") {
				t.Errorf("stdout: %s", built.stdout)
			}
			pdf := readPDF(t, built.data)
			pages := len(impose.Impose(spec, 20).Pages)
			checkPages(t, pdf, pages, spec.Paper.W, spec.Paper.H)
			checkFonts(t, pdf)
			if spec.TrimBox {
				for i, b := range pdf.boxes {
					tb := b.Trim.Rect
					if !near(tb.LL.X, spec.Bleed) || !near(tb.LL.Y, spec.Bleed) || !near(tb.Width(), spec.Card.W) || !near(tb.Height(), spec.Card.H) {
						t.Errorf("page %d: TrimBox %s", i+1, rectMM(tb))
					}
				}
			}
		})
	}
}

func TestPrintFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// --split: fronts and backs in two files, 5 pages each on a4.
	r := mustRun(t, nil, "build", "--split", "--out", dir)
	for _, part := range []string{"fronts", "backs"} {
		pdf := readFile(t, filepath.Join(dir, "personas-a4-"+part+".pdf"))
		checkPages(t, readPDF(t, pdf), 5, 210, 297)
		// The fronts file holds fronts only, the backs file backs only.
		var text strings.Builder
		for _, lines := range pdfLines(t, pdf) {
			text.WriteString(strings.Join(lines, "\n"))
		}
		hasBacks := strings.Contains(text.String(), "Conditions de travail")
		hasFronts := strings.Contains(text.String(), "Extractrice de terres rares")
		if (part == "fronts") != hasFronts || (part == "backs") != hasBacks {
			t.Errorf("%s file: fronts %v, backs %v", part, hasFronts, hasBacks)
		}
		if !strings.Contains(r.stdout, "personas-a4-"+part+".pdf: 20 cards, 5 pages") {
			t.Errorf("stdout lacks the %s file:\n%s", part, r.stdout)
		}
	}
	// --faces fronts on tarot: 20 pages, one per card.
	out := filepath.Join(dir, "fronts.pdf")
	mustRun(t, nil, "build", "--layout", "tarot", "--faces", "fronts", "--out", out)
	checkPages(t, readPDF(t, readFile(t, out)), 20, 76, 126)
	// --duplex, --back-offset and --ink-saver build.
	out = filepath.Join(dir, "short.pdf")
	mustRun(t, nil, "build", "--duplex", "short", "--back-offset", "0.5,-1", "--ink-saver", "--out", out)
	checkPages(t, readPDF(t, readFile(t, out)), 10, 210, 297)
	// Calibration: two pages of the layout's paper.
	out = filepath.Join(dir, "cal.pdf")
	mustRun(t, nil, "calibrate", "--layout", "letter", "--out", out)
	pdf := readPDF(t, readFile(t, out))
	checkPages(t, pdf, 2, 215.9, 279.4)
	checkFonts(t, pdf)
}

func TestPrintFlagErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"build", "--back-offset", "1;2;3"}, "give X,Y in mm"},
		{[]string{"build", "--back-offset", "1,5,-0,5"}, "it reads as X 1.5 and Y -0.5"},
		{[]string{"build", "--back-offset", "0,25"}, "between -20 and 20"},
		{[]string{"build", "--back-offset", "0,19"}, "off the printable area"},
		{[]string{"build", "--layout", "tarot", "--back-offset", "1,0"}, "needs no --back-offset"},
		{[]string{"build", "--duplex", "sideways"}, "use long, short or none"},
		{[]string{"build", "--faces", "middles"}, "use both, fronts or backs"},
		{[]string{"build", "--layout", "a4-fold", "--duplex", "short"}, "does not apply"},
		{[]string{"build", "--layout", "A4"}, `did you mean "a4"`},
		{[]string{"calibrate", "--layout", "a4-fold"}, "no back side to calibrate"},
		{[]string{"layouts", "--show", "nope"}, "unknown layout"},
	} {
		r := run(t, nil, append(tt.args, "--out", dir)...)
		if tt.args[0] == "layouts" {
			r = run(t, nil, tt.args...)
		}
		if r.code == cli.ExitOK || !strings.Contains(r.stderr, tt.msg) {
			t.Errorf("cardgen %s: exit %d, stderr %q; want a failure mentioning %q", strings.Join(tt.args, " "), r.code, r.stderr, tt.msg)
		}
	}
	if names := listDir(t, dir); len(names) != 0 {
		t.Errorf("failed commands wrote %v", names)
	}
}

// TestLayoutsShow: layouts --show prints every field of a built-in, defaults
// included, as a file that loads back as the same spec; building with that
// file gives the built-in's PDF, byte for byte.
func TestLayoutsShow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range layouts.Names() {
		r := mustRun(t, nil, "layouts", "--show", name)
		for _, field := range []string{"name:", "paper:", "card:", "bleed:", "safe:", "margin:", "grid:", "gap:", "marks:", "  style:", "  length:",
			"  offset:", "  width:", "duplex:", "order:", "fold:", "backs:", "ink_saver:", "trim_box:", "back_offset:"} {
			if !strings.Contains(r.stdout, "\n"+field) {
				t.Errorf("layouts --show %s lacks %s:\n%s", name, field, r.stdout)
			}
		}
		file := filepath.Join(dir, "copy-of-"+name+".yaml")
		if err := os.WriteFile(file, []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		want, err := build.LoadLayout(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := build.LoadLayout(file)
		if err != nil {
			t.Fatalf("the shown %s does not load: %v", name, err)
		}
		if got.Source != file || !got.FromFile || got.Stem != "copy-of-"+name || got.FileLabel() != "copy-of-"+name {
			t.Errorf("%s copy: source %q, from file %v, stem %q, label %q", name, got.Source, got.FromFile, got.Stem, got.FileLabel())
		}
		got.Source, got.FromFile, got.Stem = want.Source, want.FromFile, want.Stem
		if *got != *want {
			t.Errorf("%s shown and loaded back:\n %+v\nwant\n %+v", name, *got, *want)
		}
		// Showing the copy prints it again.
		if again := mustRun(t, nil, "layouts", "--show", file); again.stdout != r.stdout {
			t.Errorf("layouts --show of the copy of %s differs:\n%s\n---\n%s", name, r.stdout, again.stdout)
		}
	}
	for _, name := range []string{"a3", "poker"} { // a computed grid; a chain of bases
		copied := filepath.Join(dir, name+".pdf")
		mustRun(t, nil, "build", "--layout", filepath.Join(dir, "copy-of-"+name+".yaml"), "--out", copied)
		if !bytes.Equal(defaultPDF(t, name).data, readFile(t, copied)) {
			t.Errorf("%s: the shown copy builds a different PDF", name)
		}
	}
}

// TestLayoutsShowFile: --show takes a file too, and prints what its base
// and the defaults make of it; a broken one says where.
func TestLayoutsShowFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mine := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(mine, []byte("# My layout.\nbase: a4-poker\nmarks: {style: crop}\nduplex: short\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, nil, "layouts", "--show", mine)
	for _, want := range []string{"# My layout.\n", "\nname: mine ", "\nbleed: 1.5 ", "\n  offset: 0.3 ", "\n  length: 5 ", "\nduplex: short "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("layouts --show mine.yaml lacks %q:\n%s", want, r.stdout)
		}
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("base: a4\ncard: {width: 400}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, nil, "layouts", "--show", bad)
	if want := bad + ":2:7: field \"card\": a 400 × 120 mm card does not fit on A4 210 × 297 mm paper"; r.code == cli.ExitOK || !strings.Contains(r.stderr, want) {
		t.Errorf("layouts --show bad.yaml: exit %d, stderr %q; want %q", r.code, r.stderr, want)
	}
}

// TestSmallCardLayoutFiles: a layout file with poker cards holds as many as
// a4-poker, a4 with landscape cards gets a grid of its own, and the summary
// says how many cards a sheet holds.
func TestSmallCardLayoutFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct{ file, src, want string }{
		{"poker63.yaml", "paper: A4\ncard:\n  width: 63\n  height: 88\n", "personas-poker63.pdf: 20 cards, 6 pages of A4 210 × 297 mm, 9 cards per sheet (3 × 3), "},
		{"paysage.yaml", "base: a4\ncard:\n  width: 88\n  height: 63\n", "personas-paysage.pdf: 20 cards, 6 pages of A4 210 × 297 mm, 8 cards per sheet (2 × 4), "},
		{"a4.yaml", "base: a4\n", "personas-a4-custom.pdf: 20 cards, 10 pages of A4 210 × 297 mm, 4 cards per sheet (2 × 2), "},
	} {
		file := filepath.Join(dir, tt.file)
		if err := os.WriteFile(file, []byte(tt.src), 0o644); err != nil {
			t.Fatal(err)
		}
		r := mustRun(t, nil, "build", "--layout", file, "--out", dir)
		if !strings.Contains(r.stdout, tt.want) {
			t.Errorf("%s: stdout lacks %q:\n%s", tt.file, tt.want, r.stdout)
		}
	}
}

// TestBackOffsetSummary: the summary of a build says the shift applied,
// and a large one is warned about, so that a decimal comma read as the
// comma between X and Y shows; French decimals parted by a semicolon read
// as one number each.
func TestBackOffsetSummary(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct {
		offset, says, warning string
	}{
		{"1,5", "backs shifted 1 mm right and 5 mm down — ", "cardgen: warning: backs shifted 1 mm right and 5 mm down: more than the 3 mm printers usually shift; check it on the calibration sheet. If you meant 1.5 mm (a decimal comma), write 1.5,0 or \"1,5;0\"\n"},
		{"1,5;-0,5", "backs shifted 1.5 mm right and 0.5 mm up — ", ""},
		{"x=-1 y=0", "backs shifted 1 mm left — ", ""},
	} {
		r := mustRun(t, nil, "build", "--back-offset", tt.offset, "--out", filepath.Join(dir, "deck.pdf"))
		if !strings.Contains(r.stdout, " KB, "+tt.says) || r.stderr != tt.warning {
			t.Errorf("--back-offset %s: summary %q, warning %q; want %q and %q", tt.offset, r.stdout, r.stderr, tt.says, tt.warning)
		}
	}
	if r := mustRun(t, nil, "build", "--out", filepath.Join(dir, "plain.pdf")); strings.Contains(r.stdout, "shifted") {
		t.Errorf("no offset, yet: %q", r.stdout)
	}
	r := mustRun(t, nil, "calibrate", "--back-offset", "0;-2,5", "--out", filepath.Join(dir, "cal.pdf"))
	if !strings.Contains(r.stdout, " — backs shifted 2.5 mm up; print double-sided") {
		t.Errorf("calibrate: %q", r.stdout)
	}
}
