package build

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// copiesDeck is the default deck repeated to n personas, some printed
// several times, so that a persona's cards fall on several sheets.
func copiesDeck(tb testing.TB, n int) *deck.Deck {
	d := bigDeck(tb, n)
	for i := range d.Personas {
		d.Personas[i].Copies = []int{1, 1, 3, 1, 2, 7}[i%6]
	}
	return d
}

// TestJobAsComposeRender: a Job, which composes the cards as the sheets
// need them and lets them go, makes the very bytes of Compose then Render,
// on every built-in layout, alternate and fronts-then-backs, both sides,
// one side and split files.
func TestJobAsComposeRender(t *testing.T) {
	t.Parallel()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	d := copiesDeck(t, 45)
	type variant struct {
		name  string
		parts []layout.Faces
	}
	variants := []variant{{name: "both", parts: []layout.Faces{layout.BothFaces}}}
	split := []layout.Faces{layout.FrontsOnly, layout.BacksOnly}
	for _, name := range []string{"a4", "a4-fold", "a4-poker", "tarot", "letter-fold"} {
		for _, v := range variants {
			checkJob(t, d, fam, name, v.name, nil, v.parts)
		}
		spec, _ := LoadLayout(name)
		if spec.Folded() {
			continue
		}
		checkJob(t, d, fam, name, "split", nil, split)
		checkJob(t, d, fam, name, "backs", nil, []layout.Faces{layout.BacksOnly})
		if !spec.TrimBox {
			fronts := func(s *layout.Spec) { s.Duplex, s.Order = layout.DuplexNone, layout.FrontsThenBacks }
			checkJob(t, d, fam, name, "fronts then backs", fronts, []layout.Faces{layout.BothFaces})
			checkJob(t, d, fam, name, "fronts then backs, split", fronts, split)
		}
	}
}

func checkJob(t *testing.T, d *deck.Deck, fam *typeface.Family, name, what string, change func(*layout.Spec), parts []layout.Faces) {
	t.Helper()
	spec, err := LoadLayout(name)
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(spec)
	}
	cards, err := Compose(d, spec, fam)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Job{Deck: d, Spec: spec, Family: fam, Date: DefaultDate, Parts: parts}.Run()
	if err != nil {
		t.Fatalf("%s, %s: %v", name, what, err)
	}
	if len(got) != len(parts) {
		t.Fatalf("%s, %s: %d PDFs for %d parts", name, what, len(got), len(parts))
	}
	for k, faces := range parts {
		want, pages, err := Render(cards, fam, DefaultDate, faces)
		if err != nil {
			t.Fatal(err)
		}
		if got[k].Faces != faces || got[k].Pages != pages || !bytes.Equal(got[k].Data, want) {
			t.Errorf("%s, %s, %s: %d pages, %d bytes; Render makes %d pages, %d bytes, not the same",
				name, what, faces, got[k].Pages, len(got[k].Data), pages, len(want))
		}
	}
}

// TestJobProblemsAsCompose: a card that fails late in a deck fails the
// Job with the problems Compose finds, every one, and no PDF; so does a
// character the font lacks; a Job that only checks finds the same.
func TestJobProblemsAsCompose(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	d := copiesDeck(t, 60)
	d.Personas[55].Text = strings.Repeat(d.Personas[55].Text+" ", 6)
	d.Personas[41].Impact = strings.Repeat(d.Personas[41].Impact+" ", 8)
	d.Personas[50].Role = "☃ " + d.Personas[50].Role
	for _, name := range []string{"a4", "tarot"} {
		spec, _ := LoadLayout(name)
		_, want := Compose(d, spec, fam)
		if want == nil {
			t.Fatalf("%s: the deck composes", name)
		}
		for _, parts := range [][]layout.Faces{{layout.BothFaces}, {layout.FrontsOnly, layout.BacksOnly}, nil} {
			out, err := Job{Deck: d, Spec: spec, Family: fam, Date: DefaultDate, Parts: parts}.Run()
			if out != nil || fmt.Sprint(err) != fmt.Sprint(want) {
				t.Errorf("%s, %v: %d PDFs, error\n%v\nwant\n%v", name, parts, len(out), err, want)
			}
		}
	}
}

// TestScheduleKeepsFewCards: cards are composed once when their sides are
// on neighbouring pages and again when far apart (every front first), and
// the cards alive at any page, those composed for it and not let go, stay
// within the window, however large the deck.
func TestScheduleKeepsFewCards(t *testing.T) {
	t.Parallel()
	d := copiesDeck(t, 300)
	order := cardOrder(d)
	for _, name := range []string{"a4", "a4-fold", "tarot", "a3"} {
		for _, frontsFirst := range []bool{false, true} {
			spec, _ := LoadLayout(name)
			if frontsFirst {
				if spec.Folded() || spec.TrimBox {
					continue
				}
				spec.Duplex, spec.Order = layout.DuplexNone, layout.FrontsThenBacks
			}
			plan := impose.Impose(spec, len(order))
			pages := make([]int, len(plan.Pages))
			for i := range pages {
				pages[i] = i
			}
			s := newSchedule(plan, pages, order, len(d.Personas))
			again := 0
			first, last := make([]int, len(s.jobs)), make([]int, len(s.jobs))
			for k := range first {
				first[k] = -1
			}
			for _, pi := range pages {
				for _, k := range s.pages[pi] {
					if first[k] < 0 {
						first[k] = pi
					}
					last[k] = pi
				}
			}
			for _, jb := range s.jobs {
				if jb.again {
					again++
				}
			}
			if !frontsFirst && again > 0 || frontsFirst && again != len(d.Personas) {
				t.Errorf("%s, fronts first %v: %d of %d personas composed again", name, frontsFirst, again, len(d.Personas))
			}
			// Jobs start in order, and one can start only when fewer than
			// the window are alive: the jobs of a page must all fit.
			for _, pi := range pages {
				newest := 0
				for _, k := range s.pages[pi] {
					newest = max(newest, k)
				}
				alive := 0
				for k := 0; k <= newest; k++ {
					if last[k] >= pi {
						alive++
					}
				}
				if alive > s.window() {
					t.Fatalf("%s: page %d needs %d jobs alive, the window is %d", name, pi, alive, s.window())
				}
			}
		}
	}
}

// TestJobNoPage: a part that no page holds fails as Render fails, saying
// there is nothing to print, rather than making an empty PDF.
func TestJobNoPage(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	d := copiesDeck(t, 3)
	spec, _ := LoadLayout("a4-fold") // every page is a front side
	cards, err := Compose(d, spec, fam)
	if err != nil {
		t.Fatal(err)
	}
	_, _, want := Render(cards, fam, DefaultDate, layout.BacksOnly)
	_, err = Job{Deck: d, Spec: spec, Family: fam, Date: DefaultDate, Parts: []layout.Faces{layout.BacksOnly}}.Run()
	if want == nil || err == nil || !strings.Contains(err.Error(), want.Error()) {
		t.Errorf("error %v; Render's %v", err, want)
	}
}
