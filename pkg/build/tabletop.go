package build

import (
	"bytes"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/render/png"
	"github.com/cardgen/cardgen/pkg/tabletop"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// TabletopDPI is the most a Tabletop Simulator deck is drawn at: sharp when
// a card is held up close, and a 20-card tarot deck still fits one sheet.
const TabletopDPI = 200

// TabletopOptions is what `cardgen tabletop` is asked to do.
type TabletopOptions struct {
	Data, Format, Lang string
	Select             deck.Selection
	Layout             string // whose card size and design; "" for "tarot"
	Out                string // directory; "" for "out"
	DPI                int    // the most to draw at; 0 for TabletopDPI
}

// TabletopOutput is what Tabletop wrote.
type TabletopOutput struct {
	Files        []string // pictures, then the instructions
	Instructions string   // the instructions file
	Plan         tabletop.Plan
}

// Tabletop writes a deck for Tabletop Simulator: deck sheets of the fronts
// (at most 10 × 7 cards, 4096 pixels a side, the last slot showing the
// deck's title for cards hidden in a hand), the backs (a sheet of them, the
// same grid, when every card has its own; one picture when they share a
// design), and a text file saying how to import them.
func Tabletop(opts TabletopOptions) (TabletopOutput, error) {
	if opts.DPI == 0 {
		opts.DPI = TabletopDPI
	}
	if opts.DPI < 30 || opts.DPI > 1200 {
		return TabletopOutput{}, &UsageError{fmt.Sprintf("--dpi %d: choose between 30 and 1200", opts.DPI)}
	}
	name := opts.Layout
	if name == "" {
		name = "tarot"
	}
	spec, err := LoadLayout(name)
	if err != nil {
		return TabletopOutput{}, err
	}
	fam, err := typeface.Default()
	if err != nil {
		return TabletopOutput{}, err
	}
	ed, err := LoadEdition(opts.Data, opts.Format, opts.Lang)
	if err != nil {
		return TabletopOutput{}, err
	}
	d, err := deck.Select(ed.Deck, opts.Select)
	if err != nil {
		return TabletopOutput{}, err
	}
	cards, err := Compose(d, spec, fam)
	if err != nil {
		return TabletopOutput{}, err
	}
	// The hidden card: the common back, the deck's title in a frame.
	hidden := cards.Faces[0][1]
	common := spec.Backs == layout.BacksCommon
	if !common {
		one := *d
		one.Personas = d.Personas[:1]
		s := *spec
		s.Backs = layout.BacksCommon
		c, err := Compose(&one, &s, fam)
		if err != nil {
			return TabletopOutput{}, err
		}
		hidden = c.Faces[0][1]
	}
	order := cardOrder(d)
	plan, err := tabletop.Layout(len(order), spec.Card.W, spec.Card.H, float64(opts.DPI))
	if err != nil {
		return TabletopOutput{}, err
	}

	out := opts.Out
	if out == "" {
		out = "out"
	}
	suffix := ""
	if !ed.Default {
		suffix = "-" + d.Language
	}
	base := filepath.Join(out, d.Name+suffix+"-tts")
	type picture struct {
		path string
		page draw.Page
	}
	var pictures []picture
	var names []tabletop.Files
	sheet := func(s tabletop.Sheet, side int) draw.Page {
		page := draw.Page{W: float64(s.Columns) * spec.Card.W, H: float64(s.Rows) * spec.Card.H}
		place := func(col, row int, dr *draw.Drawing) {
			at := geom.R(float64(col)*spec.Card.W, float64(row)*spec.Card.H, spec.Card.W, spec.Card.H)
			page.Faces = append(page.Faces, draw.Placed{Drawing: dr, At: at, Clip: true})
		}
		for i := range s.Count {
			col, row := s.Slot(i)
			place(col, row, &cards.Faces[order[s.First+i]][side])
		}
		col, row := s.Hidden()
		place(col, row, &hidden)
		return page
	}
	for i, s := range plan.Sheets {
		f := tabletop.Files{Faces: fmt.Sprintf("%s-faces-%d.png", base, i+1)}
		pictures = append(pictures, picture{f.Faces, sheet(s, 0)})
		if !common {
			f.Backs = fmt.Sprintf("%s-backs-%d.png", base, i+1)
			pictures = append(pictures, picture{f.Backs, sheet(s, 1)})
		}
		names = append(names, f)
	}
	back := ""
	if common {
		back = base + "-back.png"
		pictures = append(pictures, picture{back, draw.Single(&cards.Faces[0][1], false)})
	}

	raster := png.New(fam, cards.Images)
	results := make([][]byte, len(pictures))
	errs := make([]error, len(pictures))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				img, err := raster.Page(pictures[i].page, plan.DPI)
				var buf bytes.Buffer
				if err == nil {
					err = png.Encode(&buf, img, plan.DPI)
				}
				results[i], errs[i] = buf.Bytes(), err
			}
		})
	}
	for i := range pictures {
		next <- i
	}
	close(next)
	wg.Wait()

	files := map[string][]byte{}
	var written []string
	for i, p := range pictures {
		if errs[i] != nil {
			return TabletopOutput{}, fmt.Errorf("%s: %w", p.path, errs[i])
		}
		files[p.path] = results[i]
		written = append(written, p.path)
	}
	// The instructions name the pictures as they sit beside them.
	rel := make([]tabletop.Files, len(names))
	for i, n := range names {
		rel[i] = tabletop.Files{Faces: filepath.Base(n.Faces)}
		if n.Backs != "" {
			rel[i].Backs = filepath.Base(n.Backs)
		}
	}
	if back != "" {
		back = filepath.Base(back)
	}
	txt := base + ".txt"
	files[txt] = []byte(tabletop.Instructions(textfit.Plain(typo.For(d.Language)(d.Title)), plan, rel, back))
	written = append(written, txt)
	if err := WriteFiles(files); err != nil {
		return TabletopOutput{}, err
	}
	return TabletopOutput{Files: written, Instructions: txt, Plan: plan}, nil
}
