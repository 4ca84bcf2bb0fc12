package cli_test

// Hostile pictures (issue 15): each test here failed before its fix. The
// pictures are generated, not committed.

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cardgen/cardgen/internal/testenv"
	"github.com/cardgen/cardgen/pkg/cli"
)

// zeroPNG writes a valid 8-bit grey PNG of w × h black pixels. Its rows are
// all zeros, which compress about 1,000 to 1: 1 × 40,000,000 pixels take
// 78 KB.
func zeroPNG(t *testing.T, path string, w, h int) {
	t.Helper()
	chunk := func(b *bytes.Buffer, typ string, data []byte) {
		binary.Write(b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	var idat bytes.Buffer
	z, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed) // 100 KB for 80 MB of zeros
	zeros := make([]byte, 1<<20)
	for n := int64(h) * int64(w+1); n > 0; n -= int64(len(zeros)) {
		z.Write(zeros[:min(n, int64(len(zeros)))])
	}
	z.Close()
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8] = 8 // depth; colour type 0, grey
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk(&b, "IHDR", ihdr[:])
	chunk(&b, "IDAT", idat.Bytes())
	chunk(&b, "IEND", nil)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// csvDeck writes a CSV dataset in dir whose personas show the given
// pictures, in built-in categories (which have icons), and returns its
// path.
func csvDeck(t *testing.T, dir string, images ...string) string {
	t.Helper()
	categories := []string{"extraction", "clickwork", "creation"}
	src := "nom;rôle;pays;texte;conditions;catégorie;image\n"
	for i, img := range images {
		src += string(rune('A'+i)) + ";Rôle;France;Un texte.;Une condition;" + categories[i%3] + ";" + img + "\n"
	}
	path := filepath.Join(dir, "deck.csv")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// allocated runs f and returns the bytes it allocated (all goroutines: run
// it only from a test that is not parallel).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestThinImages: pictures of 1 × 40,000,000 and 40,000,000 × 1 pixels,
// within the pixel limit, are refused from their header by validate and
// build, at once and in little memory (they took 1.8 and 2.6 GB); so is a
// JPEG of 65,000 × 8.
func TestThinImages(t *testing.T) {
	// Not parallel: it measures allocation, which other tests would add to.
	dir := t.TempDir()
	zeroPNG(t, filepath.Join(dir, "thin.png"), 1, 40_000_000)
	zeroPNG(t, filepath.Join(dir, "wide.png"), 40_000_000, 1)
	var thinJPEG bytes.Buffer
	jpeg.Encode(&thinJPEG, image.NewGray(image.Rect(0, 0, 65_000, 8)), nil)
	os.WriteFile(filepath.Join(dir, "wide.jpg"), thinJPEG.Bytes(), 0o644)
	for _, img := range []string{"thin.png", "wide.png", "wide.jpg"} {
		data := csvDeck(t, dir, img)
		for _, args := range [][]string{
			{"validate", "--data", data},
			{"build", "--data", data, "--out", filepath.Join(dir, "out")},
		} {
			var r result
			start := time.Now()
			n := allocated(func() { r = run(t, nil, args...) })
			if r.code != cli.ExitInput || !strings.Contains(r.stderr, `"`+img+`" is `) || !strings.Contains(r.stderr, "would print as a thin line; crop it") {
				t.Errorf("cardgen %s: exit %d, stderr:\n%s", strings.Join(args, " "), r.code, r.stderr)
			}
			if d := time.Since(start); d > testenv.Limit(5*time.Second) || n > 100<<20 {
				t.Errorf("cardgen %s with %s: %v and %d MB allocated", args[0], img, d.Round(time.Millisecond), n>>20)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a failed build created its output folder")
	}
}

// TestImageSymlinkRelativeData: a link inside the dataset's folder to a
// picture inside it is accepted with a relative --data as with an absolute
// one (it was refused as "outside the dataset's folder").
func TestImageSymlinkRelativeData(t *testing.T) {
	// Not parallel: it changes the working directory.
	top := t.TempDir()
	dir := filepath.Join(top, "deck")
	os.Mkdir(dir, 0o755)
	writePicture(t, filepath.Join(dir, "a.png"), 300, 200, 0)
	if err := os.Symlink(filepath.Join(dir, "a.png"), filepath.Join(dir, "link.png")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	data := csvDeck(t, dir, "link.png")
	t.Chdir(top)
	for _, d := range []string{data, filepath.Join("deck", "deck.csv")} {
		if r := run(t, nil, "validate", "--data", d); r.code != cli.ExitOK {
			t.Errorf("validate --data %s: exit %d\n%s", d, r.code, r.stderr)
		}
	}
}

// writePicture writes a w × h picture with some detail, PNG (with
// transparency) or JPEG by its extension; seed varies its content.
func writePicture(t *testing.T, path string, w, h, seed int) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8(seed * 60), uint8(255 - (x/16+y/16)%2*128)})
		}
	}
	var buf bytes.Buffer
	if strings.HasSuffix(path, ".jpg") {
		jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80})
	} else {
		png.Encode(&buf, img)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImageSpellings: one picture named as a.png, ./a.png and sub/../a.png
// is one image in the PDF, read and decoded once.
func TestImageSpellings(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	writePicture(t, filepath.Join(dir, "a.png"), 300, 200, 0)
	data := csvDeck(t, dir, "a.png", "./a.png", "sub/../a.png")
	out := filepath.Join(dir, "deck.pdf")
	mustRun(t, nil, "build", "--data", data, "--layout", "tarot", "--out", out)
	if n := bytes.Count(readFile(t, out), []byte("/Subtype /Image")); n != 1 {
		t.Errorf("%d images in the PDF, want 1", n)
	}
}
