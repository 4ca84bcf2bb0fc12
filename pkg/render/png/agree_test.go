package png_test

import (
	"bytes"
	"fmt"
	"image"
	stddraw "image/draw"
	stdpng "image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/cardgen/cardgen/internal/testenv"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/calibrate"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/guide"
	"github.com/cardgen/cardgen/pkg/render/pdf"
	"github.com/cardgen/cardgen/pkg/render/png"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// Thresholds of the comparison with poppler. Anti-aliasing differs a
// little between two rasterisers (how much of an edge pixel is covered,
// how a glyph's curves are flattened, how a picture is filtered), so
// pictures are not compared pixel for pixel: the mean absolute difference
// of each channel stays small, and the ink (every pixel far from the card's
// ground) spans the same box to within two pixels. A line of text moved by a
// pixel, a missing word or a wrong colour goes well beyond these.
const (
	// levels of 255, per channel, over the whole face: it grows with the
	// ink a face carries (the fronts' maps, larger text on the backs, the
	// guide's ruled notes took the worst face from 0.7 to 0.81)
	maxMeanDiff = 0.9
	maxBoxShift = 2  // pixels, for each edge of the ink's bounding box
	inkDistance = 96 // a pixel is ink when a channel differs this much from the ground
	maxLineInk  = 0.05
)

// composed returns the default deck composed for tarot cards.
func composed(t testing.TB) (*build.Cards, *typeface.Family) {
	t.Helper()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	d, err := build.LoadDeck("")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := build.LoadLayout("tarot")
	if err != nil {
		t.Fatal(err)
	}
	cards, err := build.Compose(d, spec, fam)
	if err != nil {
		t.Fatal(err)
	}
	return cards, fam
}

// TestAgreesWithPoppler draws faces of the default deck (cut at the trim)
// with poppler's pdftoppm from the PDF renderer's output and with this
// renderer, at 150 dpi, and compares them: the first card of each category
// (its band, icon and colours), by turns its front and its back; with
// CARDGEN_SLOW=1, as CI runs it, both faces of all 20 cards.
func TestAgreesWithPoppler(t *testing.T) {
	t.Parallel()
	pdftoppm := needPoppler(t)
	cards, fam := composed(t)
	var pages []draw.Page
	var names []string
	seen := map[string]bool{}
	for i, p := range cards.Deck.Personas {
		if seen[p.Category] && !testenv.SlowOn() {
			continue
		}
		seen[p.Category] = true
		for side, name := range []string{"front", "back"} {
			if !testenv.SlowOn() && side != len(seen)%2 {
				continue
			}
			pages = append(pages, draw.Single(&cards.Faces[i][side], false))
			names = append(names, cards.Deck.Personas[i].ID+" "+name)
		}
	}
	compareWithPoppler(t, pdftoppm, fam, cards.Images, pages, names, 150)
}

// TestSheetsAgreeWithPoppler does the same for the facilitator's sheet (a
// world map of large polygons) and the calibration sheet (hairlines and
// small figures), at 100 dpi.
func TestSheetsAgreeWithPoppler(t *testing.T) {
	t.Parallel()
	pdftoppm := needPoppler(t)
	cards, fam := composed(t)
	d := cards.Deck
	sheet, err := guide.Pages(guide.Input{Deck: d, Paper: geom.R(0, 0, 210, 297), Typeset: typo.For(d.Language),
		Country: func(p *deck.Persona) string { return p.Country }}, fam)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := build.LoadLayout("a4")
	if err != nil {
		t.Fatal(err)
	}
	front, back, err := calibrate.Sheet(spec, fam, "fr", typo.French)
	if err != nil {
		t.Fatal(err)
	}
	pages := []draw.Page{draw.Single(&sheet[0], false), draw.Single(&front, false), draw.Single(&back, false)}
	compareWithPoppler(t, pdftoppm, fam, nil, pages, []string{"guide", "calibration front", "calibration back"}, 100)
}

func needPoppler(t *testing.T) string {
	t.Helper()
	return testenv.Tool(t, "apt-get install poppler-utils (bash .ci/run does)", "pdftoppm")
}

// compareWithPoppler writes pages (all of one size) as a PDF, draws them
// with pdftoppm and with this renderer at dpi, and compares each pair.
func compareWithPoppler(t *testing.T, pdftoppm string, fam *typeface.Family, images map[string]draw.Image, pages []draw.Page, names []string, dpi float64) {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Write(&buf, pdf.Document{Pages: pages, Family: fam, Images: images}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "faces.pdf")
	if err := os.WriteFile(src, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// pdftoppm rounds a page's size in pixels up, this renderer to the
	// nearest: crop poppler's pictures to the same size.
	size := png.Size(pages[0].W, pages[0].H, dpi)
	args := []string{"-r", fmt.Sprint(dpi), "-W", fmt.Sprint(size.X), "-H", fmt.Sprint(size.Y), "-png", src, filepath.Join(dir, "p")}
	if out, err := exec.Command(pdftoppm, args...).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	r := png.New(fam, images)
	worst, worstLine := 0.0, 0.0
	for i, page := range pages {
		want := readPNG(t, filepath.Join(dir, fmt.Sprintf("p-%0*d.png", len(fmt.Sprint(len(pages))), i+1)))
		got, err := r.Page(page, dpi)
		if err != nil {
			t.Fatal(err)
		}
		if got.Bounds() != want.Bounds() {
			t.Errorf("%s: %v pixels, poppler %v", names[i], got.Bounds().Max, want.Bounds().Max)
			continue
		}
		mean := meanDiff(got, want)
		worst = max(worst, max(mean[0], mean[1], mean[2]))
		if max(mean[0], mean[1], mean[2]) > maxMeanDiff {
			t.Errorf("%s: mean difference per channel %.2f %.2f %.2f levels, above %.1f", names[i], mean[0], mean[1], mean[2], maxMeanDiff)
		}
		d := page.Faces[0].Drawing
		// Each line of text has as much ink here as in poppler's picture:
		// the same words, in the same weight, at the same place.
		for _, tx := range d.Text {
			bg := draw.White // the paper, or the last fill under the line
			for _, f := range d.Fills {
				if f.Rect.Contains(tx.Box) {
					bg = f.Color
				}
			}
			k := dpi / 25.4
			box := image.Rect(int(math.Floor(tx.Box.X*k)), int(math.Floor(tx.Box.Y*k)), int(math.Ceil(tx.Box.Right()*k)), int(math.Ceil(tx.Box.Bottom()*k)))
			g, w := inkIn(got, box, tx.Color, bg), inkIn(want, box, tx.Color, bg)
			worstLine = max(worstLine, math.Abs(g-w)/w)
			if math.Abs(g-w) > maxLineInk*w {
				t.Errorf("%s: the line %q has %.0f units of ink here, %.0f in poppler's picture (%.1f %%)", names[i], tx.String(), g, w, 100*(g-w)/w)
			}
		}
		ground := draw.White
		if len(d.Fills) > 0 {
			ground = d.Fills[0].Color
		}
		gb, wb := inkBox(got, ground), inkBox(want, ground)
		if d := boxShift(gb, wb); d > maxBoxShift {
			t.Errorf("%s: ink spans %v here, %v in poppler's picture: %d pixels apart, above %d", names[i], gb, wb, d, maxBoxShift)
		}
	}
	t.Logf("%d pages; worst mean difference %.3f levels per channel; worst line %.1f %% of its ink", len(pages), worst, 100*worstLine)
}

func readPNG(t testing.TB, path string) *image.RGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := stdpng.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	rgba := image.NewRGBA(img.Bounds())
	stddraw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, stddraw.Src)
	return rgba
}

// meanDiff is the mean absolute difference of each channel of two pictures
// of the same size, in levels of 255.
func meanDiff(a, b *image.RGBA) [3]float64 {
	var sum [3]int
	for i := 0; i < len(a.Pix); i += 4 {
		for k := range 3 {
			d := int(a.Pix[i+k]) - int(b.Pix[i+k])
			sum[k] += max(d, -d)
		}
	}
	n := float64(len(a.Pix) / 4)
	return [3]float64{float64(sum[0]) / n, float64(sum[1]) / n, float64(sum[2]) / n}
}

// inkBox is the bounding box of the pixels far from the ground colour.
func inkBox(img *image.RGBA, ground draw.Color) image.Rectangle {
	var box image.Rectangle
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := img.Pix[img.PixOffset(x, y):]
			d := max(absDiff(p[0], ground.R), absDiff(p[1], ground.G), absDiff(p[2], ground.B))
			if d >= inkDistance {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

// inkIn is how many pixels' worth of colour c box holds over the ground
// bg: each pixel counts for how far it has gone from bg towards c.
func inkIn(img *image.RGBA, box image.Rectangle, c, bg draw.Color) float64 {
	box = box.Intersect(img.Bounds())
	full := float64(max(absDiff(c.R, bg.R), absDiff(c.G, bg.G), absDiff(c.B, bg.B)))
	sum := 0.0
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			p := img.Pix[img.PixOffset(x, y):]
			d := float64(max(absDiff(p[0], bg.R), absDiff(p[1], bg.G), absDiff(p[2], bg.B)))
			sum += min(d/full, 1)
		}
	}
	return sum
}

func absDiff(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }

func boxShift(a, b image.Rectangle) int {
	d := 0
	for _, v := range []int{a.Min.X - b.Min.X, a.Min.Y - b.Min.Y, a.Max.X - b.Max.X, a.Max.Y - b.Max.Y} {
		d = max(d, v, -v)
	}
	return d
}
