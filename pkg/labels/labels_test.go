package labels

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestPrinterMatchesLanguage(t *testing.T) {
	for tag, want := range map[string]string{
		"fr": "Conditions de travail", "fr-CA": "Conditions de travail", "fr-BE": "Conditions de travail",
		"en": "Working conditions", "en-GB": "Working conditions", "de": "Working conditions", "": "Working conditions",
	} {
		if got := Printer(tag).Sprintf(Conditions); got != want {
			t.Errorf("%q: %q, want %q", tag, got, want)
		}
	}
	if got := Printer("fr").Sprintf(CardNumber, 7, 20); got != "7/20" {
		t.Errorf("card number: %q", got)
	}
}

// TestEveryKeyTranslated checks that French has a message of its own for
// every key but the language-neutral ones, so no English is left on a French page.
func TestEveryKeyTranslated(t *testing.T) {
	fr, en := Printer("fr"), Printer("en")
	for _, key := range keys {
		if key == CardNumber || key == EdgeLong || key == GuidePersona {
			continue
		}
		if fr.Sprintf(key, "x") == en.Sprintf(key, "x") {
			t.Errorf("%q has no French translation", key)
		}
	}
}

// TestCounts: issue 10 §6. Counts follow each language's plural rules,
// never "(s)": French takes the singular for 0 and 1, English for 1 only.
func TestCounts(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		lang, key string
		n         int
		want      string
	}{
		{"en", Personas, 1, "1 persona"}, {"en", Personas, 2, "2 personas"}, {"en", Pages, 1, "1 page"},
		{"en", Cards, 0, "0 cards"}, {"fr", Cards, 0, "0 carte"}, {"fr", Cards, 1, "1 carte"}, {"fr", Cards, 20, "20 cartes"},
		{"en", Cards, 1000, "1,000 cards"}, {"fr", Categories, 2, "2 catégories"},
		{"en", Problems, 1, "1 problem"}, {"en", Problems, 1000, "1,000 problems"}, {"fr", Problems, 1, "1 problème"},
	} {
		if got := Count(tt.lang, tt.n, tt.key); got != tt.want {
			t.Errorf("Count(%s, %d, %q) = %q, want %q", tt.lang, tt.n, tt.key, got, tt.want)
		}
	}
	for _, tt := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"fr", Subject, []any{1, "a4"}, "1 carte, mise en page a4"},
		{"fr", Subject, []any{20, "a4"}, "20 cartes, mise en page a4"},
		{"en", Subject, []any{1, "a4"}, "1 card, layout a4"},
		{"en", GuideMap, []any{1, 1}, "Where the hidden work of AI happens: 1 persona in 1 country"},
		{"en", GuideMap, []any{20, 17}, "Where the hidden work of AI happens: 20 personas in 17 countries"},
		{"fr", GuideMap, []any{1, 1}, "Où se fait le travail caché de l’IA : 1 persona dans 1 pays"},
		{"fr", GuideMap, []any{20, 17}, "Où se fait le travail caché de l’IA : 20 personas dans 17 pays"},
		{"en", GuideMapPersonas, []any{1, 1}, "Where the personas work: 1 persona in 1 country"},
		{"fr", GuideMapPersonas, []any{2, 2}, "Où travaillent les personas : 2 personas dans 2 pays"},
		{"en", Problems, []any{1}, "1 problem"},
		{"fr", Problems, []any{2}, "2 problèmes"},
	} {
		if got := Printer(tt.lang).Sprintf(tt.key, tt.args...); got != tt.want {
			t.Errorf("%s %q %v = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
}

// TestFrenchApostrophes: the French words cardgen prints and writes into
// PDF properties have the typographic apostrophe, whether or not a
// typesetter passes over them (the calibration sheet's texts are the
// calibration's, typeset where they are used).
func TestFrenchApostrophes(t *testing.T) {
	t.Parallel()
	for key, fr := range translations[language.French] {
		switch key {
		case CalibrationTitle, CalibrationRuler, CalibrationSteps, CalibrationBack:
			continue
		}
		if strings.Contains(fr, "'") {
			t.Errorf("%q in French is %q: write ’", key, fr)
		}
	}
	for key, texts := range countedText {
		if strings.Contains(texts[language.French], "'") {
			t.Errorf("%q in French is %q: write ’", key, texts[language.French])
		}
	}
}

// TestCalibrationNumbers: the calibration sheet writes numbers with its
// language's decimal separator, and what it tells to type works as
// written: in the web page's fields, or on the command line, where
// French decimals are parted by x= and y= (typography would turn quotes
// and semicolons into « » and spaces the shell does not read).
func TestCalibrationNumbers(t *testing.T) {
	t.Parallel()
	decimal := regexp.MustCompile(`[0-9][.,][0-9]`)
	for lang, want := range map[string]struct {
		sep, field, command string
	}{
		"fr": {",", "« Décalage du verso »", "--back-offset x=1,5,y=-0,5"},
		"en": {".", `"Move the backs"`, "--back-offset 1.5,-0.5"},
	} {
		p := Printer(lang)
		text := p.Sprintf(CalibrationRuler) + p.Sprintf(CalibrationSteps, "long") + p.Sprintf(CalibrationBack)
		for _, d := range decimal.FindAllString(text, -1) {
			if d[1:2] != want.sep {
				t.Errorf("%s: %q has a decimal separator other than %q", lang, d, want.sep)
			}
		}
		if !strings.Contains(text, want.field) || !strings.Contains(text, want.command) || !strings.Contains(text, "cardgen serve") {
			t.Errorf("%s: the sheet does not say where to type X and Y (%s, %s):\n%s", lang, want.field, want.command, text)
		}
	}
}
