package deck

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Country codes from country names, for the formats where a teacher may
// write the country's name only (tables without a code_pays column,
// Markdown): the names CLDR gives every country in French and English
// (golang.org/x/text/language/display, which cards also use to name a
// country from its code), plus the few names CLDR lacks (countryAliases).
// Names are matched by fold: case, accents, hyphens, apostrophes and a
// leading article do not matter.

// countryAliases are names a teacher writes that CLDR does not give, each
// with why. CLDR has one name per country and language: its short French
// name ("Corée du Sud"), its English one ("South Korea").
var countryAliases = map[string][]string{
	// CLDR: "Congo-Kinshasa", "Congo - Kinshasa". The names the news and
	// the workshop's source use, and the official ones.
	"CD": {"République démocratique du Congo", "RDC", "RD Congo", "Democratic Republic of the Congo", "DR Congo", "DRC"},
	// CLDR: "Congo-Brazzaville". "Congo" alone is left out: it names both.
	"CG": {"République du Congo", "Republic of the Congo"},
	// CLDR: "Corée du Sud", "South Korea". In French "Corée" alone is
	// usually the South, as in the workshop's source.
	"KR": {"Corée", "Korea"},
	// CLDR: "États-Unis", "United States".
	"US": {"États-Unis d'Amérique", "USA", "United States of America"},
	// CLDR: "Royaume-Uni", "United Kingdom". What people say, if wrongly,
	// and its four nations, which have no code of their own: the card
	// keeps the name written ("Écosse"), its map shows the United Kingdom.
	"GB": {"Grande-Bretagne", "UK", "Great Britain", "Britain",
		"Angleterre", "England", "Écosse", "Scotland", "Pays de Galles", "Wales", "Irlande du Nord", "Northern Ireland"},
	// CLDR: "Pays-Bas", "Netherlands".
	"NL": {"Hollande", "The Netherlands", "Holland"},
	// CLDR: "Myanmar (Birmanie)", "Myanmar (Burma)": the parts are added
	// below; "Burma" is in them.
	// CLDR: "Maurice", "Mauritius".
	"MU": {"Île Maurice"},
	// CLDR: "Tchéquie", "Czechia": the older names are still common.
	"CZ": {"République tchèque", "Czech Republic"},
	// CLDR: "Côte d’Ivoire" in both languages.
	"CI": {"Ivory Coast"},
	// CLDR of this x/text: "Turquie", "Turkey"; the country's own spelling.
	"TR": {"Türkiye"},
	// CLDR: "Viêt Nam", "Vietnam".
	"VN": {"Viet Nam", "Vietnam"},
	// Spellings with and without accents that fold does not join.
	"VE": {"Vénézuela"},
	"LR": {"Libéria"},
	"NG": {"Nigéria"},
	// CLDR: "Territoires palestiniens", "Palestinian Territories".
	"PS": {"Palestine"},
	// CLDR: "Bosnia & Herzegovina", whose "&" folds to nothing.
	"BA": {"Bosnia and Herzegovina"},
	// CLDR: "Guinée", "Guinea": the other names that say which one.
	"GN": {"Guinée-Conakry", "Republic of Guinea"},
}

// ambiguousCountries are names of more than one country, by fold: a code
// is asked for rather than one guessed.
var ambiguousCountries = map[string]string{
	"congo": "CG (the Republic of the Congo, Congo-Brazzaville) or CD (the Democratic Republic of the Congo, Congo-Kinshasa)",
}

// CountryAmbiguity says which countries a name that names several may be
// ("Congo": CG or CD, each with its name), or "" for any other name.
func CountryAmbiguity(name string) string { return ambiguousCountries[countryFold(name)] }

var countryByFold = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	add := func(name, code string) {
		if k := countryFold(name); k != "" {
			if _, taken := m[k]; !taken {
				m[k] = code
			}
		}
	}
	namers := []display.Namer{display.Regions(language.French), display.Regions(language.English)}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code || r.Canonicalize() != r {
				continue // not a country, or an old code (BU for Burma, DD for East Germany)
			}
			for _, n := range namers {
				name := n.Name(r)
				add(name, code)
				// "Myanmar (Birmanie)": each part is a name too.
				if i := strings.IndexByte(name, '('); i > 0 && strings.HasSuffix(name, ")") {
					add(name[:i], code)
					add(name[i+1:len(name)-1], code)
				}
			}
		}
	}
	for code, names := range countryAliases {
		for _, n := range names {
			add(n, code)
		}
	}
	return m
})

// CountryCode returns the ISO 3166-1 alpha-2 code of a country named in
// French or English ("Corée" → "KR", "Grande-Bretagne" → "GB"), or "" when
// the name is not one cardgen knows.
func CountryCode(name string) string { return countryByFold()[countryFold(name)] }

// countryFold reduces a country name to lowercase ASCII words: accents,
// hyphens, apostrophes and a leading article go.
func countryFold(s string) string {
	s = fold(s)
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 1 {
		switch words[0] {
		case "la", "le", "les", "l", "the":
			words = words[1:]
		}
	}
	return strings.Join(words, " ")
}

// fold lowercases s and removes its accents: "Catégorie" → "categorie".
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	plain, _, err := transform.String(t, s)
	if err != nil {
		plain = s
	}
	return strings.ToLower(plain)
}
