package deck_test

import (
	"fmt"
	"os"

	"github.com/cardgen/cardgen/pkg/deck"
)

// A spreadsheet saved as CSV: French headers, semicolons, the conditions
// one per line in their cell. The id comes from the name, the country code
// from the country's name, the category from the built-in ones by label.
func ExampleRead_csv() {
	src := "Nom;Métier;Pays;Catégorie;Texte;Conditions\r\n" +
		"Maria Luz;Modératrice;Philippines;Modération;Je supprime des contenus violents.;\"Santé mentale en danger\nRémunération insuffisante\"\r\n"
	d, err := deck.Read("equipe.csv", []byte(src), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	p := d.Personas[0]
	fmt.Println(d.Title, d.Language)
	fmt.Println(p.ID, p.CountryCode, p.Category, d.Category(p.Category).Color)
	fmt.Printf("%q\n", p.Conditions)
	// Output:
	// equipe fr
	// maria-luz PH moderation #A8322D
	// ["Santé mentale en danger" "Rémunération insuffisante"]
}

// Problems come all at once, each with its line, the spreadsheet's cell
// and its column as the header names it, and the persona.
func ExampleRead_problems() {
	src := "nom;rôle;pays;texte;conditons\nKoffi;;Atlantide;J'extrais le cobalt.;Dur\n"
	_, err := deck.Read("team.csv", []byte(src), "")
	fmt.Println(err)
	// Output:
	// team.csv:1:21: cell E1 (column "conditons"): unknown column; did you mean "conditions"?
	// team.csv:2:7: persona "koffi": cell B2 (column "rôle"): empty; write the persona's role
	// team.csv:2:8: persona "koffi": cell C2 (column "pays"): no country code known for "Atlantide"; add a column "code_pays" with the country's two-letter ISO code (such as FR, CD, KR)
}

func ExampleExport() {
	d, err := deck.Read("mini.md", []byte("### Hao\n\nExtractrice\n\nChine\n\nJe démonte des téléphones.\n\n- Mal payé\n"), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := deck.Export(os.Stdout, d, "json"); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "deck": {
	//     "title": "mini",
	//     "language": "fr"
	//   },
	//   "categories": [
	//     {
	//       "id": "personas",
	//       "label": "Personas",
	//       "color": "#37474F"
	//     }
	//   ],
	//   "personas": [
	//     {
	//       "id": "hao",
	//       "name": "Hao",
	//       "role": "Extractrice",
	//       "country": "Chine",
	//       "country_code": "CN",
	//       "category": "personas",
	//       "text": "Je démonte des téléphones.",
	//       "conditions": [
	//         "Mal payé"
	//       ]
	//     }
	//   ]
	// }
}
