package build

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryName is the name of the country with ISO code code in the language
// lang, from CLDR through x/text (French gives "Congo-Kinshasa" for CD, so a
// dataset's own name, when it has one, always wins); the code itself when
// CLDR has no name.
func countryName(code, lang string) string {
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := display.Regions(language.Make(lang)).Name(region); name != "" {
		return name
	}
	return code
}
