package build_test

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/internal/testdiff"
	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
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
	t.Parallel()
	// The builds go through package app, which drives this one: an
	// external test package, so that the layers keep their order.
	type pdf struct {
		name string
		data []byte
	}
	var files []pdf
	build := func(name string, opts app.BuildOptions) {
		t.Helper()
		res, err := app.Build(opts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range res.PDFs {
			n := name + ".pdf"
			if len(res.PDFs) > 1 {
				n = name + "-" + string(p.Faces) + ".pdf"
			}
			files = append(files, pdf{n, p.Data})
		}
	}
	offset := geom.Point{X: 1, Y: -0.5}
	for _, lang := range []string{"fr", "en"} {
		ds := app.Dataset{Lang: lang}
		for _, l := range layouts.Names() {
			build(l+"-"+lang, app.BuildOptions{Dataset: ds, Layouts: []string{l}})
		}
		build("a4-ink-"+lang, app.BuildOptions{Dataset: ds, Layouts: []string{"a4"}, Print: app.PrintOptions{InkSaver: true}})
		build("a4-short-"+lang, app.BuildOptions{Dataset: ds, Layouts: []string{"a4"}, Print: app.PrintOptions{Duplex: layout.DuplexShort}})
		build("a4-none-"+lang, app.BuildOptions{Dataset: ds, Layouts: []string{"a4"}, Print: app.PrintOptions{Duplex: layout.DuplexNone}})
		build("tarot-ink-"+lang, app.BuildOptions{Dataset: ds, Layouts: []string{"tarot"}, Print: app.PrintOptions{InkSaver: true, Split: true}})
		build("a4-poker-off-"+lang, app.BuildOptions{Dataset: ds, Layouts: []string{"a4-poker"}, Print: app.PrintOptions{BackOffset: &offset, Faces: layout.BacksOnly}})
		build("a3-ink-short-"+lang, app.BuildOptions{Dataset: ds, Layouts: []string{"a3"}, Print: app.PrintOptions{InkSaver: true, Duplex: layout.DuplexShort}})
		for _, paper := range app.Papers {
			doc, err := app.Guide(app.GuideOptions{Dataset: ds, Paper: paper})
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, pdf{"guide-" + string(paper) + "-" + lang + ".pdf", doc.Data})
		}
		for _, l := range []string{"a4", "letter", "a3", "a4-poker", "letter-poker"} {
			doc, err := app.Calibrate(app.CalibrateOptions{Lang: lang, Layout: l})
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, pdf{"calibrate-" + l + "-" + lang + ".pdf", doc.Data})
		}
	}
	rich := app.Dataset{Path: filepath.Join("..", "..", "testdata", "datasets", "good", "rich.yaml")}
	build("rich-a4", app.BuildOptions{Dataset: rich, Layouts: []string{"a4"}})
	build("rich-tarot-ink", app.BuildOptions{Dataset: rich, Layouts: []string{"tarot"}, Print: app.PrintOptions{InkSaver: true}})

	var lines []string
	for _, f := range files {
		lines = append(lines, fmt.Sprintf("%x  %s", sha256.Sum256(f.data), f.name))
	}
	slices.SortFunc(lines, func(a, b string) int { return strings.Compare(a[66:], b[66:]) })
	got := strings.Join(lines, "\n") + "\n"
	// The diff names each PDF whose bytes changed; look at those PDFs
	// before accepting the change.
	testdiff.Golden(t, filepath.Join("testdata", "pdf-sha256.golden"), got, *update, "go test ./pkg/build -run TestPDFChecksums -update")
}
