package deck_test

import (
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// TestLowercaseCountryCode: a code in lower case ("fr") is the code in
// capitals, in every format; a deck built in code with one is told what
// to write.
func TestLowercaseCountryCode(t *testing.T) {
	t.Parallel()
	for name, src := range map[string]string{
		"d.csv":  "titre;T\nnom;rôle;pays;code_pays;texte;conditions\nA;R;France;fr;T;C\nB;R;;cd;T;C\n",
		"d.yaml": "deck: {title: T, language: fr}\ncategories: [{id: c, label: C, color: \"#1D6A80\"}]\npersonas:\n  - {id: a, name: A, role: R, country_code: fr, category: c, text: T, conditions: [X]}\n  - {id: b, name: B, role: R, country_code: Cd, category: c, text: T, conditions: [X]}\n",
		"d.md":   "# T\n\n### A\n\nR\n\nFrance\n\nT\n\n- C\n\nCode pays : fr\n\n### B\n\nR\n\nRD Congo\n\nT\n\n- C\n\nCode pays : cd\n",
	} {
		d, err := deck.Read(name, []byte(src), "")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if a, b := d.Personas[0].CountryCode, d.Personas[1].CountryCode; a != "FR" || b != "CD" {
			t.Errorf("%s: codes %q, %q; want FR, CD", name, a, b)
		}
	}
	d := &deck.Deck{Title: "T", Language: "fr", Categories: []deck.Category{{ID: "c", Label: "C", Color: deck.RGB{R: 0x1D, G: 0x6A, B: 0x80}}},
		Personas: []deck.Persona{{ID: "a", Name: "A", Role: "R", CountryCode: "fr", Category: "c", Text: "T", Conditions: []string{"X"}}}}
	var problems diag.List
	deck.Check(d, &problems)
	if got := problems.Error(); !strings.Contains(got, `"fr" is not an ISO 3166-1 alpha-2 country code, which is in capitals; write FR`) {
		t.Errorf("a deck built in code: %s", got)
	}
	// Not a code in any case: as before.
	if _, err := deck.Read("x.csv", []byte("titre;T\nnom;rôle;pays;code_pays;texte;conditions\nA;R;France;xx;T;C\n"), ""); err == nil ||
		!strings.Contains(err.Error(), `"xx" is not an ISO 3166-1 alpha-2 country code; use two capital letters`) {
		t.Errorf("xx: %v", err)
	}
}

// TestCountryNames: the United Kingdom's nations are GB, the card keeping
// the name written; "Congo", which names two countries, asks for the code
// and says which two.
func TestCountryNames(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"Écosse": "GB", "Pays de Galles": "GB", "Angleterre": "GB", "Irlande du Nord": "GB",
		"Scotland": "GB", "Wales": "GB", "England": "GB", "Northern Ireland": "GB",
		"Irlande": "IE", "Congo": "",
	} {
		if got := deck.CountryCode(name); got != want {
			t.Errorf("CountryCode(%q) = %q; want %q", name, got, want)
		}
	}
	d, err := deck.Read("uk.csv", []byte("titre;T\nnom;rôle;pays;texte;conditions\nA;R;Écosse;T;C\nB;R;Pays de Galles;T;C\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"Écosse", "Pays de Galles"} {
		if p := d.Personas[i]; p.CountryCode != "GB" || p.CountryName("fr") != want {
			t.Errorf("%s: %s, printed %q", want, p.CountryCode, p.CountryName("fr"))
		}
	}
	for file, src := range map[string]string{
		"congo.csv":  "titre;T\nnom;rôle;pays;texte;conditions\nA;R;Congo;T;C\n",
		"congo2.csv": "titre;T\nnom;rôle;pays;code_pays;texte;conditions\nA;R;Congo;;T;C\n",
	} {
		_, err := deck.Read(file, []byte(src), "")
		want := `"Congo" names more than one country: CG (the Republic of the Congo, Congo-Brazzaville) or CD (the Democratic Republic of the Congo, Congo-Kinshasa); `
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "no country code known") {
			t.Errorf("%s: %v", file, err)
		}
	}
	// With its code, Congo is fine.
	if _, err := deck.Read("cg.csv", []byte("titre;T\nnom;rôle;pays;code_pays;texte;conditions\nA;R;Congo;CG;T;C\n"), ""); err != nil {
		t.Errorf("Congo, CG: %v", err)
	}
}
