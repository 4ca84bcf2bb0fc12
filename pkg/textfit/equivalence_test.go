package textfit

import (
	"reflect"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// The tests of this file compare textfit with the reference implementation
// (reference_test.go).

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
