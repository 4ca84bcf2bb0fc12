package build

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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
	t.Parallel()
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

// TestResample: scaling down averages exactly the source pixels each output
// pixel covers, transparency over the background; at the same size it
// copies.
func TestResample(t *testing.T) {
	t.Parallel()
	src := image.NewNRGBA(image.Rect(10, 20, 13, 22)) // 3 × 2, not at the origin
	vals := []uint8{0, 30, 60, 90, 120, 150}
	for i, v := range vals {
		src.SetNRGBA(10+i%3, 20+i/3, color.NRGBA{v, 255 - v, 0, 255})
	}
	bg := color.RGBA{200, 100, 50, 255}
	same := resample(src, 3, 2, bg)
	for i, v := range vals {
		if got := same.RGBAAt(i%3, i/3); got != (color.RGBA{v, 255 - v, 0, 255}) {
			t.Errorf("same size, pixel %d: %v", i, got)
		}
	}
	// 3 × 2 onto 2 × 1: the left output pixel is source columns 0 and half
	// of 1, both rows: (0 + 90 + (30 + 120)/2) / 3 = 55.
	half := resample(src, 2, 1, bg)
	if got := half.RGBAAt(0, 0); got.R != 55 || got.G != 200 || got.A != 255 {
		t.Errorf("left pixel %v, want R 55, G 200", got)
	}
	if got := half.RGBAAt(1, 0); got.R != 95 || got.G != 160 {
		t.Errorf("right pixel %v, want R 95, G 160", got)
	}
	// Half transparent black over the background: halfway.
	clear := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for i := range clear.Pix {
		if i%4 == 3 {
			clear.Pix[i] = 128
		}
	}
	if got := resample(clear, 1, 1, bg).RGBAAt(0, 0); got != (color.RGBA{100, 50, 25, 255}) {
		t.Errorf("half transparent black over %v: %v", bg, got)
	}
}

func TestDistinctWidth(t *testing.T) {
	t.Parallel()
	used := map[int]bool{}
	var got []int
	for _, w := range []int{3, 3, 3, 3, 3, 10} {
		c := distinctWidth(w, used)
		used[c] = true
		got = append(got, c)
	}
	if want := []int{3, 2, 1, 4, 5, 10}; !slices.Equal(got, want) {
		t.Errorf("widths %v, want %v", got, want)
	}
}

// pictureDeck writes pictures of the given sizes and a deck showing them,
// and loads it.
func pictureDeck(t *testing.T, sizes ...[2]int) *deck.Deck {
	t.Helper()
	dir := t.TempDir()
	src := "nom;rôle;pays;texte;conditions;image\n"
	for i, s := range sizes {
		name := fmt.Sprintf("p%d.png", i)
		img := image.NewGray(image.Rect(0, 0, s[0], s[1]))
		for j := range img.Pix {
			img.Pix[j] = uint8(j * 7)
		}
		var buf bytes.Buffer
		(&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
		os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
		src += fmt.Sprintf("P%d;R;France;Un texte.;C;%s\n", i, name)
	}
	path := filepath.Join(dir, "deck.csv")
	os.WriteFile(path, []byte(src), 0o644)
	d, err := deck.Load(path, "")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPicturesBoundedByPrint: however long or tall, a picture goes into the
// PDF at no more pixels than its largest printed box at 300 dpi, at its
// proportions (a 1 × 40,000,000 picture became 1 × 40,000,000 and took
// 1.8 GB; it is refused now, and one of 1:20 is bounded).
func TestPicturesBoundedByPrint(t *testing.T) {
	t.Parallel()
	sizes := [][2]int{{100, 2000}, {2000, 100}, {3000, 3000}, {50, 40}}
	d := pictureDeck(t, sizes...)
	spec, _ := LoadLayout("tarot")
	refs, images, err := prepareImages(d, spec, func(*deck.Persona) deck.RGB { return deck.RGB{} })
	if err != nil {
		t.Fatal(err)
	}
	maxW, maxH := printBox(spec)
	if maxW != 733 || maxH != 1323 { // 62 × 112 mm at 300 dpi
		t.Errorf("print box %d × %d", maxW, maxH)
	}
	for i, s := range sizes {
		ref := refs[i]
		cfg, _, err := image.DecodeConfig(bytes.NewReader(images[ref.Key].Data))
		if err != nil || cfg.Width != ref.W || cfg.Height != ref.H {
			t.Fatalf("picture %d: %v, %+v", i, err, cfg)
		}
		if ref.W > maxW || ref.H > maxH || ref.W > s[0] || ref.H > s[1] {
			t.Errorf("%d × %d became %d × %d, beyond %d × %d", s[0], s[1], ref.W, ref.H, maxW, maxH)
		}
		if r, want := float64(ref.W)/float64(ref.H), float64(s[0])/float64(s[1]); math.Abs(r/want-1) > 0.05 {
			t.Errorf("%d × %d became %d × %d: proportions changed", s[0], s[1], ref.W, ref.H)
		}
	}
	// A card of 2 m still gets no more than MaxPrintedPixels.
	huge := *spec
	huge.Card.W, huge.Card.H = 2000, 2000
	if w, h := printBox(&huge); w*h > MaxPrintedPixels || w < 2000 {
		t.Errorf("print box of a 2 m card: %d × %d", w, h)
	}
}

// TestPictureMemory: preparing a large accepted picture allocates little
// more than decoding it takes (deck's estimate): scaling reads it a row at
// a time (Catmull-Rom over the whole picture allocated 32 bytes for each
// source row times output column: 70 MB more for this one).
func TestPictureMemory(t *testing.T) {
	// Not parallel: it measures allocation.
	d := pictureDeck(t, [2]int{4000, 3000})
	spec, _ := LoadLayout("tarot")
	file, err := d.ReadImage(&d.Personas[0])
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, _, err := prepareImages(d, spec, func(*deck.Persona) deck.RGB { return deck.RGB{} }); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	// Decoded: 12 MB of grey. Besides: the file, the output (733 × 550
	// RGBA, and its PNG), row buffers.
	limit := uint64(file.Header.Decoded) + uint64(len(file.Data)) + 8<<20
	if got := after.TotalAlloc - before.TotalAlloc; got > limit {
		t.Errorf("allocated %d MB, want at most %d MB", got>>20, limit>>20)
	}
}

// TestSpellingsDecodedOnce: a.png, ./a.png and sub/../a.png are one
// picture, prepared once.
func TestSpellingsDecodedOnce(t *testing.T) {
	t.Parallel()
	d := pictureDeck(t, [2]int{300, 200})
	os.Mkdir(filepath.Join(d.Dir, "sub"), 0o755)
	p := d.Personas[0]
	for _, spelling := range []string{"./p0.png", "sub/../p0.png"} {
		p.Image, p.ID = spelling, p.ID+"x"
		d.Personas = append(d.Personas, p)
	}
	spec, _ := LoadLayout("tarot")
	refs, images, err := prepareImages(d, spec, func(*deck.Persona) deck.RGB { return deck.RGB{} })
	if err != nil {
		t.Fatal(err)
	}
	if len(images) != 1 || refs[0] != refs[1] && *refs[0] != *refs[1] || *refs[1] != *refs[2] {
		t.Errorf("%d images, refs %v %v %v; want one", len(images), refs[0], refs[1], refs[2])
	}
}
