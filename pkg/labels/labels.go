// Package labels holds the words cardgen itself puts on cards, per language,
// in a golang.org/x/text/message catalog. Keys are the English text.
package labels

import (
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Keys of the catalog.
const (
	Conditions = "Working conditions"
	Impact     = "Environmental impact"
	CardNumber = "%d/%d"
)

var (
	supported = []language.Tag{language.English, language.French}
	cat       = build()
	matcher   = language.NewMatcher(supported)
)

func build() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	set := func(tag language.Tag, key, msg string) {
		if err := b.SetString(tag, key, msg); err != nil {
			panic(err) // the catalog is fixed at compile time
		}
	}
	for _, key := range []string{Conditions, Impact, CardNumber} {
		set(language.English, key, key)
	}
	set(language.French, Conditions, "Conditions de travail")
	set(language.French, Impact, "Impact environnemental")
	set(language.French, CardNumber, "%d/%d")
	return b
}

// Printer returns a printer for the language closest to tag that the catalog
// has (fr-CA and fr-BE give French, en-GB English); English when none is close.
func Printer(tag string) *message.Printer {
	t, _ := language.Parse(tag)
	_, i, _ := matcher.Match(t)
	return message.NewPrinter(supported[i], message.Catalog(cat))
}
