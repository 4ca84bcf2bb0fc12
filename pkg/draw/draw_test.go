package draw

import (
	"testing"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// TestSingle: a face alone is its trim, clipped, or its trim and bleed with
// the face 3 mm in from every edge.
func TestSingle(t *testing.T) {
	t.Parallel()
	d := &Drawing{W: 70, H: 120, Bleed: 3}
	trim := Single(d, false)
	if trim.W != 70 || trim.H != 120 || len(trim.Faces) != 1 || !trim.Faces[0].Clip || !trim.Faces[0].At.Equal(geom.R(0, 0, 70, 120)) {
		t.Errorf("at the trim: %+v", trim)
	}
	bleed := Single(d, true)
	if bleed.W != 76 || bleed.H != 126 || bleed.Faces[0].Clip || !bleed.Faces[0].At.Equal(geom.R(3, 3, 70, 120)) {
		t.Errorf("with bleed: %+v", bleed)
	}
	if !d.BleedRect().Equal(geom.R(-3, -3, 76, 126)) {
		t.Errorf("BleedRect %v", d.BleedRect())
	}
	// No bleed to show: the trim.
	if p := Single(&Drawing{W: 10, H: 10}, true); p.W != 10 || !p.Faces[0].Clip {
		t.Errorf("no bleed: %+v", p)
	}
}

func TestTextString(t *testing.T) {
	t.Parallel()
	tx := Text{Runs: []Run{{Text: "Chez "}, {Text: "Cloudfactory", Style: typeface.Italic}, {Text: ", entreprise"}}}
	if got := tx.String(); got != "Chez Cloudfactory, entreprise" {
		t.Errorf("String() = %q", got)
	}
	if got := (Color{R: 0x8A, G: 0x4B, B: 0x14}).String(); got != "#8A4B14" {
		t.Errorf("Color.String() = %q", got)
	}
}
