package typo

import (
	"strings"
	"testing"
)

// The faster French and English work on bytes; these tests hold them to
// the first versions, which worked on runes (reference_test.go), on the default
// decks' kind of text and on random strings.

var samples = []string{
	"", "l'IA", "rien !", "rien!", "vraiment ?!", "des « terres rares »", `comme "utiles" ou "nocives".`,
	"Starter pack IA...", "1,50 $/heure", "0,3 kWh par chanson", "à 10:30 voir https://example.org",
	"… ; a… ;", "x  :  y", "\t«\u00A0a\u202F»\t", "12 heures, 3 ans, 5 h du matin, 7 m de haut", "\xff: a\xfe;",
	"'tis the AI's \"data\" (see 'this')", "a\x00'b", "\n!", "« » « »", `"""`, "9 °C", "«", "»", "a :", ": a",
	"pour 1 dollar de l'heure", "2 000 tonnes, 12 000 000 de pièces", "en 2019 2 enfants", "1 2345", "3 é", "3 ",
}

func TestFrenchAsBefore(t *testing.T) {
	t.Parallel()
	for _, s := range samples {
		if got, want := French(s), refFrench(s); got != want {
			t.Errorf("French(%q) = %q, want %q", s, show(got), show(want))
		}
	}
}

func TestEnglishAsBefore(t *testing.T) {
	t.Parallel()
	for _, s := range samples {
		if got, want := English(s), refEnglish(s); got != want {
			t.Errorf("English(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzTypoAsBefore(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := French(s), refFrench(s); got != want {
			t.Errorf("French(%q) = %q, want %q", s, show(got), show(want))
		}
		if got, want := English(s), refEnglish(s); got != want {
			t.Errorf("English(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestUnitsAsBefore: every unit, after a digit and a space, anywhere.
func TestUnitsAsBefore(t *testing.T) {
	t.Parallel()
	for _, u := range units {
		for _, s := range []string{"3 " + u, "a 3 " + u + " b", "3 " + strings.ToUpper(u), "٣ " + u, "3  " + u} {
			if got, want := French(s), refFrench(s); got != want {
				t.Errorf("French(%q) = %q, want %q", s, show(got), show(want))
			}
		}
	}
}
