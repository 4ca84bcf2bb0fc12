package cli_test

// Helpers for the end-to-end tests of the cardgen command line: run
// cli.Main in process, locate the fixtures in testdata/, and read PDFs back
// with pdfcpu (pure Go, relaxed validation, configuration directory disabled,
// so that `go test ./...` needs nothing but Go and writes nothing outside
// its temporary directories).

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/cardgen/cardgen/pkg/cli"
)

// testdata is the absolute path of the repository's testdata directory.
var testdata string

func TestMain(m *testing.M) {
	// Before anything else touches pdfcpu: otherwise it creates and reads a
	// configuration directory in the user's home.
	model.ConfigPath = "disable"
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	testdata = dir
	if cardgenBin.dir, err = os.MkdirTemp("", "cardgen-bin-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(cardgenBin.dir)
	os.Exit(code)
}

// fixture returns the absolute path of a file under testdata/.
func fixture(name string) string { return filepath.Join(testdata, filepath.FromSlash(name)) }

// result is what one run of cardgen gave.
type result struct {
	code           int
	stdout, stderr string
}

// run runs cardgen in process with args and the environment env (nothing
// else of the process environment is visible to it).
func run(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Main(args, cli.Env{
		Stdout: &stdout,
		Stderr: &stderr,
		Getenv: func(k string) string { return env[k] },
	})
	return result{code, stdout.String(), stderr.String()}
}

// mustRun runs cardgen and fails the test unless it exits 0 with nothing
// on stderr but warnings ("cardgen: warning: …", which do not stop a build:
// a spreadsheet without a title).
func mustRun(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	r := run(t, env, args...)
	if r.code != cli.ExitOK || withoutWarnings(r.stderr) != "" {
		t.Fatalf("cardgen %s: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// withoutWarnings is stderr without its warning lines.
func withoutWarnings(stderr string) string {
	var kept []string
	for _, l := range strings.SplitAfter(stderr, "\n") {
		if !strings.HasPrefix(l, "cardgen: warning: ") {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "")
}

// buildPDF builds the embedded deck with one layout into a fresh directory
// and returns the PDF's path and cardgen's stdout.
func buildPDF(t *testing.T, layout string, env map[string]string) (string, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), layout+".pdf")
	r := mustRun(t, env, "build", "--layout", layout, "--out", out)
	return out, r.stdout
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// listDir returns the names in dir, sorted, including hidden ones.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// relaxed is a pdfcpu configuration in relaxed validation mode.
func relaxed() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	return conf
}

// validate reads pdf and validates it in relaxed mode, returning its context.
func validate(t *testing.T, pdf []byte) *model.Context {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), relaxed())
	if err != nil {
		t.Fatalf("pdfcpu cannot read the PDF: %v", err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatalf("the PDF does not validate (relaxed mode): %v", err)
	}
	return ctx
}

func pageDims(t *testing.T, pdf []byte) []types.Dim {
	t.Helper()
	dims, err := api.PageDims(bytes.NewReader(pdf), relaxed())
	if err != nil {
		t.Fatalf("page dimensions: %v", err)
	}
	return dims
}

func pageBoxes(t *testing.T, pdf []byte) []model.PageBoundaries {
	t.Helper()
	pb, err := api.Boxes(bytes.NewReader(pdf), nil, relaxed())
	if err != nil {
		t.Fatalf("page boxes: %v", err)
	}
	return pb
}

func pdfInfo(t *testing.T, pdf []byte) *pdfcpu.PDFInfo {
	t.Helper()
	info, err := api.PDFInfo(bytes.NewReader(pdf), "test.pdf", nil, true, relaxed())
	if err != nil {
		t.Fatalf("PDF info: %v", err)
	}
	return info
}

// ptPerMM is the number of PDF points in a millimetre.
const ptPerMM = 72 / 25.4

// mmTolerance is how far a size read back may be from the one asked for.
const mmTolerance = 0.01

func mm(pt float64) float64 { return pt / ptPerMM }

// near reports whether the length pt (in points) is want mm to within mmTolerance.
func near(pt, wantMM float64) bool { return math.Abs(mm(pt)-wantMM) <= mmTolerance }

// rectMM formats r in mm for messages.
func rectMM(r *types.Rectangle) string {
	if r == nil {
		return "<none>"
	}
	return fmt.Sprintf("[%.3f %.3f %.3f %.3f] mm (%.3f × %.3f)", mm(r.LL.X), mm(r.LL.Y), mm(r.UR.X), mm(r.UR.Y), mm(r.Width()), mm(r.Height()))
}

// checkPages checks that pdf has n pages, each w × h mm.
func checkPages(t *testing.T, pdf []byte, n int, w, h float64) {
	t.Helper()
	dims := pageDims(t, pdf)
	if len(dims) != n {
		t.Fatalf("%d pages, want %d", len(dims), n)
	}
	for i, d := range dims {
		if !near(d.Width, w) || !near(d.Height, h) {
			t.Errorf("page %d is %.3f × %.3f mm (%.2f × %.2f pt), want %g × %g mm", i+1, mm(d.Width), mm(d.Height), d.Width, d.Height, w, h)
		}
	}
}

// checkFonts checks that pdf uses fonts, every one embedded and subset
// (a six-capital tag and a plus sign before its name, such as CGLATR+Lato).
func checkFonts(t *testing.T, pdf []byte) {
	t.Helper()
	info := pdfInfo(t, pdf)
	if len(info.Fonts) == 0 {
		t.Fatal("the PDF lists no font")
	}
	for _, f := range info.Fonts {
		full := f.Name
		if f.Prefix != "" {
			full = f.Prefix + "+" + f.Name
		}
		if !f.Embedded {
			t.Errorf("font %s (%s) is not embedded", full, f.Type)
		}
		if !isSubsetTag(f.Prefix) {
			t.Errorf("font %s (%s) is not named as a subset (ABCDEF+Name): prefix %q", full, f.Type, f.Prefix)
		}
		if !strings.HasPrefix(f.Name, "Lato") {
			t.Errorf("font %s: want the Lato family", full)
		}
		t.Logf("font %s: %s, %s, embedded %t", full, f.Type, f.Encoding, f.Embedded)
	}
}

func isSubsetTag(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
