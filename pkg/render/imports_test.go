package render

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// layers ranks the repository's packages: a package imports only packages
// of lower layers, so that data flows one way (docs/ARCHITECTURE.md).
// A new package takes its place here.
var layers = map[string]int{
	"data": 0, "fonts": 0, "layouts": 0, "page": 0,
	"pkg/geom": 0, "pkg/diag": 0, "pkg/labels": 0, "pkg/typo": 0, "pkg/bug": 0, "pkg/fileout": 0, "pkg/choice": 0,
	// Helpers of the tests: golden files and diffs, slow tests and tools.
	"internal/testdiff": 0, "internal/testenv": 0,
	"pkg/yamldoc": 1, "pkg/typeface": 1, "pkg/worldmap": 1, "pkg/tabletop": 1,
	// Models: a dataset, a layout, a fitted text, a drawing; the icons,
	// whose locator maps come from the world map.
	"pkg/deck": 2, "pkg/layout": 2, "pkg/textfit": 2, "pkg/draw": 2, "pkg/icons": 2,
	// Pure geometry and composition; the renderers beside them.
	"pkg/impose": 3, "pkg/face": 3, "pkg/guide": 3, "pkg/calibrate": 3,
	"pkg/render": 3, "pkg/render/pdf": 3, "pkg/render/svg": 3, "pkg/render/png": 3,
	// A deck in the language asked for, among its editions.
	"pkg/edition": 3,
	// Composition and rendering of a deck for a layout.
	"pkg/build": 4,
	// The operations users ask for, which the command line and the web
	// server share.
	"pkg/app":     5,
	"pkg/web":     6,
	"pkg/cli":     7,
	"cmd/cardgen": 8, "cmd/cardgen-bench": 8, "cmd/worldgen": 8,
	// Tests that the patched PDF library writes upstream's bytes.
	"pkg/internal/fpdfcheck": 8,
}

// renderers may import only the drawing and what it refers to.
var rendererMay = []string{"pkg/draw", "pkg/geom", "pkg/typeface", "pkg/icons", "fonts"}

type pkgImports struct {
	code, tests []string // import paths of the non-test and the test files
}

// readImports parses the imports of every package of the module (pkg/,
// cmd/, internal/ and the embedded data), by path relative to its root.
func readImports(t *testing.T, root string) map[string]pkgImports {
	t.Helper()
	out := map[string]pkgImports{}
	for _, top := range []string{"pkg", "cmd", "internal", "data", "fonts", "layouts", "page"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") {
				if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
					return filepath.SkipDir
				}
				if d.IsDir() {
					// A folder with a go.mod of its own is another module
					// (pkg/internal/fpdf, a patched copy of the PDF library).
					if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
						return filepath.SkipDir
					}
				}
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, filepath.Dir(path))
			rel = filepath.ToSlash(rel)
			p := out[rel]
			for _, imp := range f.Imports {
				s, _ := strconv.Unquote(imp.Path.Value)
				if strings.HasSuffix(path, "_test.go") {
					p.tests = append(p.tests, s)
				} else {
					p.code = append(p.code, s)
				}
			}
			out[rel] = p
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func modulePath(t *testing.T, root string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if m, ok := strings.CutPrefix(l, "module "); ok {
			return strings.TrimSpace(m)
		}
	}
	t.Fatal("go.mod names no module")
	return ""
}

func isFpdf(path string) bool {
	return strings.HasSuffix(path, "/fpdf") || strings.Contains(path, "go-pdf/fpdf")
}

// TestImportRules checks the rules docs/ARCHITECTURE.md states: the import
// graph runs one way through the layers above; only render/pdf imports
// fpdf; only cli imports cobra; the drawing model and the renderers know
// no persona, deck, layout or face; the SVG renderer needs nothing beyond
// the standard library.
func TestImportRules(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	mod := modulePath(t, root)
	pkgs := readImports(t, root)
	if len(pkgs) < 20 {
		t.Fatalf("found only %d packages under %s", len(pkgs), root)
	}
	names := make([]string, 0, len(pkgs))
	for p := range pkgs {
		names = append(names, p)
	}
	slices.Sort(names)
	for _, p := range names {
		imps := pkgs[p]
		rank, known := layers[p]
		if !known {
			t.Errorf("%s is in no layer: add it to layers in %s, below every package that imports it", p, "pkg/render/imports_test.go")
			continue
		}
		for _, imp := range imps.code {
			if own, ok := strings.CutPrefix(imp, mod+"/"); ok {
				r, known := layers[own]
				switch {
				case !known:
					t.Errorf("%s imports %s, which is in no layer", p, own)
				case r >= rank:
					t.Errorf("%s (layer %d) imports %s (layer %d): imports must go to a lower layer", p, rank, own, r)
				}
				if strings.HasPrefix(p, "pkg/render/") && !slices.Contains(rendererMay, own) {
					t.Errorf("renderer %s imports %s: a renderer draws drawings and imports only %v", p, own, rendererMay)
				}
				if p == "pkg/draw" && own != "pkg/geom" && own != "pkg/typeface" {
					t.Errorf("pkg/draw imports %s: the drawing model refers only to geometry and type styles", own)
				}
				continue
			}
			first := strings.Split(imp, "/")[0]
			if p == "pkg/render/svg" && strings.Contains(first, ".") {
				t.Errorf("pkg/render/svg imports %s: the SVG renderer uses the standard library only", imp)
			}
			if strings.HasPrefix(imp, "github.com/spf13/cobra") && p != "pkg/cli" {
				t.Errorf("%s imports cobra: only pkg/cli does", p)
			}
		}
		for _, imp := range append(slices.Clone(imps.code), imps.tests...) {
			if isFpdf(imp) && p != "pkg/render/pdf" {
				t.Errorf("%s imports %s: only pkg/render/pdf imports the PDF library", p, imp)
			}
		}
	}
}
