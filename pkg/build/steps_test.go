package build_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// deckFile is the default deck's YAML repeated to n distinct personas, as
// cmd/cardgen-bench writes it.
func deckFile(tb testing.TB, n int) []byte {
	tb.Helper()
	src, err := data.FS.ReadFile(data.Default)
	if err != nil {
		tb.Fatal(err)
	}
	head, body, _ := strings.Cut(string(src), "\npersonas:\n")
	items := strings.Split("\n"+body, "\n  - id: ")[1:]
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("\npersonas:\n")
	for i := range n {
		id, rest, _ := strings.Cut(items[i%len(items)], "\n")
		fmt.Fprintf(&b, "  - id: %s-%d\n%s\n", id, i, strings.TrimRight(rest, "\n"))
	}
	return []byte(b.String())
}

// BenchmarkSteps1000 is a 1,000-card A4 build step by step, to see where
// the time goes:
//
//   - load: read and check the dataset (YAML here), as app.Load does;
//   - compose: check every character and fit every card (build.Compose,
//     every card kept);
//   - impose: place the cards on sheets (impose.Impose);
//   - render: paint the composed cards and write the PDF's bytes
//     (build.Render);
//   - write: write the PDF to a file, all or nothing (app.Write);
//   - job: compose and render as a build does, sheet by sheet (build.Job:
//     the two steps overlap, on every core).
//
// go test -run '^$' -bench Steps -benchmem ./pkg/build
func BenchmarkSteps1000(b *testing.B) {
	src := deckFile(b, 1000)
	ds := app.Dataset{Path: "deck.yaml", Data: src}
	fam, err := typeface.Default()
	if err != nil {
		b.Fatal(err)
	}
	spec, err := build.LoadLayout("a4")
	if err != nil {
		b.Fatal(err)
	}
	ed, _, err := app.Load(ds)
	if err != nil {
		b.Fatal(err)
	}
	d := ed.Deck
	// Each step's input, made once, so that any step runs alone (-bench
	// Steps1000/render).
	cards, err := build.Compose(d, spec, fam)
	if err != nil {
		b.Fatal(err)
	}
	pdf, _, err := build.Render(cards, fam, build.DefaultDate, layout.BothFaces)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := app.Load(ds); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compose", func(b *testing.B) {
		for b.Loop() {
			if _, err := build.Compose(d, spec, fam); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impose", func(b *testing.B) {
		for b.Loop() {
			impose.Impose(spec, len(build.CardOrder(d)))
		}
	})
	b.Run("render", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := build.Render(cards, fam, build.DefaultDate, layout.BothFaces); err != nil {
				b.Fatal(err)
			}
		}
	})
	dir := b.TempDir()
	b.Run("write", func(b *testing.B) {
		for b.Loop() {
			if _, err := app.Write([]app.File{{Name: "deck.pdf", Data: pdf}}, app.Place{Out: filepath.Join(dir, "deck.pdf"), Exts: []string{".pdf"}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("job", func(b *testing.B) {
		for b.Loop() {
			if _, err := (build.Job{Deck: d, Spec: spec, Family: fam, Date: build.DefaultDate, Parts: []layout.Faces{layout.BothFaces}}).Run(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRefitCard is what the web page asks for at every keystroke in a
// card: that card, its text just changed, checked and composed again, both
// faces, for A4 (the locator map and the fonts' measures are made once per
// process, as in the server). cmd/cardgen-bench reports it as "refit one
// card".
func BenchmarkRefitCard(b *testing.B) {
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		b.Fatal(err)
	}
	fam, _ := typeface.Default()
	spec, _ := build.LoadLayout("a4")
	one := *d
	edits := 0
	for b.Loop() {
		p := d.Personas[edits%len(d.Personas)]
		p.Text += fmt.Sprintf(" Édité %d fois.", edits)
		edits++
		one.Personas = []deck.Persona{p}
		if _, err := build.Compose(&one, spec, fam); err != nil {
			b.Fatal(err)
		}
	}
}
