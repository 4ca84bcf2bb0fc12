package build

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math"
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

// prepareImages reads every persona's picture once and readies it for the
// PDF: alpha flattened on the card's background (no transparency in print
// files), scaled to
// at most ImageDPI at the widest it can be printed, and re-encoded (JPEG
// stays JPEG, PNG stays PNG). Every picture gets a pixel width no other has:
// the PDF library writes images of equal width in map order, which would
// make the bytes differ from one build to the next; a picture one pixel
// narrower is invisible, a changing file is not.
func prepareImages(d *deck.Deck, spec *layout.Spec, background func(*deck.Persona) deck.RGB) (map[int]*face.ImageRef, map[string]draw.Image, error) {
	refs := map[int]*face.ImageRef{}
	images := map[string]draw.Image{}
	var keys []string
	byKey := map[string][]int{}
	for i := range d.Personas {
		if p := d.Personas[i].Image; p != "" {
			if _, ok := byKey[p]; !ok {
				keys = append(keys, p)
			}
			byKey[p] = append(byKey[p], i)
		}
	}
	slices.Sort(keys)
	maxW := int(math.Ceil((spec.Card.W - 2*spec.Safe) / 25.4 * ImageDPI))
	used := map[int]bool{}
	for _, key := range keys {
		ps := &d.Personas[byKey[key][0]]
		f, err := d.OpenImage(ps)
		if err != nil {
			return nil, nil, err
		}
		src, format, err := image.Decode(f)
		f.Close()
		if err != nil {
			pos := ps.Where("image")
			return nil, nil, fmt.Errorf("%s:%d: persona %q: image %q: %w", d.Source, pos.Line, ps.ID, key, err)
		}
		b := src.Bounds()
		w := min(b.Dx(), maxW)
		for used[w] && w > 1 {
			w--
		}
		used[w] = true
		h := max(1, int(math.Round(float64(b.Dy())*float64(w)/float64(b.Dx()))))
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		// Transparent parts show the card's own background (of the first
		// persona with this picture), as they would on screen.
		bg := background(ps)
		xdraw.Draw(dst, dst.Bounds(), image.NewUniform(color.RGBA{bg.R, bg.G, bg.B, 255}), image.Point{}, xdraw.Src)
		xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, b, xdraw.Over, nil)
		var buf bytes.Buffer
		img := draw.Image{Type: "PNG"}
		if format == "jpeg" {
			img.Type = "JPG"
			err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 92})
		} else {
			err = encodePNG(&buf, dst)
		}
		if err != nil {
			return nil, nil, err
		}
		img.Data = buf.Bytes()
		images[key] = img
		for _, i := range byKey[key] {
			refs[i] = &face.ImageRef{Key: key, W: w, H: h}
		}
	}
	return refs, images, nil
}

// encodePNG writes an opaque RGB PNG: without an alpha channel, the PDF
// gets no soft mask and no transparency group.
func encodePNG(w io.Writer, src *image.RGBA) error {
	b := src.Bounds()
	rgb := image.NewNRGBA(b)
	copy(rgb.Pix, src.Pix)
	// NRGBA with alpha 255 everywhere is encoded as RGB by image/png.
	return (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(w, rgb)
}
