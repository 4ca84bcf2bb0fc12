package labels

import "testing"

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
		if key == CardNumber || key == EdgeLong || key == GuidePersona || key == GuideCount {
			continue
		}
		if fr.Sprintf(key, "x") == en.Sprintf(key, "x") {
			t.Errorf("%q has no French translation", key)
		}
	}
}
