package png_test

import (
	"io"
	"runtime"
	"sync"
	"testing"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/render/png"
)

// BenchmarkDeckPNG draws and encodes all 40 faces of the default deck
// (tarot cards, cut at the trim) at 150 dpi, on every core, as cardgen
// preview does.
func BenchmarkDeckPNG(b *testing.B) {
	cards, fam := composed(b)
	var faces []*draw.Drawing
	for i := range cards.Faces {
		faces = append(faces, &cards.Faces[i][0], &cards.Faces[i][1])
	}
	for b.Loop() {
		r := png.New(fam, cards.Images)
		var wg sync.WaitGroup
		next := make(chan *draw.Drawing)
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for f := range next {
					img, err := r.Face(f, png.DefaultDPI, false)
					if err != nil {
						b.Error(err)
						continue
					}
					if err := png.Encode(io.Discard, img, png.DefaultDPI); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, f := range faces {
			next <- f
		}
		close(next)
		wg.Wait()
	}
}

// BenchmarkDeckPNGDrawOnly draws the 40 faces on one core, without
// encoding them.
func BenchmarkDeckPNGDrawOnly(b *testing.B) {
	cards, fam := composed(b)
	for b.Loop() {
		r := png.New(fam, cards.Images)
		for i := range cards.Faces {
			for side := range 2 {
				if _, err := r.Face(&cards.Faces[i][side], png.DefaultDPI, false); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}
