package deck_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// pngHeader returns a PNG whose header claims w × h pixels of the given
// depth and colour type, interlaced or not, followed by no pixel data: enough
// for every check that reads headers only.
func pngHeader(w, h int, depth, colorType, interlace byte) []byte {
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9], ihdr[12] = depth, colorType, interlace
	return append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", ihdr[:])...)
}

func chunk(typ string, data []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.WriteString(typ)
	b.Write(data)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	return b.Bytes()
}

// jpegHeader returns a JPEG's start and frame header (SOF0 or SOF2) for
// w × h pixels with the given components (id, sampling H<<4|V), after an
// optional JFIF marker; no scan follows.
func jpegHeader(sof byte, w, h int, jfif bool, comps ...[2]byte) []byte {
	b := []byte{0xFF, 0xD8}
	if jfif {
		b = append(b, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0)
	}
	seg := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), byte(len(comps))}
	for _, c := range comps {
		seg = append(seg, c[0], c[1], 0)
	}
	b = append(b, 0xFF, sof, byte((len(seg)+2)>>8), byte(len(seg)+2))
	b = append(b, seg...)
	// The start of a scan, where DecodeConfig stops without JFIF.
	return append(b, 0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0)
}

func TestReadImageHeaderCost(t *testing.T) {
	t.Parallel()
	ycc420 := [][2]byte{{1, 0x22}, {2, 0x11}, {3, 0x11}}
	for _, c := range []struct {
		name    string
		data    []byte
		decoded int64 // bytes, within 2 % (JPEG rounds up to whole blocks)
		storage string
	}{
		{"grey png", pngHeader(1000, 1000, 8, 0, 0), 1_000_000, ""},
		{"rgb png", pngHeader(1000, 1000, 8, 2, 0), 4_000_000, ""},
		{"rgba16 png", pngHeader(1000, 1000, 16, 6, 0), 8_000_000, "16 bits a channel"},
		{"interlaced png", pngHeader(1000, 1000, 8, 6, 1), 8_000_000, "interlaced"},
		{"palette png", append(pngHeader(1000, 1000, 4, 3, 0), append(chunk("PLTE", make([]byte, 3*16)), chunk("IDAT", nil)...)...), 1_000_000, ""},
		{"baseline 4:2:0", jpegHeader(0xC0, 1000, 1000, true, ycc420...), 1_500_000, ""},
		{"progressive 4:2:0", jpegHeader(0xC2, 1000, 1000, true, ycc420...), 7_500_000, "progressive JPEG"},
		{"cmyk", jpegHeader(0xC0, 1000, 1000, false, [2]byte{1, 0x11}, [2]byte{2, 0x11}, [2]byte{3, 0x11}, [2]byte{4, 0x11}), 8_000_000, "CMYK"},
		{"rgb jpeg", jpegHeader(0xC0, 1000, 1000, false, [2]byte{'R', 0x11}, [2]byte{'G', 0x11}, [2]byte{'B', 0x11}), 7_000_000, ""},
	} {
		h, err := deck.ReadImageHeader(bytes.NewReader(c.data))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if h.Width != 1000 || h.Height != 1000 || h.Decoded < c.decoded || float64(h.Decoded) > 1.02*float64(c.decoded) || h.Storage != c.storage {
			t.Errorf("%s: %+v; want %d bytes, storage %q", c.name, h, c.decoded, c.storage)
		}
	}
}

// writeDeck writes a CSV dataset in dir whose personas show the given
// pictures, and loads it.
func loadWithImages(t *testing.T, dir string, images ...string) []diag.Problem {
	t.Helper()
	src := "nom;rôle;pays;texte;conditions;image\n"
	for _, img := range images {
		src += "P;R;France;T;C;" + img + "\n"
	}
	path := filepath.Join(dir, "deck.csv")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := deck.Load(path, "")
	if err == nil {
		return nil
	}
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("err = %v", err)
	}
	var out []diag.Problem
	for _, p := range l {
		if p.Field == "image" {
			out = append(out, p)
		}
	}
	return out
}

// Limits are checked on the header, before any pixel is decoded: a picture
// too thin, or one that would take too much memory to decode, is refused
// with a message that names it and says what to do.
func TestImageLimits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string][]byte{
		"thin.png":   pngHeader(1, 40_000_000, 8, 0, 0),
		"wide.png":   pngHeader(40_000_000, 1, 8, 0, 0),
		"deep.png":   pngHeader(6000, 6000, 16, 6, 0),
		"prog.jpg":   jpegHeader(0xC2, 7000, 5000, true, [2]byte{1, 0x11}, [2]byte{2, 0x11}, [2]byte{3, 0x11}),
		"huge.jpg":   jpegHeader(0xC0, 60000, 60000, true, [2]byte{1, 0x11}),
		"narrow.png": pngHeader(100, 2001, 8, 2, 0),
		"ok.png":     pngHeader(100, 2000, 8, 2, 0), // 1:20 exactly
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := loadWithImages(t, dir, "thin.png", "wide.png", "deep.png", "prog.jpg", "huge.jpg", "narrow.png", "ok.png", "./thin.png")
	want := []string{
		`2: F2: "thin.png" is 1 × 40000000 pixels: a picture more than 20 times as wide as it is high, or as high as it is wide, would print as a thin line; crop it`,
		`3: F3: "wide.png" is 40000000 × 1 pixels: a picture more than 20 times`,
		`4: F4: "deep.png" would take 288 MB of memory to decode (6000 × 6000 pixels, 16 bits a channel), more than the 160 MB a picture may take; save a smaller copy, such as 3,000 pixels`,
		`5: F5: "prog.jpg" would take 525 MB of memory to decode (7000 × 5000 pixels, progressive JPEG), more than the 160 MB`,
		`6: F6: "huge.jpg" is 60000 × 60000 pixels, more than the 40 million an image may have`,
		`7: F7: "narrow.png" is 100 × 2001 pixels: a picture more than 20 times`,
		`9: F9: "./thin.png" is 1 × 40000000 pixels`,
	}
	if len(got) != len(want) {
		t.Fatalf("%d problems, want %d: %v", len(got), len(want), got)
	}
	for i, p := range got {
		s := fmt.Sprintf("%d: %s: %s; %s", p.Line, p.Cell, p.Msg, p.Hint)
		if !strings.HasPrefix(s, want[i]) {
			t.Errorf("got  %s\nwant %s…", s, want[i])
		}
	}
}

// A symbolic link inside the dataset's folder to a picture inside it is
// followed whether the dataset is given by a relative or an absolute path;
// one out of the folder is refused either way.
func TestImageSymlinkRelativeData(t *testing.T) {
	// Not parallel: it changes the working directory.
	top := t.TempDir()
	dir := filepath.Join(top, "deck")
	outside := filepath.Join(top, "outside")
	os.MkdirAll(filepath.Join(dir, "img"), 0o755)
	os.Mkdir(outside, 0o755)
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 3)))
	os.WriteFile(filepath.Join(dir, "img", "a.png"), buf.Bytes(), 0o644)
	os.WriteFile(filepath.Join(outside, "b.png"), buf.Bytes(), 0o644)
	if err := os.Symlink(filepath.Join(dir, "img", "a.png"), filepath.Join(dir, "abs.png")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(filepath.Join("img", "a.png"), filepath.Join(dir, "rel.png"))
	os.Symlink(filepath.Join(outside, "b.png"), filepath.Join(dir, "out.png"))
	src := "nom;rôle;pays;texte;conditions;image\nP;R;France;T;C;abs.png\nQ;R;France;T;C;rel.png\nS;R;France;T;C;out.png\n"
	os.WriteFile(filepath.Join(dir, "deck.csv"), []byte(src), 0o644)
	t.Chdir(top)
	for _, path := range []string{filepath.Join(dir, "deck.csv"), filepath.Join("deck", "deck.csv"), filepath.Join(".", "deck", "..", "deck", "deck.csv")} {
		_, err := deck.Load(path, "")
		var l diag.List
		if !errors.As(err, &l) || len(l) != 1 || l[0].Line != 4 || !strings.Contains(l[0].Msg, `"out.png" leads outside the dataset's folder`) {
			t.Errorf("--data %s: %v; want only out.png refused", path, err)
		}
	}
}

// Every spelling of a picture's path is the same picture.
func TestImageKey(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"a.png", "./a.png", "sub/../a.png", `sub\..\a.png`, "./sub/./../a.png"} {
		if k := deck.ImageKey(&deck.Persona{Image: p}); k != "a.png" {
			t.Errorf("ImageKey(%q) = %q", p, k)
		}
	}
	if k := deck.ImageKey(&deck.Persona{Image: "../a.png"}); k != "" {
		t.Errorf("ImageKey(../a.png) = %q", k)
	}
}
