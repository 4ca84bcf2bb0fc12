package build

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// writeImages makes three pictures of the same width (the case the PDF
// library writes in map order), one a PNG with transparency.
func writeImages(t *testing.T, dir string) {
	t.Helper()
	for i, name := range []string{"a.jpg", "b.png", "c.jpg"} {
		img := image.NewNRGBA(image.Rect(0, 0, 1000, 600+200*i))
		for y := range img.Bounds().Dy() {
			for x := range 1000 {
				img.Set(x, y, color.NRGBA{uint8(x), uint8(y), uint8(40 * i), uint8(255 - x/8)})
			}
		}
		var buf bytes.Buffer
		if filepath.Ext(name) == ".png" {
			png.Encode(&buf, img)
		} else {
			jpeg.Encode(&buf, img, nil)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestImages: pictures are printed in the safe zone, at distinct widths
// no larger than 300 dpi allows, without transparency, and the PDF is the
// same, byte for byte, from one build to the next.
func TestImages(t *testing.T) {
	dir := t.TempDir()
	writeImages(t, dir)
	src := `deck: {title: T, language: fr}
categories: [{id: c, label: C, color: "#1D6A80"}]
personas:
  - {id: a, name: A, role: R, country_code: CL, category: c, text: Un texte., conditions: [X], image: a.jpg}
  - {id: b, name: B, role: R, country_code: CL, category: c, text: Un texte., conditions: [X], image: b.png}
  - {id: c, name: C, role: R, country_code: CL, category: c, text: Un texte., conditions: [X], image: c.jpg}
  - {id: d, name: D, role: R, country_code: CL, category: c, text: Un texte., conditions: [X], image: a.jpg}
`
	path := filepath.Join(dir, "deck.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := deck.Load(path, "")
	if err != nil {
		t.Fatal(err)
	}
	fam, _ := typeface.Default()
	spec, _ := LoadLayout("tarot")
	cards, err := Compose(d, spec, fam)
	if err != nil {
		t.Fatal(err)
	}
	if len(cards.Images) != 3 {
		t.Fatalf("%d images, want 3 (a.jpg shared by two personas)", len(cards.Images))
	}
	widths := map[int]bool{}
	for key, img := range cards.Images {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(img.Data))
		if err != nil {
			t.Fatal(err)
		}
		if widths[cfg.Width] || cfg.Width > 733 { // 62 mm at 300 dpi
			t.Errorf("%s: width %d repeated or above 300 dpi", key, cfg.Width)
		}
		widths[cfg.Width] = true
	}
	safe := geom.R(0, 0, 70, 120).Inset(spec.Safe)
	for i, f := range cards.Faces {
		if len(f[0].Images) != 1 || !safe.Contains(f[0].Images[0].Rect) {
			t.Errorf("card %d: images %v", i+1, f[0].Images)
		}
		for _, tx := range f[0].Text {
			if tx.Box.Overlaps(f[0].Images[0].Rect) {
				t.Errorf("card %d: %q overlaps the picture", i+1, tx.String())
			}
		}
	}
	var first []byte
	for i := range 3 {
		pdf, _, err := Render(cards, fam, DefaultDate, "both")
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = pdf
			if bytes.Contains(pdf, []byte("/SMask")) || bytes.Contains(pdf, []byte("/Group")) {
				t.Error("a picture brought transparency into the PDF")
			}
		} else if !bytes.Equal(pdf, first) {
			t.Fatal("two renders differ")
		}
	}
}
