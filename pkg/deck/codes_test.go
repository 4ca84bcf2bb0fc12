package deck

import (
	"errors"
	"testing"

	"github.com/cardgen/cardgen/pkg/diag"
)

// TestProblemCodes: the problems a teacher's file commonly has carry the
// code that lets the web page say them in French, at their place.
func TestProblemCodes(t *testing.T) {
	t.Parallel()
	const header = "nom;rôle;pays;code_pays;texte;conditions;exemplaires\n"
	cases := []struct {
		name, file, data string
		code             diag.Code
		cell             string // or "" for a line
		line             int
	}{
		{"unknown country", "a.csv", header + "Chloé;Modératrice;Atlantide;;Je modère.;Nuit;\n", diag.CodeUnknownCountry, "C2", 0},
		{"ambiguous country", "a.csv", header + "Chloé;Modératrice;Congo;;Je modère.;Nuit;\n", diag.CodeAmbiguousCountry, "C2", 0},
		{"bad country code", "a.csv", header + "Chloé;Modératrice;France;FRA;Je modère.;Nuit;\n", diag.CodeBadCountryCode, "D2", 0},
		{"bad country code, small letters", "a.csv", header + "Chloé;Modératrice;France;zz;Je modère.;Nuit;\n", diag.CodeBadCountryCode, "D2", 0},
		{"copies, not a number", "a.csv", header + "Chloé;Modératrice;France;FR;Je modère.;Nuit;deux\n", diag.CodeBadCopies, "G2", 0},
		{"copies, too many", "a.csv", header + "Chloé;Modératrice;France;FR;Je modère.;Nuit;5000\n", diag.CodeBadCopies, "G2", 0},
		{"copies in YAML", "a.yaml", yamlDeck("    copies: 0\n"), diag.CodeBadCopies, "", 14},
		{"control character", "a.csv", header + "Chloé;Modératrice;France;FR;Je mo\adère.;Nuit;\n", diag.CodeControlChar, "E2", 0},
		{"colour", "a.yaml", yamlDeck("") + "", diag.CodeBadColour, "", 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read(c.file, []byte(c.data), "")
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("error %v, want problems", err)
			}
			for _, p := range list {
				if p.Code == c.code {
					if p.Cell != c.cell || c.cell == "" && p.Line != c.line {
						t.Errorf("%s at cell %q, line %d; want %q, %d: %v", c.code, p.Cell, p.Line, c.cell, c.line, p)
					}
					return
				}
			}
			t.Errorf("no problem of code %s in:\n%v", c.code, list)
		})
	}
}

// yamlDeck is a deck with one persona, more lines after its last field,
// and a category whose colour is not one (line 7).
func yamlDeck(more string) string {
	return `deck:
  title: T
  language: fr
categories:
  - id: travail
    label: Travail
    color: bleu
personas:
  - id: chloe
    name: Chloé
    role: Modératrice
    country_code: FR
    category: travail
` + more + `    text: Je modère.
    conditions: [Nuit]
`
}
