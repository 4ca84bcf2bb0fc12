package build

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/geom"
)

var update = flag.Bool("update", false, "rewrite testdata/pdf-sha256.golden")

// TestPDFChecksums pins the bytes of every built-in layout in both
// languages, of print variants (ink saver, duplex edges, split files, an
// offset), of the facilitator's sheet and of the calibration sheets: any
// change in what a PDF holds, even one byte, shows up here with the name of
// the file. When a change is intended, look at the PDFs, then accept it with
//
//	go test ./pkg/build -run TestPDFChecksums -update
//
// The bytes also depend on the Go toolchain (compress/flate writes the
// content streams): a new Go release may change every checksum at once,
// with nothing else changed.
func TestPDFChecksums(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 50 PDFs")
	}
	dir := t.TempDir()
	var files []string
	build := func(name string, opts Options) {
		t.Helper()
		opts.Out = filepath.Join(dir, name+".pdf")
		outs, err := Run(opts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, o := range outs {
			files = append(files, o.Path)
		}
	}
	offset := geom.Point{X: 1, Y: -0.5}
	for _, lang := range []string{"fr", "en"} {
		for _, l := range layouts.Names() {
			build(l+"-"+lang, Options{Lang: lang, Layouts: []string{l}})
		}
		build("a4-ink-"+lang, Options{Lang: lang, Layouts: []string{"a4"}, Print: PrintOptions{InkSaver: true}})
		build("a4-short-"+lang, Options{Lang: lang, Layouts: []string{"a4"}, Print: PrintOptions{Duplex: "short"}})
		build("a4-none-"+lang, Options{Lang: lang, Layouts: []string{"a4"}, Print: PrintOptions{Duplex: "none"}})
		build("tarot-ink-"+lang, Options{Lang: lang, Layouts: []string{"tarot"}, Print: PrintOptions{InkSaver: true, Split: true}})
		build("a4-poker-off-"+lang, Options{Lang: lang, Layouts: []string{"a4-poker"}, Print: PrintOptions{BackOffset: &offset, Faces: "backs"}})
		build("a3-ink-short-"+lang, Options{Lang: lang, Layouts: []string{"a3"}, Print: PrintOptions{InkSaver: true, Duplex: "short"}})
		for _, paper := range []string{"A4", "Letter"} {
			out, err := Guide(GuideOptions{Lang: lang, Paper: paper, Out: filepath.Join(dir, "guide-"+paper+"-"+lang+".pdf")})
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, out.Path)
		}
		for _, l := range []string{"a4", "letter", "a3", "a4-poker", "letter-poker"} {
			out, err := Calibrate(CalibrateOptions{Lang: lang, Layout: l, Out: filepath.Join(dir, "calibrate-"+l+"-"+lang+".pdf")})
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, out.Path)
		}
	}
	rich := filepath.Join("..", "..", "testdata", "datasets", "good", "rich.yaml")
	build("rich-a4", Options{Data: rich, Layouts: []string{"a4"}})
	build("rich-tarot-ink", Options{Data: rich, Layouts: []string{"tarot"}, Print: PrintOptions{InkSaver: true}})

	var lines []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%x  %s", sha256.Sum256(data), filepath.Base(f)))
	}
	slices.SortFunc(lines, func(a, b string) int { return strings.Compare(a[66:], b[66:]) })
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", "pdf-sha256.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pkg/build -run TestPDFChecksums -update to create it)", err)
	}
	if got == string(want) {
		return
	}
	wantLines := strings.Split(strings.TrimSpace(string(want)), "\n")
	var diff []string
	for _, l := range lines {
		if !slices.Contains(wantLines, l) {
			diff = append(diff, "+ "+l)
		}
	}
	for _, l := range wantLines {
		if !slices.Contains(lines, l) {
			diff = append(diff, "- "+l)
		}
	}
	t.Errorf("the bytes of %d PDF(s) changed (- golden, + now):\n%s\nIf the change is intended, check the PDFs and run go test ./pkg/build -run TestPDFChecksums -update",
		len(diff)/2, strings.Join(diff, "\n"))
}
