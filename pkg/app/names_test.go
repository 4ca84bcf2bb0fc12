package app

import (
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/layout"
)

// TestVariantNames: issue 10 §1. Every option that changes what is printed
// shows in the name, in the fixed order the README gives.
func TestVariantNames(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		v                     Variant
		deck, kind, part, ext string
		want                  string
	}{
		{Variant{Layout: "a4"}, "personas", "", "", ".pdf", "personas-a4.pdf"},
		{Variant{Layout: "a4", Lang: "en", Duplex: layout.DuplexShort, Ink: true}, "personas", "", "", ".pdf", "personas-a4-en-short-ink.pdf"},
		{Variant{Layout: "a4", Faces: layout.BacksOnly}, "personas", "", "", ".pdf", "personas-a4-backs.pdf"},
		{Variant{Layout: "a4", Faces: layout.BothFaces}, "personas", "", "", ".pdf", "personas-a4.pdf"},
		{Variant{Layout: "a4", Offset: true}, "personas", "", "", ".pdf", "personas-a4-offset.pdf"},
		{Variant{Layout: "a4", Selection: "selection"}, "personas", "", "", ".pdf", "personas-a4-selection.pdf"},
		{Variant{Layout: "a4", Ink: true, Lang: "en", Faces: layout.FrontsOnly, Duplex: layout.DuplexNone, Offset: true, Selection: "hao-koffi", Sort: deck.SortName},
			"personas", "", "", ".pdf", "personas-a4-en-none-fronts-offset-ink-hao-koffi-by-name.pdf"},
		{Variant{Layout: "Letter", Lang: "en"}, "personas", "guide", "", ".pdf", "personas-guide-letter-en.pdf"},
		{Variant{Layout: "a4", Lang: "en"}, "calibrate", "", "", ".pdf", "calibrate-a4-en.pdf"},
		{Variant{Layout: "tarot", Bleed: true, DPI: 300}, "personas", "", "koffi-front", ".png", "personas-tarot-bleed-300dpi-koffi-front.png"},
		{Variant{Layout: "poker"}, "personas", "tts", "faces-1", ".png", "personas-tts-poker-faces-1.png"},
		{Variant{Layout: "mine"}, "mes-personas", "", "", ".pdf", "mes-personas-mine.pdf"},
	} {
		if got := tt.v.Name(tt.deck, tt.kind, tt.part, tt.ext); got != tt.want {
			t.Errorf("%+v: %s, want %s", tt.v, got, tt.want)
		}
	}
}

func TestSelectionLabel(t *testing.T) {
	t.Parallel()
	ed, _, err := Load(Dataset{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sel  deck.Selection
		want string
	}{
		{deck.Selection{}, ""},
		{deck.Selection{Sort: deck.SortName}, ""},
		{deck.Selection{Only: []string{"koffi"}}, "koffi"},
		{deck.Selection{Only: []string{"hao", "koffi", "kim"}}, "hao-koffi-kim"},
		{deck.Selection{Only: []string{"hao", "koffi", "kim", "lucia"}}, "selection"},
		{deck.Selection{Categories: []string{"Travail du clic"}}, "clickwork"},
		{deck.Selection{Categories: []string{"CLICKWORK"}}, "clickwork"},
		{deck.Selection{Tags: []string{"Asie"}}, "asie"},
		{deck.Selection{Exclude: []string{"kim"}}, "selection"},
		{deck.Selection{Only: []string{"hao"}, Categories: []string{"extraction"}}, "selection"},
	} {
		if got := SelectionLabel(tt.sel, ed.Deck); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.sel, got, tt.want)
		}
	}
}
