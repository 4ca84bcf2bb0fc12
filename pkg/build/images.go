package build

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	imgdraw "image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"runtime"
	"slices"

	xdraw "golang.org/x/image/draw"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/face"
	"github.com/cardgen/cardgen/pkg/layout"
)

// ImageDPI is the resolution pictures are printed at: larger ones are
// scaled down to it, which keeps PDFs small; smaller ones are left alone.
const ImageDPI = 300

// MaxPrintedPixels bounds the pixels of a picture as put in the PDF, on
// cards so large that 300 dpi would need more: 9 megapixels is an A4 page
// at 300 dpi.
const MaxPrintedPixels = 9_000_000

// prepareImages reads every persona's picture once (once for every
// spelling of its path) and readies it for the PDF: checked from its header
// before it is decoded (deck.ReadImage), scaled down to at most ImageDPI
// over the largest box it can be printed in (the card's safe zone), alpha
// flattened on the card's background (no transparency in print files), and
// re-encoded (JPEG stays JPEG, PNG stays PNG).
//
// Pictures are prepared one after the other, in the order of their paths,
// each decoded picture let go before the next is read: the memory it takes
// is that of the largest picture, not of all, and nothing depends on timing.
//
// Every picture gets a pixel width no other has: the PDF library writes
// images of equal width in map order, which would make the bytes differ
// from one build to the next; a picture one pixel narrower is invisible, a
// changing file is not.
func prepareImages(d *deck.Deck, spec *layout.Spec, background func(*deck.Persona) deck.RGB) (map[int]*face.ImageRef, map[string]draw.Image, error) {
	refs := map[int]*face.ImageRef{}
	images := map[string]draw.Image{}
	var keys []string
	byKey := map[string][]int{}
	for i := range d.Personas {
		ps := &d.Personas[i]
		if ps.Image == "" {
			continue
		}
		key := deck.ImageKey(ps)
		if key == "" {
			key = ps.Image // a path deck.ReadImage refuses, saying why
		}
		if _, ok := byKey[key]; !ok {
			keys = append(keys, key)
		}
		byKey[key] = append(byKey[key], i)
	}
	slices.Sort(keys)
	maxW, maxH := printBox(spec)
	used := map[int]bool{}
	for _, key := range keys {
		ps := &d.Personas[byKey[key][0]]
		pos := ps.Where("image")
		file, err := d.ReadImage(ps)
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: persona %q: %w", d.Source, pos.Line, ps.ID, err)
		}
		// Transparent parts show the card's own background (of the first
		// persona with this picture), as they would on screen.
		bg := background(ps)
		img, w, h, err := preparePicture(file, maxW, maxH, used, color.RGBA{bg.R, bg.G, bg.B, 255})
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: persona %q: image %q: %w", d.Source, pos.Line, ps.ID, ps.Image, err)
		}
		used[w] = true
		images[key] = img
		for _, i := range byKey[key] {
			refs[i] = &face.ImageRef{Key: key, W: w, H: h}
		}
		if file.Header.Decoded > 16<<20 {
			// Give a large decoded picture back now, rather than let the
			// next one be decoded beside it.
			runtime.GC()
		}
	}
	return refs, images, nil
}

// printBox is the largest picture, in pixels, worth putting on spec's
// cards: the safe zone at ImageDPI, within MaxPrintedPixels.
func printBox(spec *layout.Spec) (w, h int) {
	px := func(mm float64) float64 { return max(1, math.Ceil(mm/25.4*ImageDPI)) }
	fw, fh := px(spec.Card.W-2*spec.Safe), px(spec.Card.H-2*spec.Safe)
	if s := math.Sqrt(MaxPrintedPixels / (fw * fh)); s < 1 {
		fw, fh = math.Floor(fw*s), math.Floor(fh*s)
	}
	return int(fw), int(fh)
}

// preparePicture decodes a checked picture and scales it into maxW × maxH
// pixels at its proportions, at a width not in used, flattened on bg.
func preparePicture(file *deck.Image, maxW, maxH int, used map[int]bool, bg color.RGBA) (draw.Image, int, int, error) {
	src, format, err := image.Decode(bytes.NewReader(file.Data))
	if err != nil {
		return draw.Image{}, 0, 0, err
	}
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	scale := min(1, float64(maxW)/float64(sw), float64(maxH)/float64(sh))
	w := distinctWidth(max(1, int(math.Round(float64(sw)*scale))), used)
	h := max(1, int(math.Round(float64(sh)*float64(w)/float64(sw))))
	dst := resample(src, w, h, bg)
	var buf bytes.Buffer
	img := draw.Image{Type: "PNG"}
	if format == "jpeg" {
		img.Type = "JPG"
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 92})
	} else {
		err = encodePNG(&buf, dst)
	}
	if err != nil {
		return draw.Image{}, 0, 0, err
	}
	img.Data = buf.Bytes()
	return img, w, h, nil
}

// distinctWidth returns w if no picture has it yet, else the nearest width
// below it that none has, else the nearest above.
func distinctWidth(w int, used map[int]bool) int {
	for c := w; c >= 1; c-- {
		if !used[c] {
			return c
		}
	}
	for c := w + 1; ; c++ {
		if !used[c] {
			return c
		}
	}
}

// resample returns src at w × h pixels over an opaque background. Scaling
// down (the usual case) averages the source pixels each output pixel
// covers, reading the source one row at a time: its time is linear in the
// source's pixels and its memory in its width. Scaling up, which only a
// tiny picture moved to a free width needs, uses Catmull-Rom.
func resample(src image.Image, w, h int, bg color.RGBA) *image.RGBA {
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if w > sw || h > sh {
		imgdraw.Draw(dst, dst.Bounds(), image.NewUniform(bg), image.Point{}, imgdraw.Src)
		xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, b, xdraw.Over, nil)
		return dst
	}
	// Source column x covers [x·w, (x+1)·w) and output column j covers
	// [j·sw, (j+1)·sw) on a common scale: x gives weight a to column j0 and
	// the rest, w-a, to j0+1. The same for rows. Weights are exact integers.
	type split struct {
		j    int
		a, b float64
	}
	splits := func(n, m int) []split { // n source pixels onto m ≤ n
		s := make([]split, n)
		for x := range n {
			lo := int64(x) * int64(m)
			j := lo / int64(n)
			a := min(lo+int64(m), (j+1)*int64(n)) - lo
			s[x] = split{int(j), float64(a), float64(int64(m) - a)}
		}
		return s
	}
	cols, rows := splits(sw, w), splits(sh, h)
	row := image.NewRGBA(image.Rect(0, 0, sw, 1))
	line := make([]float64, 4*w)                            // the source row, averaged across
	cur, next := make([]float64, 4*w), make([]float64, 4*w) // output rows i and i+1
	i := 0
	norm := 1 / (float64(sw) * float64(sh))
	emit := func() {
		p := dst.Pix[i*dst.Stride:]
		for k := 0; k < 4*w; k += 4 {
			// Premultiplied average over the background.
			a := cur[k+3] * norm
			for c, bgc := range [3]uint8{bg.R, bg.G, bg.B} {
				p[k+c] = uint8(min(255, cur[k+c]*norm+float64(bgc)*(255-a)/255+0.5))
			}
			p[k+3] = 255
		}
		i++
		cur, next = next, cur
		clear(next)
	}
	for y := range sh {
		imgdraw.Draw(row, row.Bounds(), src, image.Pt(b.Min.X, b.Min.Y+y), imgdraw.Src)
		clear(line)
		for x, s := range cols {
			px := row.Pix[4*x : 4*x+4]
			l := line[4*s.j : 4*s.j+4]
			for c := range 4 {
				l[c] += s.a * float64(px[c])
			}
			if s.b > 0 {
				l = line[4*s.j+4 : 4*s.j+8]
				for c := range 4 {
					l[c] += s.b * float64(px[c])
				}
			}
		}
		r := rows[y]
		for k, v := range line {
			cur[k] += r.a * v
			next[k] += r.b * v
		}
		// Output row r.j is complete once the source reaches its end.
		if (int64(y)+1)*int64(h) >= int64(r.j+1)*int64(sh) {
			emit()
		}
	}
	return dst
}

// encodePNG writes an opaque RGB PNG: without an alpha channel, the PDF
// gets no soft mask and no transparency group. (image/png writes an RGBA
// image whose alpha is 255 everywhere, as resample makes them, as RGB.)
func encodePNG(w io.Writer, src *image.RGBA) error {
	return (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(w, src)
}
