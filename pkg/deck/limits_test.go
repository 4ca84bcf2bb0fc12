package deck_test

import (
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
)

// TestLimits: oversize inputs end in a clear problem, not in a machine swapping.
func TestLimits(t *testing.T) {
	t.Parallel()
	huge := make([]byte, deck.MaxFileSize+1)
	if _, err := deck.Read("huge.yaml", huge, "yaml"); err == nil || !strings.Contains(err.Error(), "more than the 16 MiB") {
		t.Errorf("a 16 MB + 1 byte file: %v", err)
	}
	// 60 personas of 1,000 copies: 60,000 cards, more than MaxCards.
	var b strings.Builder
	b.WriteString("deck: {title: T, language: fr}\ncategories: [{id: c, label: C, color: \"#1D6A80\"}]\npersonas:\n")
	for i := range 60 {
		b.WriteString("  - {id: p" + strings.Repeat("x", i+1) + ", name: N, role: R, country_code: FR, category: c, text: T., conditions: [X], copies: 1000}\n")
	}
	if _, err := deck.Read("many.yaml", []byte(b.String()), "yaml"); err == nil || !strings.Contains(err.Error(), "60000 cards, more than the 50000") {
		t.Errorf("60,000 cards: %v", err)
	}
	deep := strings.Repeat("[", 200000)
	if _, err := deck.Read("deep.yaml", []byte(deep), "yaml"); err == nil || !strings.Contains(err.Error(), "depth") {
		t.Errorf("deep YAML: %v", err)
	}
	if _, err := deck.Read("deep.json", []byte(deep), "json"); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("deep JSON: %v", err)
	}
}

// TestCategoryColourLegible: a colour too light for white text is a problem
// with a darker suggestion that passes; the default colours and the palette pass.
func TestCategoryColourLegible(t *testing.T) {
	src := "deck: {title: T, language: fr}\ncategories:\n  - {id: c, label: C, color: \"#FFFF00\"}\npersonas:\n  - {id: a, name: A, role: R, country_code: FR, category: c, text: T., conditions: [X]}\n"
	_, err := deck.Read("y.yaml", []byte(src), "yaml")
	if err == nil || !strings.Contains(err.Error(), "too light") || !strings.Contains(err.Error(), "y.yaml:3:30") { // at the colour
		t.Fatalf("err = %v", err)
	}
	hint := err.Error()[strings.Index(err.Error(), "such as ")+len("such as "):]
	c, perr := deck.ParseRGB(strings.TrimSpace(hint))
	if perr != nil || deck.Contrast(c, deck.RGB{R: 255, G: 255, B: 255}) < deck.MinContrast {
		t.Errorf("suggested %q is not legible", hint)
	}
	for _, c := range deck.Palette {
		if r := deck.Contrast(c, deck.RGB{R: 255, G: 255, B: 255}); r < deck.MinContrast {
			t.Errorf("palette colour %v: %.2f", c, r)
		}
	}
	if r := deck.Contrast(deck.RGB{}, deck.RGB{R: 255, G: 255, B: 255}); r < 20.99 || r > 21.01 {
		t.Errorf("black on white: %.2f, want 21", r)
	}
}

// TestMisspeltCategory: in a flat dataset a name one or two letters from an
// existing category is reported with a "did you mean", not made a new one.
func TestMisspeltCategory(t *testing.T) {
	src := "nom;rôle;pays;texte;conditions;catégorie\nAna;Mineuse;Chili;Je travaille.;Dur;extractoin\nBo;R;France;T.;X;Éducation populaire\n"
	_, err := deck.Read("c.csv", []byte(src), "csv")
	if err == nil || !strings.Contains(err.Error(), `c.csv:2:`) || !strings.Contains(err.Error(), `did you mean "Extraction de matières premières"?`) {
		t.Errorf("err = %v", err)
	}
	if strings.Contains(err.Error(), "Éducation") {
		t.Errorf("a new category far from any other was refused: %v", err)
	}
}
