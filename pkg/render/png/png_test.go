package png

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"image"
	stdpng "image/png"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/internal/testdiff"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/typeface"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func family(t testing.TB) *typeface.Family {
	t.Helper()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	return fam
}

func at(img *image.RGBA, x, y int) draw.Color {
	p := img.Pix[img.PixOffset(x, y):]
	return draw.Color{R: p[0], G: p[1], B: p[2]}
}

var (
	red  = draw.Color{R: 200, G: 10, B: 20}
	blue = draw.Color{R: 10, G: 20, B: 200}
)

// TestFillsLandOnTheirPixels: at 254 dpi a mm is 10 pixels, so a fill from
// 1 mm to 3 mm covers pixels 10 to 29 exactly; a fill from 5.05 mm to
// 6.05 mm has its edges moved to the nearest pixel boundaries (51 to 61),
// as PDF viewers draw it; nothing else is touched.
func TestFillsLandOnTheirPixels(t *testing.T) {
	t.Parallel()
	d := &draw.Drawing{W: 10, H: 10, Fills: []draw.Fill{
		{Rect: geom.R(1, 1, 2, 2), Color: red},
		{Rect: geom.R(5.05, 1, 1, 1), Color: blue},
	}}
	img, err := New(family(t), nil).Face(d, 254, false)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != image.Rect(0, 0, 100, 100) {
		t.Fatalf("bounds %v, want 100 × 100", img.Bounds())
	}
	for _, c := range []struct {
		x, y int
		want draw.Color
	}{
		{9, 15, draw.White}, {10, 10, red}, {29, 29, red}, {30, 29, draw.White}, {29, 30, draw.White},
		{50, 15, draw.White}, {51, 15, blue}, {60, 15, blue}, {61, 15, draw.White}, {55, 9, draw.White},
	} {
		if got := at(img, c.x, c.y); got != c.want {
			t.Errorf("pixel (%d, %d) is %v, want %v", c.x, c.y, got, c.want)
		}
	}
}

// TestPlacedTurnedAndClipped: a drawing turned 180° shows its top-left
// corner at the bottom right of where it is placed; a clipped one shows
// nothing of its bleed.
func TestPlacedTurnedAndClipped(t *testing.T) {
	t.Parallel()
	d := &draw.Drawing{W: 4, H: 6, Bleed: 1, Fills: []draw.Fill{
		{Rect: geom.R(-1, -1, 6, 8), Color: blue},
		{Rect: geom.R(0, 0, 1, 1), Color: red},
	}}
	page := draw.Page{W: 20, H: 10, Faces: []draw.Placed{
		{Drawing: d, At: geom.R(2, 2, 4, 6)},
		{Drawing: d, At: geom.R(12, 2, 4, 6), Rotation: 180, Clip: true},
	}}
	img, err := New(family(t), nil).Page(page, 254)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		x, y int
		want draw.Color
	}{
		{25, 25, red}, {15, 15, blue}, // unclipped: the bleed shows
		{155, 75, red}, {125, 25, blue}, // turned: the red corner at the bottom right
		{115, 15, draw.White}, {165, 85, draw.White}, // clipped: no bleed
	} {
		if got := at(img, c.x, c.y); got != c.want {
			t.Errorf("pixel (%d, %d) is %v, want %v", c.x, c.y, got, c.want)
		}
	}
}

// TestLargeShapesCoverEverything: a polygon larger than the rasterizer's
// tiles, reaching past every edge of the page, covers every pixel, and a
// triangle across several tiles has its area.
func TestLargeShapesCoverEverything(t *testing.T) {
	t.Parallel()
	d := &draw.Drawing{W: 300, H: 200, Shapes: []draw.Shape{
		{Points: []geom.Point{{X: -50, Y: -40}, {X: 400, Y: -10}, {X: 350, Y: 260}, {X: -20, Y: 230}}, Color: red},
		{Points: []geom.Point{{X: 0, Y: 0}, {X: 300, Y: 0}, {X: 0, Y: 200}}, Color: blue},
	}}
	img, err := New(family(t), nil).Face(d, 100, false)
	if err != nil {
		t.Fatal(err)
	}
	blueArea := 0.0
	for y := range img.Bounds().Dy() {
		for x := range img.Bounds().Dx() {
			// Red, blue or a mix of the two: no white shows.
			c := at(img, x, y)
			if sum := int(c.R) + int(c.B); sum < 207 || sum > 223 || c.G < 9 || c.G > 21 {
				t.Fatalf("pixel (%d, %d) is %v: neither red nor blue", x, y, c)
			}
			blueArea += float64(int(c.B)-int(red.B)) / float64(int(blue.B)-int(red.B))
		}
	}
	size := img.Bounds().Size()
	want := float64(size.X*size.Y) / 2
	if blueArea < want*0.995 || blueArea > want*1.005 {
		t.Errorf("the triangle covers %.0f pixels, want %.0f", blueArea, want)
	}
}

// TestThinRules: upright rules thinner than a pixel, across and along, are
// drawn one pixel wide in full colour, as PDF viewers draw hairlines, in
// the pixel their middle falls in.
func TestThinRules(t *testing.T) {
	t.Parallel()
	d := &draw.Drawing{W: 10, H: 10, Rules: []draw.Rule{
		{Seg: geom.Segment{A: geom.Point{X: 2.07, Y: 1}, B: geom.Point{X: 2.07, Y: 9}}, Width: 0.04, Color: draw.Black},
		{Seg: geom.Segment{A: geom.Point{X: 1, Y: 5.05}, B: geom.Point{X: 9, Y: 5.05}}, Width: 0.02, Color: draw.Black},
	}}
	img, err := New(family(t), nil).Face(d, 254, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		x, y int
		want draw.Color
	}{
		{20, 30, draw.Black}, {19, 30, draw.White}, {21, 30, draw.White},
		{70, 50, draw.Black}, {70, 49, draw.White}, {70, 51, draw.White},
	} {
		if got := at(img, c.x, c.y); got != c.want {
			t.Errorf("pixel (%d, %d) is %v, want %v", c.x, c.y, got, c.want)
		}
	}
}

// TestDashes: a dashed rule is on and off along its length as its pattern
// says.
func TestDashes(t *testing.T) {
	t.Parallel()
	d := &draw.Drawing{W: 20, H: 2, Rules: []draw.Rule{
		{Seg: geom.Segment{A: geom.Point{X: 0, Y: 1}, B: geom.Point{X: 20, Y: 1}}, Width: 0.4, Color: draw.Black, Dash: []float64{3, 1.5}},
	}}
	img, err := New(family(t), nil).Face(d, 254, false)
	if err != nil {
		t.Fatal(err)
	}
	var pattern strings.Builder
	for x := 5; x < 200; x += 10 {
		if at(img, x, 10) == draw.Black {
			pattern.WriteByte('-')
		} else {
			pattern.WriteByte(' ')
		}
	}
	// Dashes of 3 mm and gaps of 1.5 mm, sampled every mm from 0.5 mm:
	// on from 0 to 3, 4.5 to 7.5, 9 to 12, 13.5 to 16.5, 18 to 20.
	if want := "--- ---  --- ---  --"; pattern.String() != want {
		t.Errorf("dashes %q, want %q", pattern.String(), want)
	}
}

// TestSameEveryTime: one face drawn twice, and by two renderers, gives the
// same pixels, and those pixels are the ones recorded in testdata (run with
// -update after an intended change): another machine that draws them
// differently fails here.
func TestSameEveryTime(t *testing.T) {
	t.Parallel()
	fam := family(t)
	d := textDrawing()
	var sums []string
	for range 2 {
		img, err := New(fam, nil).Face(d, 150, true)
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, fmt.Sprintf("%x", sha256.Sum256(img.Pix)))
	}
	if sums[0] != sums[1] {
		t.Fatal("two drawings of the same face differ")
	}
	// A changed checksum means the renderer draws differently here.
	testdiff.Golden(t, filepath.Join("testdata", "text-150dpi.sha256.golden"), sums[0]+"\n", *update,
		"go test ./pkg/render/png -run TestSameEveryTime -update")
}

func textDrawing() *draw.Drawing {
	return &draw.Drawing{W: 70, H: 30, Bleed: 3,
		Fills: []draw.Fill{{Rect: geom.R(-3, -3, 76, 36), Color: draw.Color{R: 247, G: 242, B: 239}}},
		Icons: []draw.Icon{{Name: "extraction", Rect: geom.R(58, 4, 8, 8), Color: red}},
		Rules: []draw.Rule{{Seg: geom.Segment{A: geom.Point{X: 4, Y: 14}, B: geom.Point{X: 66, Y: 14}}, Width: 0.3, Color: red}},
		Text: []draw.Text{
			{Size: 22, X: 4, Baseline: 11.3, Color: draw.Color{R: 0x22, G: 0x22, B: 0x22}, Runs: []draw.Run{{Text: "Hao", Style: typeface.Bold}}},
			{Size: 12.5, X: 4, Baseline: 21.7, Color: draw.Color{R: 0x22, G: 0x22, B: 0x22}, Runs: []draw.Run{
				{Text: "Des «\u202Fterres rares\u202F» ", Style: typeface.Regular},
				{Text: "ici", Style: typeface.Italic, X: 36.2},
			}},
		},
	}
}

// TestEncode: the file is a PNG of the picture's pixels that says its
// colours are sRGB and its resolution, so that it prints at its size.
func TestEncode(t *testing.T) {
	t.Parallel()
	img, err := New(family(t), nil).Face(textDrawing(), 300, false)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, img, 300); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	for _, chunk := range []string{"IHDR", "sRGB", "pHYs", "IDAT", "IEND"} {
		if !bytes.Contains(data, []byte(chunk)) {
			t.Errorf("no %s chunk", chunk)
		}
	}
	// 300 dpi is 11811 pixels a metre.
	if i := bytes.Index(data, []byte("pHYs")); i < 0 || !bytes.Equal(data[i+4:i+13], []byte{0, 0, 0x2e, 0x23, 0, 0, 0x2e, 0x23, 1}) {
		t.Errorf("pHYs does not say 11811 pixels a metre")
	}
	back, err := stdpng.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if back.Bounds() != img.Bounds() {
		t.Fatalf("decoded %v, drew %v", back.Bounds(), img.Bounds())
	}
	for _, p := range []image.Point{{0, 0}, {100, 100}, {500, 200}} {
		r, g, b, _ := back.At(p.X, p.Y).RGBA()
		if got := (draw.Color{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8)}); got != at(img, p.X, p.Y) {
			t.Errorf("pixel %v decodes as %v, drawn %v", p, got, at(img, p.X, p.Y))
		}
	}
}

// TestSize: 70 × 120 mm at 100 dpi is 276 × 472 pixels (to the nearest).
func TestSize(t *testing.T) {
	t.Parallel()
	if got := Size(70, 120, 100); got != image.Pt(276, 472) {
		t.Errorf("Size(70, 120, 100) = %v", got)
	}
}
