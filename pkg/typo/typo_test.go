package typo

import (
	"strings"
	"testing"
)

// show makes the special spaces visible in failure messages.
func show(s string) string {
	return strings.NewReplacer("\u202F", "⍽", "\u00A0", "␣").Replace(s)
}

func TestFrench(t *testing.T) {
	tests := []struct{ in, want string }{
		{"l'IA", "l’IA"},
		{"rien !", "rien\u202F!"},
		{"rien!", "rien\u202F!"},
		{"vraiment ?!", "vraiment\u202F?!"},
		{"la zone est polluée ; exposition", "la zone est polluée\u202F; exposition"},
		{"des IA: analyse", "des IA\u00A0: analyse"},
		{"des IA : analyse", "des IA\u00A0: analyse"},
		{"des « terres rares »", "des «\u202Fterres rares\u202F»"},
		{"des «terres rares»", "des «\u202Fterres rares\u202F»"},
		{`comme "utiles" ou "nocives".`, "comme «\u202Futiles\u202F» ou «\u202Fnocives\u202F»."},
		{"Starter pack IA...", "Starter pack IA…"},
		{"1,50 $/heure", "1,50\u00A0$/heure"},
		{"0,3 kWh par chanson", "0,3\u00A0kWh par chanson"},
		{"à 10:30 voir https://example.org", "à 10:30\u00A0voir https://example.org"},
		{"pour 1 dollar de l'heure", "pour 1\u00A0dollar de l’heure"},
		{"2 000 tonnes", "2\u202F000\u00A0tonnes"},
		{"12 000 000 de pièces", "12\u202F000\u202F000\u00A0de pièces"},
		{"en 2019 2 enfants", "en 2019 2\u00A0enfants"},
		{"(*OpenAI, Meta*) pour", "(*OpenAI, Meta*) pour"},
	}
	for _, tt := range tests {
		got := French(tt.in)
		if got != tt.want {
			t.Errorf("French(%q) = %q, want %q", tt.in, show(got), show(tt.want))
		}
		// Text that already follows the rules is left as it is.
		if again := French(got); again != got {
			t.Errorf("French is not idempotent on %q: %q", show(got), show(again))
		}
	}
}

func TestEnglish(t *testing.T) {
	tests := []struct{ in, want string }{
		{"the AI's data", "the AI’s data"},
		{`as "useful" or "harmful"`, "as “useful” or “harmful”"},
		{"nothing !", "nothing!"},
		{"AI : analysis", "AI: analysis"},
		{"'quoted'", "‘quoted’"},
		{"wait...", "wait…"},
	}
	for _, tt := range tests {
		if got := English(tt.in); got != tt.want {
			t.Errorf("English(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFor(t *testing.T) {
	for tag, fr := range map[string]bool{"fr": true, "fr-CA": true, "fr-BE": true, "en": false, "en-GB": false, "": false} {
		got := For(tag)("a ; b") == French("a ; b")
		if got != fr {
			t.Errorf("For(%q) French = %v, want %v", tag, got, fr)
		}
	}
}

// BenchmarkFrench typesets a persona's text of the default deck.
func BenchmarkFrench(b *testing.B) {
	s := "Je démonte des vieux smartphones, pour récupérer des \"terres rares\" (groupe de métaux) dans des déchets électroniques, qui serviront à de nouvelles puces d'IA : 1,50 $ par jour... Vraiment ?!"
	for b.Loop() {
		French(s)
	}
}
