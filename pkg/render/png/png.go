// Package png paints drawings (package draw) as pictures, in pure Go: fills,
// rules and icons with golang.org/x/image/vector, text from the glyph
// outlines of the embedded fonts (golang.org/x/image/font/sfnt) placed where
// the text fitter put each run and advanced by the widths the PDF uses,
// pictures scaled with golang.org/x/image/draw. Everything is anti-aliased,
// at any resolution, in sRGB; the same drawing gives the same pixels on
// every run (see raster.go for how).
package png

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	stdpng "image/png"
	"io"
	"math"
	"sync"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/icons"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// DefaultDPI is the resolution pictures are drawn at when none is given.
const DefaultDPI = 150

// Renderer paints drawings with one family of fonts and one set of
// pictures. It keeps the glyph outlines and decoded pictures it has used,
// and may be used by several goroutines at once.
type Renderer struct {
	glyphs *glyphs
	images map[string]draw.Image

	mu      sync.Mutex
	decoded map[string]image.Image
}

// New returns a renderer for drawings set in fam whose ImageBoxes name
// pictures of images.
func New(fam *typeface.Family, images map[string]draw.Image) *Renderer {
	return &Renderer{glyphs: newGlyphs(fam), images: images, decoded: map[string]image.Image{}}
}

// Size is the size in pixels of a page w × h mm at dpi.
func Size(w, h, dpi float64) image.Point {
	return image.Pt(int(math.Round(w*dpi/25.4)), int(math.Round(h*dpi/25.4)))
}

// Page paints a page on white at dpi pixels per inch; the picture is
// Size(p.W, p.H, dpi) pixels.
func (r *Renderer) Page(p draw.Page, dpi float64) (*image.RGBA, error) {
	if dpi <= 0 {
		dpi = DefaultDPI
	}
	size := Size(p.W, p.H, dpi)
	if size.X <= 0 || size.Y <= 0 {
		return nil, fmt.Errorf("a page of %g × %g mm has no pixel at %g dpi", p.W, p.H, dpi)
	}
	img := image.NewRGBA(image.Rectangle{Max: size})
	cv := &canvas{img: img, clip: img.Bounds()}
	cv.fillRect(0, 0, float64(size.X), float64(size.Y), [3]uint8{0xff, 0xff, 0xff})
	s := dpi / 25.4 // pixels per mm
	for _, pl := range p.Faces {
		m := affine{a: s, c: float64(s * pl.At.X), e: s, f: float64(s * pl.At.Y)}
		if pl.Rotation == 180 {
			// About the centre of At: (x, y) → (W − x, H − y).
			m = affine{a: -s, c: float64(s * pl.At.Right()), e: -s, f: float64(s * pl.At.Bottom())}
		} else if pl.Rotation != 0 {
			return nil, fmt.Errorf("a drawing turned by %d°: only 0 and 180 are drawn", pl.Rotation)
		}
		cv.clip = img.Bounds()
		if pl.Clip {
			cv.clip = pxRect(pl.At, s).Intersect(img.Bounds())
		}
		if err := r.paint(cv, pl.Drawing, m); err != nil {
			return nil, err
		}
	}
	cv.clip = img.Bounds()
	page := affine{a: s, e: s}
	for _, g := range p.Lines {
		for _, seg := range g.Segs {
			cv.rule(page, seg, g.Width, g.Dash, g.Color)
		}
	}
	return img, nil
}

// Face paints one drawing, cut at its own rectangle or, when bleed is true,
// with its bleed.
func (r *Renderer) Face(d *draw.Drawing, dpi float64, bleed bool) (*image.RGBA, error) {
	return r.Page(draw.Single(d, bleed), dpi)
}

// pxRect is the rectangle r (mm) in whole pixels at s pixels per mm.
func pxRect(r geom.Rect, s float64) image.Rectangle {
	return image.Rect(int(math.Round(r.X*s)), int(math.Round(r.Y*s)), int(math.Round(r.Right()*s)), int(math.Round(r.Bottom()*s)))
}

// snap moves the edges lo and hi of a span (pixels) to the nearest pixel
// boundaries, keeping at least one pixel when the span is not empty.
func snap(lo, hi float64) (float64, float64) {
	if lo > hi {
		lo, hi = hi, lo
	}
	a, b := math.Round(lo), math.Round(hi)
	if b-a < 1 && hi > lo {
		a = math.Floor((lo + hi) / 2)
		b = a + 1
	}
	return a, b
}

func rgb(c draw.Color) [3]uint8 { return [3]uint8{c.R, c.G, c.B} }

// paint draws d with m, layer by layer as package draw says.
func (r *Renderer) paint(cv *canvas, d *draw.Drawing, m affine) error {
	for _, f := range d.Fills {
		cv.rect(m, f.Rect, rgb(f.Color))
	}
	for _, box := range d.Images {
		if err := r.image(cv, m, box); err != nil {
			return err
		}
	}
	for _, ic := range d.Icons {
		shapes, ok := icons.For(ic.Name)
		if !ok {
			return fmt.Errorf("no icon named %q", ic.Name)
		}
		for _, sh := range shapes.In(ic.Rect) {
			cv.fill(polygon(m, sh), rgb(ic.Color))
		}
	}
	for _, sh := range d.Shapes {
		cv.fill(polygon(m, sh.Points), rgb(sh.Color))
	}
	for _, rule := range d.Rules {
		cv.rule(m, rule.Seg, rule.Width, rule.Dash, rule.Color)
	}
	for _, t := range d.Text {
		if err := r.text(cv, m, t); err != nil {
			return err
		}
	}
	return nil
}

func polygon(m affine, pts []geom.Point) path {
	c := make([]pt, len(pts))
	for i, q := range pts {
		c[i] = m.apply(q.X, q.Y)
	}
	return path{c}
}

// rect fills a rectangle given in mm. Upright, its edges go to the nearest
// pixel boundaries, as PDF viewers adjust them (poppler's stroke
// adjustment): a band's edge is crisp, not a row of blended pixels.
func (cv *canvas) rect(m affine, r geom.Rect, c [3]uint8) {
	if m.axisAligned() {
		a, b := m.apply(r.X, r.Y), m.apply(r.Right(), r.Bottom())
		x0, x1 := snap(a.x, b.x)
		y0, y1 := snap(a.y, b.y)
		cv.fillRect(x0, y0, x1, y1, c)
		return
	}
	cv.fill(polygon(m, []geom.Point{{X: r.X, Y: r.Y}, {X: r.Right(), Y: r.Y}, {X: r.Right(), Y: r.Bottom()}, {X: r.X, Y: r.Bottom()}}), c)
}

// rule strokes a segment (mm) with butt caps, dashed when dash is not empty.
func (cv *canvas) rule(m affine, s geom.Segment, width float64, dash []float64, c draw.Color) {
	l := s.Length()
	if l == 0 || width <= 0 {
		return
	}
	ux, uy := (s.B.X-s.A.X)/l, (s.B.Y-s.A.Y)/l
	piece := func(from, to float64) {
		a := geom.Point{X: s.A.X + float64(ux*from), Y: s.A.Y + float64(uy*from)}
		b := geom.Point{X: s.A.X + float64(ux*to), Y: s.A.Y + float64(uy*to)}
		nx, ny := float64(-uy*width)/2, float64(ux*width)/2
		if m.axisAligned() && (ux == 0 || uy == 0) {
			// Upright rules are adjusted to whole pixels, at least one
			// wide, as PDF viewers draw them: a hairline stays visible.
			p, q := m.apply(min(a.X, b.X)-math.Abs(nx), min(a.Y, b.Y)-math.Abs(ny)), m.apply(max(a.X, b.X)+math.Abs(nx), max(a.Y, b.Y)+math.Abs(ny))
			x0, x1 := snap(p.x, q.x)
			y0, y1 := snap(p.y, q.y)
			cv.fillRect(x0, y0, x1, y1, rgb(c))
			return
		}
		cv.fill(polygon(m, []geom.Point{{X: a.X + nx, Y: a.Y + ny}, {X: b.X + nx, Y: b.Y + ny}, {X: b.X - nx, Y: b.Y - ny}, {X: a.X - nx, Y: a.Y - ny}}), rgb(c))
	}
	if len(dash) == 0 {
		piece(0, l)
		return
	}
	total := 0.0
	for _, d := range dash {
		total += d
	}
	if total <= 0 {
		piece(0, l)
		return
	}
	for at, i := 0.0, 0; at < l; i++ {
		d := dash[i%len(dash)]
		if i%2 == 0 {
			piece(at, min(at+d, l))
		}
		at += d
	}
}

// text draws a line: each run from where the fitter put it, each glyph
// advanced by its width in the PDF. The baseline sits on a pixel boundary,
// as PDF viewers set it (poppler takes the pixel row the baseline falls
// in): the letters of a line then share their bottom edge exactly, and a
// line is as crisp as in a viewer.
func (r *Renderer) text(cv *canvas, m affine, t draw.Text) error {
	var p path
	sizeMM := geom.PtToMM(t.Size)
	if m.axisAligned() {
		// Shift the line (in mm) so that its baseline lands on a whole
		// pixel: the row it falls in, to within the 0.01 pt to which the
		// PDF writes positions.
		y := m.apply(t.X, t.Baseline).y
		t.Baseline += (math.Floor(y+math.Abs(m.e)*geom.PtToMM(0.01)) - y) / m.e
	}
	for _, run := range t.Runs {
		x := t.X + run.X
		for _, ch := range run.Text {
			gl, upem, err := r.glyphs.get(run.Style, ch)
			if err != nil {
				return err
			}
			if gl == nil {
				continue
			}
			k := sizeMM / upem // mm per font unit
			// Font units to mm, then mm to pixels.
			gm := m.then(affine{a: k, c: x, e: k, f: t.Baseline})
			if m.axisAligned() {
				// Glyphs start on a quarter of a pixel, as poppler (and
				// Skia) place them: the same letters look the same all
				// along a line.
				gm.c = math.Floor(gm.c*4) / 4
			}
			p = gl.outline(p, gm)
			x += float64(gl.adv*sizeMM) / 1000
		}
	}
	cv.fill(p, rgb(t.Color))
	return nil
}

// image draws a picture scaled into its box.
func (r *Renderer) image(cv *canvas, m affine, box draw.ImageBox) error {
	src, err := r.decode(box.Key)
	if err != nil {
		return err
	}
	b := src.Bounds()
	// Source pixels to the box in mm, then to page pixels.
	toBox := affine{a: box.Rect.W / float64(b.Dx()), c: box.Rect.X - float64(box.Rect.W*float64(b.Min.X))/float64(b.Dx()),
		e: box.Rect.H / float64(b.Dy()), f: box.Rect.Y - float64(box.Rect.H*float64(b.Min.Y))/float64(b.Dy())}
	t := m.then(toBox)
	dst := cv.img.SubImage(cv.clip).(*image.RGBA)
	xdraw.CatmullRom.Transform(dst, f64.Aff3{t.a, t.b, t.c, t.d, t.e, t.f}, src, b, xdraw.Over, nil)
	return nil
}

func (r *Renderer) decode(key string) (image.Image, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if img, ok := r.decoded[key]; ok {
		return img, nil
	}
	data, ok := r.images[key]
	if !ok {
		return nil, fmt.Errorf("no picture %q to draw", key)
	}
	var img image.Image
	var err error
	switch data.Type {
	case "JPG", "JPEG":
		img, err = jpeg.Decode(bytes.NewReader(data.Data))
	default:
		img, err = stdpng.Decode(bytes.NewReader(data.Data))
	}
	if err != nil {
		return nil, fmt.Errorf("picture %q: %w", key, err)
	}
	r.decoded[key] = img
	return img, nil
}

// Encode writes img as a PNG file that says its colours are sRGB and its
// resolution is dpi, so that it prints at its size in mm.
func Encode(w io.Writer, img image.Image, dpi float64) error {
	var buf bytes.Buffer
	enc := stdpng.Encoder{CompressionLevel: stdpng.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return err
	}
	data := buf.Bytes()
	// The signature (8 bytes) and IHDR (25) come first; sRGB and pHYs go
	// right after them, before the image data.
	const head = 8 + 25
	if len(data) < head || string(data[12:16]) != "IHDR" {
		return fmt.Errorf("image/png wrote no IHDR chunk first")
	}
	if _, err := w.Write(data[:head]); err != nil {
		return err
	}
	ppm := uint32(math.Round(dpi / 0.0254))
	phys := make([]byte, 9)
	binary.BigEndian.PutUint32(phys[0:], ppm)
	binary.BigEndian.PutUint32(phys[4:], ppm)
	phys[8] = 1 // metres
	for _, c := range []struct {
		typ  string
		data []byte
	}{{"sRGB", []byte{0}}, {"pHYs", phys}} {
		if err := writeChunk(w, c.typ, c.data); err != nil {
			return err
		}
	}
	_, err := w.Write(data[head:])
	return err
}

func writeChunk(w io.Writer, typ string, data []byte) error {
	b := make([]byte, 8, 12+len(data))
	binary.BigEndian.PutUint32(b, uint32(len(data)))
	copy(b[4:], typ)
	b = append(b, data...)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
	_, err := w.Write(b)
	return err
}
