package textfit

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// The tests of this file check that the fast textfit sets every text as
// the reference implementation (reference_test.go) did: the same lines,
// pieces, positions, sizes and errors, bit for bit.

// sameFit compares a Fit or Layout result with the reference's.
func sameFit(t *testing.T, what string, got, want Block, gotErr, wantErr error) bool {
	t.Helper()
	if !reflect.DeepEqual(gotErr, wantErr) {
		t.Errorf("%s: error %v, reference %v", what, gotErr, wantErr)
		return false
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: block differs from the reference's:\n got  %s\n want %s", what, dump(got), dump(want))
		return false
	}
	return true
}

func dump(b Block) string {
	var s strings.Builder
	fmt.Fprintf(&s, "size %v height %v", b.Size, b.Height)
	for _, l := range b.Lines {
		fmt.Fprintf(&s, "\n   %q x=%v base=%v w=%v %+v", l.Text(), l.X, l.Baseline, l.Width, l.Pieces)
	}
	return s.String()
}

// deckTexts returns every text of the default deck's editions, typeset as
// the cards set them, with the style the card sets them in.
func deckTexts(t *testing.T) (texts []Run, backs [][]Para) {
	t.Helper()
	for _, name := range []string{data.Default, "personas.en.yaml"} {
		d, err := deck.LoadFS(data.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		ts := typo.For(d.Language)
		add := func(s string, st typeface.Style) {
			texts = append(texts, Run{Text: ts(s), Style: st})
		}
		add(d.Title, typeface.Regular)
		add(d.Title, typeface.Bold)
		for _, c := range d.Categories {
			add(c.Label, typeface.Bold)
		}
		heading := map[string][2]string{"fr": {"Conditions de travail", "Impact"}, "en": {"Working conditions", "Impact"}}[d.Language]
		for _, p := range d.Personas {
			add(p.Name, typeface.Bold)
			add(p.Role, typeface.Italic)
			add(p.Country, typeface.Bold)
			add(p.Text, typeface.Regular)
			var paras []Para
			para := func(p Para, s string, st typeface.Style) {
				runs, err := ParseInline(ts(s), st)
				if err != nil {
					t.Fatal(err)
				}
				p.Runs = runs
				paras = append(paras, p)
			}
			para(Para{Scale: 1.1, Tag: "heading"}, heading[0], typeface.Bold)
			for _, c := range p.Conditions {
				add(c, typeface.Regular)
				para(Para{Bullet: "•", SpaceBefore: 0.3, Tag: "item"}, c, typeface.Regular)
			}
			if p.Impact != "" {
				add(p.Impact, typeface.Regular)
				para(Para{Scale: 1.1, SpaceBefore: 1.4, Tag: "heading"}, heading[1], typeface.Bold)
				para(Para{SpaceBefore: 0.3, Tag: "impact"}, p.Impact, typeface.Regular)
			}
			backs = append(backs, paras)
		}
	}
	return texts, backs
}

// TestParseInlineDeckAsBefore: every text of the default decks is parsed
// into the runs it was parsed into before a lone * became an asterisk.
func TestParseInlineDeckAsBefore(t *testing.T) {
	t.Parallel()
	texts, _ := deckTexts(t)
	emphasis := 0
	for _, tx := range texts {
		want, err := refParseInline(tx.Text, tx.Style)
		if err != nil {
			t.Fatalf("the reference cannot parse %q: %v", tx.Text, err)
		}
		got, _ := ParseInline(tx.Text, tx.Style)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ParseInline(%q) = %v, reference %v", tx.Text, got, want)
		}
		if len(want) > 1 {
			emphasis++
		}
	}
	if emphasis < 10 {
		t.Errorf("only %d texts of the default decks have emphasis: the test checks too little", emphasis)
	}
}

// randomSpec is a box and a size range such as a card's: the default
// style scaled for cards from poker to A3, and sometimes a box too small.
func randomSpec(rnd *rand.Rand) Spec {
	k := 0.6 + 1.4*rnd.Float64()
	ranges := [][2]float64{{9, 7.5}, {22, 14}, {11.5, 9}, {9.5, 8}, {12.5, 7}, {12, 9}, {7, 7}}
	r := ranges[rnd.IntN(len(ranges))]
	s := Spec{
		Width:   5 + 140*rnd.Float64(),
		Height:  2 + 200*rnd.Float64()*rnd.Float64(),
		Max:     r[0] * k,
		Min:     max(r[1]*k, 6),
		Leading: []float64{0, 1.15, 1.2, 1.3}[rnd.IntN(4)],
	}
	s.Max = max(s.Max, s.Min)
	if rnd.IntN(3) == 0 {
		s.MaxLines = 1 + rnd.IntN(4)
	}
	if rnd.IntN(4) == 0 {
		s.Step = []float64{0.1, 0.5, 1, 0.3}[rnd.IntN(4)]
	}
	return s
}

// TestFitDeckAsBefore fits every text of both default decks, and every
// back's block of paragraphs, in boxes of many sizes: the result is the
// reference's, and texts are fitted, rejected for height, for a word too
// long and for too many lines.
func TestFitDeckAsBefore(t *testing.T) {
	t.Parallel()
	fam := family(t)
	texts, backs := deckTexts(t)
	rnd := rand.New(rand.NewPCG(1, 2))
	kinds := map[string]int{}
	check := func(what string, paras []Para, spec Spec) {
		got, gotErr := Fit(fam, paras, spec)
		var fe *FitError
		if asFitError(gotErr, &fe) && fe.AtLeast {
			// Rejected from its length: the reference fails too.
			if _, err := refFit(fam, paras, spec); !asFitError(err, new(*FitError)) {
				t.Errorf("%s, %+v: rejected from its length (%v), the reference gives %v", what, spec, gotErr, err)
			}
			kinds["far too long"]++
			return
		}
		want, wantErr := refFit(fam, paras, spec)
		if !sameFit(t, fmt.Sprintf("%s, %+v", what, spec), got, want, gotErr, wantErr) {
			return
		}
		switch {
		case wantErr == nil:
			kinds["fits"]++
		case strings.Contains(wantErr.Error(), "wider than"):
			kinds["word too long"]++
		case strings.Contains(wantErr.Error(), "lines, at most"):
			kinds["too many lines"]++
		default:
			kinds["too long"]++
		}
	}
	for _, tx := range texts {
		runs, _ := ParseInline(tx.Text, tx.Style)
		for range 6 {
			check(fmt.Sprintf("%q", tx.Text), []Para{{Runs: runs}}, randomSpec(rnd))
		}
	}
	for i, paras := range backs {
		for range 6 {
			check(fmt.Sprintf("back %d", i), paras, randomSpec(rnd))
		}
	}
	t.Log(kinds)
	for _, k := range []string{"fits", "word too long", "too many lines", "too long", "far too long"} {
		if kinds[k] < 10 {
			t.Errorf("only %d cases of %q: the test checks too little", kinds[k], k)
		}
	}
}

func asFitError(err error, fe **FitError) bool {
	e, ok := err.(*FitError)
	if ok {
		*fe = e
	}
	return ok
}

// randomRuns makes text that exercises the line breaker: French spacing,
// quotes, hyphens and options, line breaks, several spaces, characters
// the font lacks, and styles that change inside words.
func randomRuns(rnd *rand.Rand) []Run {
	words := []string{"je", "travaille", "pour", "une", "plateforme", "sous-traitance", "«\u202Fterres rares\u202F»",
		"1,50\u00A0$/heure", "vraiment\u202F!", "(groupe", "métaux)", "--back-offset", "-0.5", "anticonstitutionnellement",
		"l’IA", "“quoted”", "x", "Œuvre,", "cœur…", "🙂", "中文", "a/b/c", "tiret-", "—", "2024–2025", "\t", "\u2028",
		"\n", " ", "  ", "end.\n", "WAVA", "fi", "ffl", "https://example.org/path", "e\u0301", "\u00AD", "’", "» (", "\u00A0"}
	var b strings.Builder
	var runs []Run
	n := rnd.IntN(60)
	style := typeface.Styles[rnd.IntN(4)]
	for i := range n {
		w := words[rnd.IntN(len(words))]
		if rnd.IntN(8) == 0 {
			// Change style, sometimes inside a word.
			if cut := rnd.IntN(len(w) + 1); b.Len()+cut > 0 && strings.ToValidUTF8(w[:cut], "") == w[:cut] {
				b.WriteString(w[:cut])
				runs = append(runs, Run{Text: b.String(), Style: style})
				b.Reset()
				w = w[cut:]
				style = typeface.Styles[rnd.IntN(4)]
			}
		}
		b.WriteString(w)
		if i < n-1 && rnd.IntN(4) != 0 {
			b.WriteByte(' ')
		}
	}
	if b.Len() > 0 {
		runs = append(runs, Run{Text: b.String(), Style: style})
	}
	return runs
}

// TestBreakAsBefore breaks random texts at random widths and sizes.
func TestBreakAsBefore(t *testing.T) {
	t.Parallel()
	fam := family(t)
	rnd := rand.New(rand.NewPCG(3, 4))
	lines := 0
	for i := range 1500 {
		runs := randomRuns(rnd)
		size := 5 + 20*rnd.Float64()
		width := 3 + 150*rnd.Float64()*rnd.Float64()
		got, gotErr := Break(fam, runs, size, width)
		want, wantErr := refBreak(fam, runs, size, width)
		if !reflect.DeepEqual(gotErr, wantErr) || !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: Break(%q, %v pt, %v mm) =\n%+v, %v\nreference\n%+v, %v", i, runs, size, width, got, gotErr, want, wantErr)
		}
		lines += len(got)
	}
	if lines < 2500 {
		t.Errorf("only %d lines set: the test checks too little", lines)
	}
}

// TestFitAsBefore fits random texts in random paragraphs and boxes,
// including specs that Fit must search one size at a time (sizes rising,
// negative scales) and specs with no size to try. Each kind of spec and of
// result comes up often enough to count (FuzzFitAsBefore searches further).
func TestFitAsBefore(t *testing.T) {
	t.Parallel()
	fam := family(t)
	rnd := rand.New(rand.NewPCG(5, 6))
	kinds := map[string]int{}
	for i := range 600 {
		var paras []Para
		for range 1 + rnd.IntN(4) {
			p := Para{Runs: randomRuns(rnd), Tag: "t"}
			if rnd.IntN(3) == 0 {
				p.Bullet = []string{"•", "–", "1."}[rnd.IntN(3)]
			}
			if rnd.IntN(3) == 0 {
				p.Scale = 0.8 + 0.5*rnd.Float64()
			}
			if rnd.IntN(2) == 0 {
				p.SpaceBefore = 2 * rnd.Float64()
			}
			paras = append(paras, p)
		}
		spec := randomSpec(rnd)
		switch rnd.IntN(20) {
		case 0:
			spec.Step = -0.5 // sizes rise from Max: tried one by one
			spec.Max, spec.Min = spec.Min, spec.Max+2
			kinds["sizes rising"]++
		case 1:
			paras[0].Scale = -1
			kinds["negative scale"]++
		case 2:
			spec.Min, spec.Max = spec.Max+1, spec.Min // no size to try
			kinds["no size"]++
		}
		got, gotErr := Fit(fam, paras, spec)
		if fe, ok := gotErr.(*FitError); ok && fe.AtLeast {
			if _, err := refFit(fam, paras, spec); err == nil {
				t.Fatalf("case %d: rejected from its length, but the reference fits it", i)
			}
			kinds["rejected from its length"]++
			continue
		}
		want, wantErr := refFit(fam, paras, spec)
		if !sameFit(t, fmt.Sprintf("case %d, %+v", i, spec), got, want, gotErr, wantErr) {
			t.FailNow()
		}
		if wantErr == nil {
			kinds["fits"]++
		} else {
			kinds["does not fit"]++
		}
		size := 6 + 10*rnd.Float64()
		got, gotErr = Layout(fam, paras, size, spec)
		want, wantErr = refLayout(fam, paras, size, spec)
		if !sameFit(t, fmt.Sprintf("case %d, Layout at %v pt", i, size), got, want, gotErr, wantErr) {
			t.FailNow()
		}
	}
	for _, k := range []string{"sizes rising", "negative scale", "no size", "rejected from its length", "fits", "does not fit"} {
		if kinds[k] < 10 {
			t.Errorf("%s: %d cases, want at least 10: %v", k, kinds[k], kinds)
		}
	}
}

// FuzzFitAsBefore: any text, any box: Fit gives the reference's result.
func FuzzFitAsBefore(f *testing.F) {
	fam := family(f)
	f.Add("Je démonte des vieux smartphones, pour récupérer des «\u202Fterres rares\u202F».", 62.0, 40.0, 12.5, 7.0)
	f.Add("*a* **b** \\* c\nd --opt -0.5 x\u2028y", 10.0, 5.0, 9.0, 9.0)
	f.Add("", 1.0, 1.0, 12.0, 7.0)
	f.Fuzz(func(t *testing.T, s string, w, h, maxSize, minSize float64) {
		if len(s) > 2000 || !(w > -10 && w < 400 && h > -10 && h < 400 && maxSize > -5 && maxSize < 50 && minSize > -5 && minSize < 50) {
			return
		}
		rs, _ := ParseInline(s, typeface.Regular)
		paras := []Para{{Runs: rs}, {Runs: rs, Bullet: "•", SpaceBefore: 0.3, Scale: 1.1}}
		spec := Spec{Width: w, Height: h, Max: maxSize, Min: minSize, Leading: 1.3}
		got, gotErr := Fit(fam, paras, spec)
		if fe, ok := gotErr.(*FitError); ok && fe.AtLeast {
			if _, err := refFit(fam, paras, spec); err == nil {
				t.Fatalf("rejected from its length, but the reference fits it")
			}
			return
		}
		want, wantErr := refFit(fam, paras, spec)
		sameFit(t, fmt.Sprintf("%+v", spec), got, want, gotErr, wantErr)
	})
}

// TestPreparedAsFresh: one Prepared, set in many boxes at many sizes in
// turn, gives what a fresh Fit and Layout give for each: nothing of one
// box or size stays behind for the next.
func TestPreparedAsFresh(t *testing.T) {
	t.Parallel()
	fam := family(t)
	texts, backs := deckTexts(t)
	rnd := rand.New(rand.NewPCG(3, 4))
	var blocks [][]Para
	for _, tx := range texts {
		runs, _ := ParseInline(tx.Text, tx.Style)
		blocks = append(blocks, []Para{{Runs: runs}})
	}
	blocks = append(blocks, backs...)
	checked := 0
	for i, paras := range blocks {
		p := Prepare(fam, paras)
		for range 8 {
			spec := randomSpec(rnd)
			got, gotErr := p.Fit(spec)
			want, wantErr := Fit(fam, paras, spec)
			sameFit(t, fmt.Sprintf("block %d, Fit %+v", i, spec), got, want, gotErr, wantErr)
			size := spec.Min + rnd.Float64()*(spec.Max-spec.Min)
			got, gotErr = p.Layout(size, spec)
			want, wantErr = Layout(fam, paras, size, spec)
			sameFit(t, fmt.Sprintf("block %d, Layout at %v pt %+v", i, size, spec), got, want, gotErr, wantErr)
			b, err := Layout(fam, paras, size, spec)
			fits := err == nil && b.Height <= spec.Height+1e-9 && (spec.MaxLines == 0 || len(b.Lines) <= spec.MaxLines)
			if p.Fits(size, spec) != fits {
				t.Errorf("block %d at %v pt %+v: Fits says %v", i, size, spec, !fits)
			}
			checked++
		}
	}
	if checked < 500 {
		t.Errorf("checked %d cases", checked)
	}
}
