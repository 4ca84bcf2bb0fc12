// Package labels holds the words cardgen itself puts on cards and pages, per
// language, in a golang.org/x/text/message catalog. Keys are the English
// text; French is the other language.
package labels

import (
	"golang.org/x/text/feature/plural"
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
		"2. Hold the sheet against a window with the back side facing you: the short lines of this side show through and meet the lines of the back.\n" +
		"3. On the back, in the X scale of the middle, find the pair of lines that makes one straight line: its figure is X. In the Y scale beside it, the straight pair gives Y. When two neighbouring pairs are equally close to straight, take the half between them (1.5 between 1 and 2).\n" +
		"4. Give X and Y to cardgen: on its web page (cardgen serve), type them in the \"Move the backs\" fields; in a terminal, build your deck with cardgen build --back-offset X,Y (for example --back-offset 1.5,-0.5). Print this sheet again with the same offset: the straight pairs are now at 0.\n" +
		"If the two places give readings more than 0.5 mm apart, the printer also turns the paper a little: use the middle reading."
	CalibrationBack = "Back side, against the light: in each scale, the pair of lines that makes one straight line gives X or Y."
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
	// The ruled space for the facilitator's notes.
	GuideNotes = "Session notes"
)

// GuideMapPersonas is the map's caption for any deck but the workshop's
// own (GuideMap).
const GuideMapPersonas = "Where the personas work: %d personas in %d countries"

// translations are the French messages, by key; those that count (Subject,
// GuideMap) are in counted.
var translations = map[language.Tag]map[string]string{
	language.French: {
		Conditions:       "Conditions de travail",
		Impact:           "Impact environnemental",
		CardNumber:       "%d/%d",
		CalibrationTitle: "Calibrage de l'imprimante : où tombe le verso",
		CalibrationRuler: "Ce trait doit mesurer exactement 100 mm. Sinon, imprimez à nouveau à taille réelle (100 %%), sans \"ajuster à la page\".",
		CalibrationSteps: "1. Imprimez les deux pages en recto verso, retournement sur le bord %s, à taille réelle (100 %%).\n" +
			"2. Tenez la feuille devant une fenêtre, le verso face à vous : les petits traits du recto apparaissent par transparence et rejoignent ceux du verso.\n" +
			"3. Au verso, dans l'échelle X du centre, cherchez la paire de traits qui forme un seul trait droit : son nombre est X. Dans l'échelle Y à côté, la paire droite donne Y. Si deux paires voisines sont aussi près l'une que l'autre d'être droites, prenez le milieu (1,5 entre 1 et 2).\n" +
			"4. Donnez X et Y à cardgen : dans sa page web (cardgen serve), tapez-les dans les champs « Décalage du verso » ; dans un terminal, construisez votre jeu avec cardgen build --back-offset x=X,y=Y (par exemple --back-offset x=1,5,y=-0,5). Imprimez à nouveau cette feuille avec le même décalage : les paires droites sont alors à 0.\n" +
			"Si les deux emplacements donnent des lectures écartées de plus de 0,5 mm, l'imprimante fait aussi tourner la feuille : prenez la lecture du centre.",
		CalibrationBack: "Verso, à contre-jour : dans chaque échelle, la paire de traits qui forme un seul trait droit donne X ou Y.",
		EdgeLong:        "long",
		EdgeShort:       "court",
		Keywords:        "cartes, %s",
		GuideTitle:      "Fiche d’animation",
		GuidePersona:    "%s, %s",
		GuideContinued:  "%s (suite)",
		GuideNotes:      "Notes de séance",
	},
}

var (
	supported = []language.Tag{language.English, language.French}
	cat       = build()
	matcher   = language.NewMatcher(supported)
)

var keys = []string{Conditions, Impact, CardNumber, CalibrationTitle, CalibrationRuler, CalibrationSteps, CalibrationBack, EdgeLong, EdgeShort, Subject, Keywords, GuideTitle, GuideMap, GuidePersona, GuideContinued, GuideNotes}

// counted are the messages whose words depend on a number, by key and
// language: each language's plural rules (CLDR, through x/text) choose the
// form, so that French says "1 carte" and "0 carte", English "1 card" and
// "0 cards".
var counted = map[string]map[language.Tag]catalog.Message{
	Subject: {
		language.English: plural.Selectf(1, "%d", "one", "%d card, layout %s", "other", "%d cards, layout %s"),
		language.French:  plural.Selectf(1, "%d", "one", "%d carte, mise en page %s", "other", "%d cartes, mise en page %s"),
	},
	GuideMap: {
		language.English: catalog.Var("personas", plural.Selectf(1, "%d", "one", "persona", "other", "personas")),
		language.French:  catalog.Var("personas", plural.Selectf(1, "%d", "one", "persona", "other", "personas")),
	},
	GuideMapPersonas: {
		language.English: catalog.Var("personas", plural.Selectf(1, "%d", "one", "persona", "other", "personas")),
		language.French:  catalog.Var("personas", plural.Selectf(1, "%d", "one", "persona", "other", "personas")),
	},
}

// countedText are the texts of counted messages that take variables.
var countedText = map[string]map[language.Tag]string{
	GuideMap: {
		language.English: "Where the hidden work of AI happens: %[1]d ${personas} in %[2]d ${countries}",
		language.French:  "Où se fait le travail caché de l’IA : %[1]d ${personas} dans %[2]d pays",
	},
	GuideMapPersonas: {
		language.English: "Where the personas work: %[1]d ${personas} in %[2]d ${countries}",
		language.French:  "Où travaillent les personas : %[1]d ${personas} dans %[2]d pays",
	},
}

// Nouns counted in cardgen's own messages (Count).
const (
	Cards      = "%d cards"
	Pages      = "%d pages"
	Personas   = "%d personas"
	Categories = "%d categories"
	Countries  = "%d countries"
	Files      = "%d files"
	Problems   = "%d problems"
)

var nouns = map[string]map[language.Tag][2]string{
	Cards:      {language.English: {"card", "cards"}, language.French: {"carte", "cartes"}},
	Pages:      {language.English: {"page", "pages"}, language.French: {"page", "pages"}},
	Personas:   {language.English: {"persona", "personas"}, language.French: {"persona", "personas"}},
	Categories: {language.English: {"category", "categories"}, language.French: {"catégorie", "catégories"}},
	Countries:  {language.English: {"country", "countries"}, language.French: {"pays", "pays"}},
	Files:      {language.English: {"file", "files"}, language.French: {"fichier", "fichiers"}},
	Problems:   {language.English: {"problem", "problems"}, language.French: {"problème", "problèmes"}},
}

// Count writes n and the noun of key (Cards, Pages, …) in the language
// closest to lang, by its plural rules: "1 persona", "2 personas",
// "1,000 cards" in English; "1 carte", "1 000 cartes" in French.
func Count(lang string, n int, key string) string {
	return Printer(lang).Sprintf(key, n)
}

func build() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for key, forms := range nouns {
		for tag, f := range forms {
			if err := b.Set(tag, key, plural.Selectf(1, "%d", "one", "%d "+f[0], "other", "%d "+f[1])); err != nil {
				panic(err)
			}
		}
	}
	for key, msgs := range counted {
		for tag, m := range msgs {
			ms := []catalog.Message{m}
			if text, ok := countedText[key][tag]; ok {
				if tag == language.English {
					ms = append(ms, catalog.Var("countries", plural.Selectf(2, "%d", "one", "country", "other", "countries")))
				}
				ms = append(ms, catalog.String(text))
			}
			if err := b.Set(tag, key, ms...); err != nil {
				panic(err)
			}
		}
	}
	for _, key := range keys {
		if counted[key] != nil {
			continue
		}
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
