package build

import (
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// PreviewOptions is what `cardgen preview` is asked to do.
type PreviewOptions struct {
	Data, Format, Lang string
	Select             deck.Selection
	Layout             string // whose card size and design to show; "" for "tarot"
	Out                string // directory; "" for "out/preview"
	DPI                int    // 0 for 150
}

// ErrNoRasteriser says pdftoppm is not installed.
var ErrNoRasteriser = errors.New("cardgen preview needs pdftoppm, from poppler: install it with 'apt-get install poppler-utils' (Debian, Ubuntu), 'brew install poppler' (macOS) or your system's poppler package")

// Preview writes a PNG image of each face of each card, cut at the trim:
// <id>-front.png and <id>-back.png. It renders the cards one face per page
// and rasterises them with pdftoppm (poppler), the renderer print shops'
// preflight tools and most Linux PDF viewers share: what you see is how a
// PDF reader draws the file. It returns the files written.
func Preview(opts PreviewOptions) ([]string, error) {
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, ErrNoRasteriser
	}
	if opts.DPI == 0 {
		opts.DPI = 150
	}
	if opts.DPI < 30 || opts.DPI > 1200 {
		return nil, &UsageError{fmt.Sprintf("--dpi %d: choose between 30 and 1200", opts.DPI)}
	}
	name := opts.Layout
	if name == "" {
		name = "tarot"
	}
	spec, err := LoadLayout(name)
	if err != nil {
		return nil, err
	}
	// One face per page, whatever the layout: its card, bleed and design.
	single := *spec
	single.Paper = layout.Paper{Size: layout.Size{W: spec.Card.W + 2*spec.Bleed, H: spec.Card.H + 2*spec.Bleed}}
	single.Columns, single.Rows, single.Margin, single.Gap = 1, 1, 0, 0
	single.Fold, single.Duplex, single.Order = layout.FoldNone, layout.DuplexNone, layout.Alternate
	single.BackOffset.X, single.BackOffset.Y = 0, 0
	single.Marks.Style = "none"
	fam, err := typeface.Default()
	if err != nil {
		return nil, err
	}
	ed, err := LoadEdition(opts.Data, opts.Format, opts.Lang)
	if err != nil {
		return nil, err
	}
	// The cards are those of the whole deck (numbered as in it); the
	// selection only chooses which images to write.
	chosen, err := deck.Select(ed.Deck, opts.Select)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, p := range chosen.Personas {
		want[p.ID] = true
	}
	full := *ed.Deck
	d := &full
	d.Personas = slices.Clone(d.Personas)
	// One card per persona: copies do not matter here.
	for i := range d.Personas {
		d.Personas[i].Copies = 1
	}
	cards, err := Compose(d, &single, fam)
	if err != nil {
		return nil, err
	}
	pdf, _, err := Render(cards, fam, DefaultDate, "both")
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "cardgen-preview-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	src := filepath.Join(tmp, "cards.pdf")
	if err := os.WriteFile(src, pdf, 0o644); err != nil {
		return nil, err
	}
	// Cut the bleed off: the image shows the card as it is once trimmed.
	px := func(mm float64) string { return strconv.Itoa(int(math.Round(mm / 25.4 * float64(opts.DPI)))) }
	args := []string{"-png", "-r", strconv.Itoa(opts.DPI),
		"-x", px(spec.Bleed), "-y", px(spec.Bleed), "-W", px(spec.Card.W), "-H", px(spec.Card.H), src, filepath.Join(tmp, "page")}
	if out, err := exec.Command(pdftoppm, args...).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %v: %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(tmp, "page-*.png"))
	if len(pages) != 2*len(d.Personas) {
		return nil, fmt.Errorf("pdftoppm wrote %d images for %d pages", len(pages), 2*len(d.Personas))
	}
	out := opts.Out
	if out == "" {
		out = "out/preview"
	}
	files := map[string][]byte{}
	var written []string
	for i, p := range d.Personas {
		if !want[p.ID] {
			continue
		}
		for side, suffix := range []string{"front", "back"} {
			data, err := os.ReadFile(pages[2*i+side]) // page-01, page-02, … sort as numbers
			if err != nil {
				return nil, err
			}
			path := filepath.Join(out, fmt.Sprintf("%s-%s.png", p.ID, suffix))
			files[path] = data
			written = append(written, path)
		}
	}
	if err := WriteFiles(files); err != nil {
		return nil, err
	}
	return written, nil
}
