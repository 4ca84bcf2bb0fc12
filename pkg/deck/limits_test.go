package deck_test

import (
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
)

// TestLimits: oversize inputs end in a clear problem, not in a machine swapping.
func TestLimits(t *testing.T) {
	huge := make([]byte, deck.MaxFileSize+1)
	if _, err := deck.Read("huge.yaml", huge, "yaml"); err == nil || !strings.Contains(err.Error(), "more than the 16 MB") {
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
