package cli_test

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
)

func TestVersion(t *testing.T) {
	t.Parallel()
	r := mustRun(t, nil, "version")
	if !strings.HasPrefix(r.stdout, "cardgen ") || !strings.Contains(r.stdout, "go1.") {
		t.Errorf("version: %q", r.stdout)
	}
}

// TestCompletion asks cobra's completion machinery (what the shell scripts
// call) for layout names, languages, persona and category ids.
func TestCompletion(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "build", "--layout", ""}, []string{"a4", "tarot", "letter-fold"}},
		{[]string{"__complete", "build", "--lang", ""}, []string{"fr", "en"}},
		{[]string{"__complete", "build", "--only", ""}, []string{"hao\tHao", "maria-luz\tMaria Luz"}},
		{[]string{"__complete", "list", "--category", ""}, []string{"clickwork\tTravail du clic"}},
		{[]string{"__complete", "build", "--duplex", ""}, []string{"long", "short", "none"}},
		{[]string{"__complete", "preview", "--format", ""}, []string{"png", "svg"}},
		{[]string{"__complete", "preview", "--data-format", ""}, []string{"yaml", "csv"}},
		{[]string{"__complete", "tabletop", "--only", ""}, []string{"koffi\tKoffi"}},
		{[]string{"__complete", "layouts", "--show", ""}, []string{"a4-poker"}},
		// The formats come from the dataset registry: every one, on every command.
		{[]string{"__complete", "export", "--format", ""}, deck.Formats},
		{[]string{"__complete", "export", "--data-format", ""}, deck.Formats},
		{[]string{"__complete", "validate", "--format", ""}, deck.Formats},
		{[]string{"__complete", "build", "--sort", ""}, []string{"deck", "name", "country", "category"}},
		{[]string{"__complete", "guide", "--paper", ""}, []string{"A4", "Letter"}},
		{[]string{"__complete", "list", "--data", fixture("datasets/good/deck.json"), "--tag", ""}, []string{"mines", "Asie"}},
	} {
		r := run(t, nil, tt.args...)
		lines := strings.Split(r.stdout, "\n")
		for _, w := range tt.want {
			found := false
			for _, l := range lines {
				found = found || l == w
			}
			if !found {
				t.Errorf("%v: no %q in\n%s", tt.args, w, r.stdout)
			}
		}
	}
	for _, shell := range []string{"bash", "zsh", "fish"} {
		if r := mustRun(t, nil, "completion", shell); !strings.Contains(r.stdout, "cardgen") {
			t.Errorf("completion %s: %q", shell, r.stdout[:min(80, len(r.stdout))])
		}
	}
}

// TestPreview writes trimmed PNGs of the faces asked for, at the size the
// resolution gives (70 × 120 mm at 100 dpi: 276 × 472 pixels).
func TestPreview(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := mustRun(t, nil, "preview", "--only", "hao,lucia", "--dpi", "100", "--out", dir)
	want := []string{"personas-tarot-100dpi-hao-back.png", "personas-tarot-100dpi-hao-front.png", "personas-tarot-100dpi-lucia-back.png", "personas-tarot-100dpi-lucia-front.png"}
	if got := listDir(t, dir); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("files %v, want %v (stdout %s)", got, want, r.stdout)
	}
	f, err := os.Open(filepath.Join(dir, "personas-tarot-100dpi-lucia-front.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 276 || cfg.Height != 472 {
		t.Errorf("lucia-front.png: %d × %d, %v; want 276 × 472", cfg.Width, cfg.Height, err)
	}
}

// TestGuide: the facilitator's sheet is one page of the paper asked for,
// valid, with every font embedded and subset, in both languages.
func TestGuide(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		file string
		w, h float64
	}{
		{[]string{"guide", "--out", dir}, "personas-guide-a4.pdf", 210, 297},
		{[]string{"guide", "--lang", "en", "--paper", "letter", "--out", dir}, "personas-guide-letter-en.pdf", 215.9, 279.4},
	} {
		mustRun(t, nil, tt.args...)
		pdf := readPDF(t, readFile(t, filepath.Join(dir, tt.file)))
		checkPages(t, pdf, 1, tt.w, tt.h)
		checkFonts(t, pdf)
	}
	if r := run(t, nil, "guide", "--paper", "A5", "--out", dir); r.code != 2 {
		t.Errorf("--paper A5: exit %d", r.code)
	}
}
