package app

import (
	"bytes"
	"image"
	stdpng "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/tabletop"
)

func readPicture(t *testing.T, files []File, name string) image.Image {
	t.Helper()
	for _, f := range files {
		if f.Name == name {
			img, err := stdpng.Decode(bytes.NewReader(f.Data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return img
		}
	}
	t.Fatalf("no %s", name)
	return nil
}

func colourAt(img image.Image, x, y int) draw.Color {
	r, g, b, _ := img.At(x, y).RGBA()
	return draw.Color{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8)}
}

// TestTabletop: 75 cards (two personas, 40 and 35 copies) make two sheets
// of fronts and two of backs, 69 cards and 6, each within Tabletop
// Simulator's limits, with the deck's title in the last slot, and the
// instructions name every sheet with its grid and number of cards.
func TestTabletop(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mini, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	data := strings.Replace(string(mini), "  - id: fara\n", "    copies: 40\n  - id: fara\n    copies: 35\n", 1)
	src := filepath.Join(dir, "mini.yaml")
	if err := os.WriteFile(src, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Tabletop(TabletopOptions{Dataset: Dataset{Path: src}, DPI: 40}) // 75 cards: small pictures suffice
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"mini-tts-tarot-40dpi-faces-1.png", "mini-tts-tarot-40dpi-backs-1.png", "mini-tts-tarot-40dpi-faces-2.png",
		"mini-tts-tarot-40dpi-backs-2.png", "mini-tts-tarot-40dpi.txt"}
	var got []string
	for _, f := range res.Files {
		got = append(got, f.Name)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("files %v, want %v", got, want)
	}
	p := res.Plan
	if len(p.Sheets) != 2 || p.Sheets[0].Count != 69 || p.Sheets[1].Count != 6 {
		t.Fatalf("sheets %+v", p.Sheets)
	}
	for i, s := range p.Sheets {
		for _, side := range []string{"faces", "backs"} {
			img := readPicture(t, res.Files, "mini-tts-tarot-40dpi-"+side+"-"+string(rune('1'+i))+".png")
			w, h := p.Pixels(s, 70, 120)
			if b := img.Bounds(); b.Dx() != w || b.Dy() != h || w > tabletop.MaxPixels || h > tabletop.MaxPixels {
				t.Errorf("sheet %d %s: %v pixels, want %d × %d within %d", i+1, side, b.Size(), w, h, tabletop.MaxPixels)
			}
			// Each slot's foot, below the safe zone (the front's map reaches
			// down to the footer): the cards' grounds, the hidden card's dark one.
			slotW, slotH := float64(w)/float64(s.Columns), float64(h)/float64(s.Rows)
			at := func(col, row int) draw.Color {
				return colourAt(img, int((float64(col)+0.5)*slotW), int((float64(row)+0.985)*slotH))
			}
			hc, hr := s.Hidden()
			if c := at(hc, hr); c != (draw.Color{R: 0x2B, G: 0x33, B: 0x45}) {
				t.Errorf("sheet %d %s: the hidden slot shows %v, want the common back's #2B3345", i+1, side, c)
			}
			c, r := s.Slot(s.Count - 1)
			if c := at(c, r); c.R < 0xF0 {
				t.Errorf("sheet %d %s: the last card's slot shows %v, want a card's light ground", i+1, side, c)
			}
		}
	}
	txt := res.Files[len(res.Files)-1].Data
	if res.Files[len(res.Files)-1].Name != res.Instructions {
		t.Errorf("the last file is %s, not the instructions", res.Files[len(res.Files)-1].Name)
	}
	for _, w := range []string{"(75 cards)", "Objects > Components > Custom > Deck", "mini-tts-tarot-40dpi-faces-2.png", "Number:        6"} {
		if !strings.Contains(string(txt), w) {
			t.Errorf("the instructions lack %q:\n%s", w, txt)
		}
	}
}
