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
	"runtime/debug"
	"slices"
	"strings"
	"sync"
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
	// The tests build many decks in this process: collecting garbage less
	// often saves a tenth of their processor time (cardgen itself runs
	// with 200).
	debug.SetGCPercent(400)
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	testdata = dir
	if shared, err = os.MkdirTemp("", "cardgen-test-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(shared)
	os.Exit(code)
}

// shared is a temporary folder for what the tests share: the cardgen
// binary, the PDFs of the embedded deck. TestMain removes it.
var shared string

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

// builtPDF is a PDF cardgen built, with what it printed.
type builtPDF struct {
	path, stdout string
	data         []byte
}

// defaultPDFs are the PDFs of the embedded deck, by layout.
var defaultPDFs sync.Map // layout → *sharedPDF

type sharedPDF struct {
	once sync.Once
	pdf  builtPDF
	err  string
}

// defaultPDF returns the PDF of the embedded deck with one layout, built
// in process the first time a test asks for it, and then shared: for the
// tests that read a PDF (and must not change it), not for those about how
// it is built.
func defaultPDF(t *testing.T, layout string) builtPDF {
	t.Helper()
	v, _ := defaultPDFs.LoadOrStore(layout, &sharedPDF{})
	s := v.(*sharedPDF)
	s.once.Do(func() {
		out := filepath.Join(shared, "pdf", layout+".pdf")
		var stdout, stderr bytes.Buffer
		args := []string{"build", "--layout", layout, "--out", out}
		if code := cli.Main(args, cli.Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}); code != cli.ExitOK {
			s.err = fmt.Sprintf("cardgen %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
			return
		}
		data, err := os.ReadFile(out)
		if err != nil {
			s.err = err.Error()
			return
		}
		s.pdf = builtPDF{out, stdout.String(), data}
	})
	if s.err != "" {
		t.Fatal(s.err)
	}
	return s.pdf
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

// pdfFile is a PDF read back with pdfcpu, once: validated in relaxed mode,
// with its pages' sizes and boxes, its information and fonts.
type pdfFile struct {
	pages int
	dims  []types.Dim
	boxes []model.PageBoundaries
	info  *pdfcpu.PDFInfo
}

// readPDF reads and validates pdf, failing the test when it cannot.
func readPDF(t *testing.T, pdf []byte) *pdfFile {
	t.Helper()
	conf := relaxed()
	conf.Cmd = model.LISTINFO // as api.PDFInfo: say which fonts are embedded
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatalf("pdfcpu cannot read the PDF: %v", err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatalf("the PDF does not validate (relaxed mode): %v", err)
	}
	f := &pdfFile{pages: ctx.PageCount}
	if f.dims, err = ctx.PageDims(); err != nil {
		t.Fatalf("page dimensions: %v", err)
	}
	if f.boxes, err = ctx.PageBoundaries(nil); err != nil {
		t.Fatalf("page boxes: %v", err)
	}
	// As api.PDFInfo does, the fonts are listed from an optimised context.
	if err := api.OptimizeContext(ctx); err != nil {
		t.Fatalf("PDF info: %v", err)
	}
	if f.info, err = pdfcpu.Info(ctx, "test.pdf", nil, true); err != nil {
		t.Fatalf("PDF info: %v", err)
	}
	return f
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

// checkPages checks that f has n pages, each w × h mm.
func checkPages(t *testing.T, f *pdfFile, n int, w, h float64) {
	t.Helper()
	dims := f.dims
	if f.pages != n || len(dims) != n {
		t.Fatalf("%d pages (%d sizes), want %d", f.pages, len(dims), n)
	}
	for i, d := range dims {
		if !near(d.Width, w) || !near(d.Height, h) {
			t.Errorf("page %d is %.3f × %.3f mm (%.2f × %.2f pt), want %g × %g mm", i+1, mm(d.Width), mm(d.Height), d.Width, d.Height, w, h)
		}
	}
}

// checkFonts checks that f uses fonts, every one embedded and subset
// (a six-capital tag and a plus sign before its name, such as CGLATR+Lato).
func checkFonts(t *testing.T, f *pdfFile) {
	t.Helper()
	info := f.info
	if len(info.Fonts) == 0 {
		t.Fatal("the PDF lists no font")
	}
	for _, font := range info.Fonts {
		full := font.Name
		if font.Prefix != "" {
			full = font.Prefix + "+" + font.Name
		}
		if !font.Embedded {
			t.Errorf("font %s (%s) is not embedded", full, font.Type)
		}
		if !isSubsetTag(font.Prefix) {
			t.Errorf("font %s (%s) is not named as a subset (ABCDEF+Name): prefix %q", full, font.Type, font.Prefix)
		}
		if !strings.HasPrefix(font.Name, "Lato") {
			t.Errorf("font %s: want the Lato family", full)
		}
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
