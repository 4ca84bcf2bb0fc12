package build

import "github.com/cardgen/cardgen/pkg/deck"

// countryName is the name of the country with ISO code code in the language
// lang (deck.RegionName).
func countryName(code, lang string) string { return deck.RegionName(code, lang) }
