package app

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cardgen/cardgen/pkg/diag"
)

// twinsCSV has two personas of id awa (rows 6 and 8), the second with a
// character the font lacks, and a misspelt category in John's row 7 (cell
// E7).
const twinsCSV = "titre;Jeu\nlangue;fr\ncatégorie;clickwork;Travail du clic;#7B3F8C\n\n" +
	"identifiant;nom;métier;code_pays;catégorie;texte;conditions\n" +
	"awa;Awa;Cueilleuse;CI;clickwork;Je récolte.;Chaleur\n" +
	"john;John;Modérateur;US;Travail du clik;Je modère.;Nuit\n" +
	"awa;Aminata;Annotatrice;SN;clickwork;J'annote 🙂.;Salaire bas\n"

// TestTwinsAreTwoCards: two personas that share an id are two cards: each
// drawn from its own persona, each with its own problems, told apart by
// where the problem is.
func TestTwinsAreTwoCards(t *testing.T) {
	t.Parallel()
	ds := Dataset{Path: "jeu.csv", Data: []byte(twinsCSV), FS: fstest.MapFS{}}
	set, err := Faces(context.Background(), FacesOptions{Dataset: ds, Layout: "a4", Format: SVG})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Cards) != 3 {
		t.Fatalf("%d cards", len(set.Cards))
	}
	first, second := set.Cards[0], set.Cards[2]
	if first.Name != "Awa" || !strings.Contains(faceText(first.Front), "Awa") || strings.Contains(faceText(first.Front), "Aminata") {
		t.Errorf("the first awa shows %q", faceText(first.Front))
	}
	if len(first.Problems) != 0 {
		t.Errorf("the first awa has the second's problems: %v", first.Problems)
	}
	var codes []diag.Code
	for _, p := range second.Problems {
		codes = append(codes, p.Code)
	}
	if second.Name != "Aminata" || len(second.Front) != 0 && !strings.Contains(faceText(second.Front), "Aminata") ||
		len(codes) != 2 || codes[0] != diag.CodeDuplicateID || codes[1] != diag.CodeMissingGlyph {
		t.Errorf("the second awa: %q, problems %v", second.Name, second.Problems)
	}

	// ProblemCard: by id, by line for twins, by row for a problem of no
	// persona in a persona's row.
	ed, _, _ := loadPartial(ds)
	for _, p := range set.Problems {
		want, ok := map[string]int{"E7": 1, "A8": 2, "F8": 2}[p.Cell]
		if got := ProblemCard(ed.Deck, p); !ok || got != want {
			t.Errorf("%s: card %d, want %d", p.Error(), got, want)
		}
	}
	for _, tt := range []struct {
		p    diag.Problem
		want int
	}{
		{diag.Problem{File: "jeu.csv", Card: "john"}, 1},
		{diag.Problem{File: "jeu.csv", Card: "awa"}, 0},
		{diag.Problem{File: "jeu.csv", Card: "awa", Line: 7}, 0},
		{diag.Problem{File: "jeu.csv", Card: "awa", Line: 8}, 2},
		{diag.Problem{File: "jeu.csv", Card: "nobody"}, -1},
		{diag.Problem{File: "jeu.csv", Cell: "E7"}, 1},
		{diag.Problem{File: "jeu.csv", Cell: "5:5"}, -1},
		{diag.Problem{File: "jeu.en.csv", Cell: "E7"}, -1},
	} {
		if got := ProblemCard(ed.Deck, tt.p); got != tt.want {
			t.Errorf("%s: card %d, want %d", tt.p.Error(), got, tt.want)
		}
	}
}
