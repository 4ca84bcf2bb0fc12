package deck

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// CountryName returns the country as the card prints it: the dataset's own
// name when it gives one, else the name of its code in the language lang,
// from CLDR through x/text (French gives "Congo-Kinshasa" for CD, which is
// why a dataset's own name wins); the code itself when CLDR has no name.
func (p *Persona) CountryName(lang string) string {
	if p.Country != "" {
		return p.Country
	}
	return RegionName(p.CountryCode, lang)
}

// RegionName is the name of the country with ISO code code in the language
// lang, or the code when CLDR has none.
func RegionName(code, lang string) string {
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := display.Regions(language.Make(lang)).Name(region); name != "" {
		return name
	}
	return code
}
