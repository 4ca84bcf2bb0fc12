package build

import (
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// A control character is the dataset's problem (deck.Check says so, with
// where it is): the font's coverage does not report it a second time as
// a glyph the font lacks, when every problem comes out in one run.
func TestCoverageLeavesControlCharacters(t *testing.T) {
	t.Parallel()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	d := &deck.Deck{Title: "T", Language: "fr", Personas: []deck.Persona{{ID: "a", Name: "A", Role: "R", Text: "x\u0092y 🙂"}}}
	var problems diag.List
	checkCoverage(d, fam, func(s string) string { return s }, &problems)
	if len(problems) != 1 || !strings.Contains(problems[0].Msg, "U+1F642") || strings.Contains(problems[0].Msg, "U+0092") {
		t.Errorf("problems: %v", problems)
	}
}
