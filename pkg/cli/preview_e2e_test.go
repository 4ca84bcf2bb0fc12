package cli_test

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/cli"
)

// svgLines reads an SVG back with encoding/xml and returns its lines of
// text as the PDF reader does: the runs of the <text> elements that share a
// baseline, in x order, lines in order of first appearance.
func svgLines(t *testing.T, data []byte) []string {
	t.Helper()
	type run struct {
		x    float64
		text string
	}
	lines := map[string][]run{}
	var ys []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	var y string
	var cur *run
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range tok.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch tok.Name.Local {
			case "text":
				y = attr("y")
				if _, ok := lines[y]; !ok {
					ys = append(ys, y)
				}
			case "tspan":
				x, _ := strconv.ParseFloat(attr("x"), 64)
				cur = &run{x: x}
			}
		case xml.CharData:
			if cur != nil {
				cur.text += string(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == "tspan" && cur != nil {
				lines[y] = append(lines[y], *cur)
				cur = nil
			}
		}
	}
	var out []string
	for _, y := range ys {
		rs := lines[y]
		slices.SortStableFunc(rs, func(a, b run) int {
			if a.x < b.x {
				return -1
			}
			if a.x > b.x {
				return 1
			}
			return 0
		})
		var b strings.Builder
		for _, r := range rs {
			b.WriteString(r.text)
		}
		out = append(out, b.String())
	}
	return out
}

// TestSVGHasThePDFsLines: every face of the default deck, in both
// languages, written as SVG by cardgen preview, holds the same lines of
// text as the same face in the tarot PDF, read back from its content
// streams: same characters (narrow no-break spaces included), same breaks,
// same order.
func TestSVGHasThePDFsLines(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"fr", "en"} {
		var pages [][]string
		if lang == "fr" {
			pages = pdfLines(t, defaultPDF(t, "tarot").data)
		} else {
			pdf := filepath.Join(t.TempDir(), "tarot.pdf")
			mustRun(t, nil, "build", "--layout", "tarot", "--lang", lang, "--out", pdf)
			pages = pdfLines(t, readFile(t, pdf))
		}
		dir := t.TempDir()
		r := mustRun(t, nil, "preview", "--format", "svg", "--lang", lang, "--out", dir)
		ids := listPersonas(t, lang)
		if len(pages) != 2*len(ids) {
			t.Fatalf("%s: %d pages for %d cards", lang, len(pages), len(ids))
		}
		n := 0
		for i, id := range ids {
			for side, name := range []string{"front", "back"} {
				prefix := "personas-tarot-"
				if lang != "fr" {
					prefix += lang + "-"
				}
				got := svgLines(t, readFile(t, filepath.Join(dir, prefix+id+"-"+name+".svg")))
				want := pages[2*i+side]
				n += len(want)
				if !slices.Equal(got, want) {
					t.Errorf("%s %s %s: the SVG's lines\n%q\ndiffer from the PDF's\n%q", lang, id, name, got, want)
				}
			}
		}
		if n < 300 {
			t.Errorf("%s: only %d lines compared (stdout %s)", lang, n, r.stdout)
		}
	}
}

// listPersonas returns the ids of the default deck, in order.
func listPersonas(t *testing.T, lang string) []string {
	t.Helper()
	r := mustRun(t, nil, "list", "--lang", lang)
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		// "#  ID  NAME …", then "1  hao  Hao …"
		if f := strings.Fields(l); len(f) > 1 && f[0] != "#" {
			ids = append(ids, f[1])
		}
	}
	return ids
}

// TestPreviewKeepsDeckNumbers: a card previewed alone keeps its number in
// the whole deck (Koffi is 2/20), and only the cards asked for are drawn.
func TestPreviewKeepsDeckNumbers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustRun(t, nil, "preview", "--format", "svg", "--embed-fonts", "--only", "koffi", "--faces", "fronts", "--out", dir)
	if got := listDir(t, dir); !slices.Equal(got, []string{"personas-tarot-koffi-front.svg"}) {
		t.Fatalf("files %v, want personas-tarot-koffi-front.svg only (fonts embedded, fronts only)", got)
	}
	lines := svgLines(t, readFile(t, filepath.Join(dir, "personas-tarot-koffi-front.svg")))
	if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasSuffix(l, "2/20") }) {
		t.Errorf("no 2/20 on Koffi's front: %q", lines)
	}
}

// TestPreviewSheet: one contact sheet of four cards, fronts above backs, in
// the order asked for: 4 columns of 70 mm and 2 rows of 120 mm with 4 mm
// between them and around them, 300 × 252 mm, at 100 dpi.
func TestPreviewSheet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "cards.png")
	r := mustRun(t, nil, "preview", "--sheet", "--only", "koffi,akinyi,lucia,hayao", "--dpi", "100", "--out", out)
	if strings.TrimSpace(r.stdout) != out {
		t.Errorf("stdout %q, want %s", r.stdout, out)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1181 || b.Dy() != 992 {
		t.Errorf("the sheet is %d × %d pixels, want 1181 × 992 (300 × 252 mm at 100 dpi)", b.Dx(), b.Dy())
	}
	// Koffi (extraction, brown band) comes first, Akinyi (clickwork, purple) second.
	px := func(xMM, yMM float64) [3]uint32 {
		r, g, b, _ := img.At(int(xMM*100/25.4), int(yMM*100/25.4)).RGBA()
		return [3]uint32{r >> 8, g >> 8, b >> 8}
	}
	if c := px(4+2, 4+2); c != [3]uint32{0x8A, 0x4B, 0x14} {
		t.Errorf("first card's band is %v, want Koffi's brown", c)
	}
	if c := px(4+74+2, 4+2); c != [3]uint32{0x7B, 0x3F, 0x8C} {
		t.Errorf("second card's band is %v, want Akinyi's purple", c)
	}
	if c := px(2, 100); c != [3]uint32{255, 255, 255} {
		t.Errorf("the margin is %v, want white", c)
	}
	svgDir := t.TempDir()
	mustRun(t, nil, "preview", "--sheet", "--format", "svg", "--embed-fonts", "--category", "clickwork", "--out", svgDir)
	if got := listDir(t, svgDir); !slices.Equal(got, []string{"personas-sheet-tarot-clickwork.svg"}) {
		t.Errorf("files %v, want personas-sheet-tarot-clickwork.svg", got)
	}
}

func TestPreviewUsage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--format", "gif", "--out", dir}, `--format "gif": use png or svg`},
		{[]string{"--out", filepath.Join(dir, "x.png")}, "names one picture, but each face gets its own"},
		{[]string{"--sheet", "--format", "svg", "--out", filepath.Join(dir, "x.png")}, "is a png file, but the --format is svg"},
		{[]string{"--embed-fonts", "--out", dir}, "--embed-fonts is for SVG pictures"},
		{[]string{"--faces", "sides", "--out", dir}, `--faces "sides": use both, fronts or backs`},
		{[]string{"--dpi", "10", "--out", dir}, `--dpi "10": choose between 30 and 1200`},
	} {
		r := run(t, nil, append([]string{"preview"}, tt.args...)...)
		if r.code != cli.ExitUsage || !strings.HasPrefix(r.stderr, "cardgen: ") || !strings.Contains(r.stderr, tt.msg) {
			t.Errorf("preview %v: exit %d, stderr %q; want %d and %q", tt.args, r.code, r.stderr, cli.ExitUsage, tt.msg)
		}
	}
	if got := listDir(t, dir); len(got) != 0 {
		t.Errorf("a refused preview wrote %v", got)
	}
}

// TestPreviewNeedsNothingInstalled runs the cardgen binary with a PATH that
// holds only cardgen itself: no pdftoppm, no shell tools. PNG and SVG
// previews and a contact sheet are written all the same.
func TestPreviewNeedsNothingInstalled(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	exe := buildBinary(t)
	bin := filepath.Dir(exe) // holds cardgen alone
	out := t.TempDir()
	for _, args := range [][]string{
		{"preview", "--only", "hao", "--dpi", "40", "--out", out}, // small pictures: drawing them is not the point
		{"preview", "--only", "hao", "--format", "svg", "--out", out},
		{"preview", "--sheet", "--only", "hao,koffi", "--dpi", "40", "--out", filepath.Join(out, "sheet.png")},
	} {
		cmd := exec.Command(exe, args...)
		cmd.Env = []string{"PATH=" + bin, "HOME=" + t.TempDir()}
		cmd.Dir = out
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("cardgen %s with PATH=%s: %v\n%s", strings.Join(args, " "), bin, err, b)
		}
	}
	for _, f := range []string{"personas-tarot-40dpi-hao-front.png", "personas-tarot-40dpi-hao-back.png", "personas-tarot-hao-front.svg",
		"personas-tarot-hao-back.svg", "fonts/Lato-Regular.ttf", "sheet.png"} {
		if fi, err := os.Stat(filepath.Join(out, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}
