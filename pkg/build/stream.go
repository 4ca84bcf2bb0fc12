package build

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cardgen/cardgen/pkg/bug"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/render/pdf"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// Job is the build of one layout: every card checked and composed, and
// the PDFs of Parts rendered from them, sheet by sheet.
type Job struct {
	Deck   *deck.Deck
	Spec   *layout.Spec
	Family *typeface.Family
	Date   time.Time
	// Parts are the PDFs to make, each holding the pages of the sides it
	// names (layout.BothFaces for a whole deck; FrontsOnly and BacksOnly
	// for the two files of a split). None: the cards are only checked.
	Parts []layout.Faces
	// Composed, when not nil, is called once every card has been composed
	// (what remains is finishing the PDFs).
	Composed func()
}

// Rendered is a PDF a Job made.
type Rendered struct {
	Faces layout.Faces
	Data  []byte
	Pages int
}

// Run checks and composes every card, as Compose does, and renders the
// PDFs as Render would render them from Compose's cards, to the byte; but
// the cards are composed in the order the sheets need them and each is let
// go once the last sheet that shows it is painted, so that the drawings of
// a whole deck are never alive at once (140 MB for 10,000 cards).
//
// Nothing is lost: the PDFs are bytes in memory, returned only when every
// card has been composed without a problem; otherwise Run returns every
// problem, as Compose does, and no PDF. Once a card fails, the sheets are
// no longer painted, but every card is still composed, to find every
// problem.
//
// Cards on sheets far apart (fronts then backs: the backs come after every
// front) are composed again for the later sheet rather than kept.
func (j Job) Run() ([]Rendered, error) {
	d, spec := j.Deck, j.Spec
	c, err := newComposition(d, spec, j.Family)
	if err != nil {
		return nil, err
	}
	order := cardOrder(d)
	plan := impose.Impose(spec, len(order))
	// The documents, and the pages each keeps.
	type doc struct {
		faces layout.Faces
		w     *pdf.Writer
		pages int
	}
	docs := make([]doc, len(j.Parts))
	keeps := func(faces layout.Faces, p impose.Page) bool {
		switch faces {
		case layout.FrontsOnly:
			return p.Side == layout.Front
		case layout.BacksOnly:
			return p.Side == layout.Back
		}
		return true
	}
	var pages []int // the pages some document keeps
	for i, p := range plan.Pages {
		kept := false
		for _, dc := range j.Parts {
			kept = kept || keeps(dc, p)
		}
		if kept {
			pages = append(pages, i)
		}
	}
	first := make([]*impose.Page, len(j.Parts)) // each document's first page
	for k, faces := range j.Parts {
		docs[k].faces = faces
		for _, i := range pages {
			if p := &plan.Pages[i]; keeps(faces, *p) {
				docs[k].pages++
				if first[k] == nil {
					first[k] = p
				}
			}
		}
	}
	s := newSchedule(plan, pages, order, len(d.Personas))
	var stop atomic.Bool // a card failed: no more painting, no card composed again
	results := make([]*[2]draw.Drawing, len(s.jobs))
	done := make([]chan struct{}, len(s.jobs))
	for i := range done {
		done[i] = make(chan struct{})
	}
	panics := make([]*bug.Error, len(s.jobs))
	// Jobs run in order, at most ahead of them alive at once: a job holds
	// its place from the moment it starts until its card is let go.
	ahead := make(chan struct{}, s.window())
	next := make(chan int)
	go func() {
		for k := range s.jobs {
			ahead <- struct{}{}
			next <- k
		}
		close(next)
	}()
	// A worker per core: the painter, which cannot be shared, waits for
	// the first sheet while they start, and they wait for it once they are
	// the window ahead of it. While the documents start (fpdf reads the
	// font files: the first sheet waits for it), one core is left to them.
	var wg sync.WaitGroup
	worker := func() {
		wg.Go(func() {
			for k := range next {
				jb := &s.jobs[k]
				func() {
					defer close(done[k])
					defer func() {
						if v := recover(); v != nil {
							panics[k] = bug.Recovered(v)
							stop.Store(true)
						}
					}()
					if jb.again && stop.Load() {
						return
					}
					front, back, err := c.compose(jb.persona, !jb.again)
					// (A card composed again found what it found the
					// first time, which said so.)
					if err != nil || !jb.again && c.failed(jb.persona) {
						stop.Store(true)
					}
					if jb.uses > 0 && !stop.Load() {
						results[k] = &[2]draw.Drawing{front, back}
					}
				}()
				if jb.uses == 0 || len(docs) == 0 {
					<-ahead // nothing will paint it
				}
			}
		})
	}
	workers := min(runtime.GOMAXPROCS(0), len(s.jobs))
	later := 0
	if len(docs) > 0 && workers > 1 {
		later = 1
	}
	for range workers - later {
		worker()
	}
	// The documents start while the first cards are composed.
	var startErr error
	for k := range docs {
		if first[k] != nil && startErr == nil {
			docs[k].w, startErr = pdf.NewWriter(j.Family, j.meta(len(order)), c.images, first[k].Size.W, first[k].Size.H)
		}
	}
	for range later {
		worker()
	}
	if startErr != nil {
		stop.Store(true) // nothing to paint with: the cards are only checked
	}
	var painting *bug.Error // a panic while painting, raised once every job is done
	if len(docs) > 0 {
		uses := make([]int, len(s.jobs))
		for k := range s.jobs {
			uses[k] = s.jobs[k].uses
		}
		paint := func(pi int, jobs []int) {
			defer func() {
				if v := recover(); v != nil {
					painting = bug.Recovered(v)
					stop.Store(true)
				}
			}()
			p := plan.Pages[pi]
			page := sheetPage(plan.Spec, p, func(pl impose.Placement, k int) *draw.Drawing { return &results[k][pl.Side] }, jobs)
			for _, dc := range docs {
				if keeps(dc.faces, p) {
					dc.w.Page(page)
				}
			}
		}
		for _, pi := range pages {
			jobs := s.pages[pi]
			for _, k := range jobs {
				<-done[k]
			}
			if !stop.Load() {
				paint(pi, jobs)
			}
			// Every page is walked, painted or not, so that every card is
			// let go and every job can start.
			for _, k := range jobs {
				if uses[k]--; uses[k] == 0 {
					results[k] = nil
					<-ahead
				}
			}
		}
	}
	wg.Wait()
	if painting != nil {
		painting.Value = fmt.Sprintf("painting the sheets of layout %s: %v", spec.Name, painting.Value)
		panic(painting)
	}
	for k, p := range panics {
		if p != nil {
			p.Value = fmt.Sprintf("%s: %v", c.what(s.jobs[k].persona), p.Value)
			panic(p)
		}
	}
	if j.Composed != nil {
		j.Composed()
	}
	if err := c.finish(); err != nil {
		return nil, err
	}
	if startErr != nil {
		return nil, fmt.Errorf("layout %s: %w", spec.Name, startErr)
	}
	out := make([]Rendered, len(docs))
	for k, dc := range docs {
		out[k] = Rendered{Faces: dc.faces, Pages: dc.pages}
		if dc.w == nil {
			// No page holds these sides: pdf.Write says so.
			return nil, fmt.Errorf("layout %s: %w", spec.Name, pdf.Write(io.Discard, pdf.Document{}))
		}
		if out[k].Data, err = dc.w.Bytes(); err != nil {
			return nil, fmt.Errorf("layout %s: %w", spec.Name, err)
		}
	}
	return out, nil
}

func (j Job) meta(cards int) pdf.Meta {
	d := j.Deck
	p := labels.Printer(d.Language)
	return pdf.Meta{
		Title:    textfit.Plain(typo.For(d.Language)(d.Title)),
		Author:   d.Author,
		Subject:  p.Sprintf(labels.Subject, cards, j.Spec.Name),
		Keywords: p.Sprintf(labels.Keywords, j.Spec.Name),
		Creator:  Creator,
		Lang:     d.Language,
		Date:     j.Date,
	}
}

// schedule is the order in which a Job composes its cards: jobs, each a
// persona composed for the pages that show it, in the order of the pages.
type schedule struct {
	jobs []job
	// pages[i] lists, for page i of the plan, the job of each of its
	// placements, in order.
	pages    map[int][]int
	perSheet int
}

type job struct {
	persona int
	uses    int  // placements that show it
	again   bool // the persona was composed before, for an earlier page
}

// reuseWithin is how many pages apart two pages may be and share the
// drawings of a card: a front sheet and its back are next to each other
// (or on one page, when folded); with every front first, a back is far
// from its front and composed again.
const reuseWithin = 2

func newSchedule(plan impose.Plan, pages []int, order []int, personas int) *schedule {
	s := &schedule{pages: make(map[int][]int, len(pages)), perSheet: 1}
	last := make([]int, personas) // the job of each persona, +1
	lastPage := make([]int, personas)
	for _, pi := range pages {
		p := plan.Pages[pi]
		s.perSheet = max(s.perSheet, len(p.Cards))
		jobs := make([]int, len(p.Cards))
		for n, pl := range p.Cards {
			ps := order[pl.Card]
			k := last[ps] - 1
			if k < 0 || pi-lastPage[ps] > reuseWithin {
				s.jobs = append(s.jobs, job{persona: ps, again: k >= 0})
				k = len(s.jobs) - 1
				last[ps] = k + 1
			}
			s.jobs[k].uses++
			lastPage[ps] = pi
			jobs[n] = k
		}
		s.pages[pi] = jobs
	}
	// Every card is composed, to be checked, even one no page shows.
	for ps := range personas {
		if last[ps] == 0 {
			s.jobs = append(s.jobs, job{persona: ps})
		}
	}
	return s
}

// window is how many jobs may be alive at once: those of the pages a card
// can be kept across, and enough more to keep every core busy.
func (s *schedule) window() int {
	return s.perSheet*(reuseWithin+2) + 4*runtime.GOMAXPROCS(0)
}
