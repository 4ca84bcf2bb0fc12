// Package labels holds the words cardgen itself puts on cards and pages, per
// language, in a golang.org/x/text/message catalog. Keys are the English
// text; French is the other language.
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

	CalibrationTitle = "Printer calibration: where the back side lands"
	CalibrationRuler = "This line must measure exactly 100 mm. If it does not, print again at actual size (100 %%), not \"fit to page\"."
	CalibrationSteps = "1. Print both pages double-sided, flip on the %s edge, at actual size (100 %%).\n" +
		"2. Hold the sheet against a window with the back side facing you: the crosses of this side show through.\n" +
		"3. On the back, read where the vertical line of the centre cross falls on the horizontal scale: that is X. Read where its horizontal line falls on the vertical scale: that is Y.\n" +
		"4. Build your deck with: cardgen build --back-offset X,Y (for example --back-offset 1.5,-0.5). Print this sheet again with the same --back-offset: the lines now fall on 0.\n" +
		"If the three crosses give readings more than 0.5 mm apart, the printer also turns the paper a little: use the centre reading."
	CalibrationBack = "Back side: read X and Y where the crosses of the front show through."
	EdgeLong        = "long"
	EdgeShort       = "short"

	// PDF metadata.
	Subject  = "%d cards, layout %s"
	Keywords = "cards, %s"

	// The facilitator's sheet.
	GuideTitle   = "Facilitator's sheet"
	GuideMap     = "Where the hidden work of AI happens: %d personas in %d countries"
	GuidePersona = "%s, %s"
	// A category's heading at the top of a column it continues into.
	GuideContinued = "%s (continued)"
	// The label of a country with many personas on the guide's map.
	GuideCount = "%d personas"
	// The ruled space for the facilitator's notes.
	GuideNotes = "Session notes"
)

// translations are the French messages, by key.
var translations = map[language.Tag]map[string]string{
	language.French: {
		Conditions:       "Conditions de travail",
		Impact:           "Impact environnemental",
		CardNumber:       "%d/%d",
		CalibrationTitle: "Calibrage de l'imprimante : où tombe le verso",
		CalibrationRuler: "Ce trait doit mesurer exactement 100 mm. Sinon, imprimez à nouveau à taille réelle (100 %%), sans \"ajuster à la page\".",
		CalibrationSteps: "1. Imprimez les deux pages en recto verso, retournement sur le bord %s, à taille réelle (100 %%).\n" +
			"2. Tenez la feuille devant une fenêtre, le verso face à vous : les croix du recto apparaissent par transparence.\n" +
			"3. Au verso, lisez où tombe le trait vertical de la croix du centre sur l'échelle horizontale : c'est X. Lisez où tombe son trait horizontal sur l'échelle verticale : c'est Y.\n" +
			"4. Construisez votre jeu avec : cardgen build --back-offset X,Y (par exemple --back-offset 1.5,-0.5). Imprimez à nouveau cette feuille avec le même --back-offset : les traits tombent alors sur 0.\n" +
			"Si les trois croix donnent des lectures écartées de plus de 0,5 mm, l'imprimante fait aussi tourner la feuille : prenez la lecture du centre.",
		CalibrationBack: "Verso : lisez X et Y là où les croix du recto apparaissent par transparence.",
		EdgeLong:        "long",
		EdgeShort:       "court",
		Subject:         "%d cartes, mise en page %s",
		Keywords:        "cartes, %s",
		GuideTitle:      "Fiche d'animation",
		GuideMap:        "Où se fait le travail caché de l'IA : %d personas dans %d pays",
		GuidePersona:    "%s, %s",
		GuideContinued:  "%s (suite)",
		GuideCount:      "%d personas",
		GuideNotes:      "Notes de séance",
	},
}

var (
	supported = []language.Tag{language.English, language.French}
	cat       = build()
	matcher   = language.NewMatcher(supported)
)

var keys = []string{Conditions, Impact, CardNumber, CalibrationTitle, CalibrationRuler, CalibrationSteps, CalibrationBack, EdgeLong, EdgeShort, Subject, Keywords, GuideTitle, GuideMap, GuidePersona, GuideContinued, GuideCount, GuideNotes}

func build() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for _, key := range keys {
		if err := b.SetString(language.English, key, key); err != nil {
			panic(err) // the catalog is fixed at compile time
		}
		for tag, msgs := range translations {
			msg, ok := msgs[key]
			if !ok {
				panic("labels: no " + tag.String() + " message for " + key)
			}
			if err := b.SetString(tag, key, msg); err != nil {
				panic(err)
			}
		}
	}
	return b
}

// Printer returns a printer for the language closest to tag that the catalog
// has (fr-CA and fr-BE give French, en-GB English); English when none is close.
func Printer(tag string) *message.Printer {
	t, _ := language.Parse(tag)
	_, i, _ := matcher.Match(t)
	return message.NewPrinter(supported[i], message.Catalog(cat))
}
