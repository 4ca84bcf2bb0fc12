package deck_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// TestSeparatorInText: a text holding the file's separator, unquoted,
// spills into a column without a header; the problem says the row may
// have been cut there and how to quote the cell, with the file's own
// separator, while a stray cell under an empty header cell keeps the
// plain advice.
func TestSeparatorInText(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, src, want string
	}{
		{"semicolon.csv", "nom;rôle;pays;texte;conditions\nBilal;Annotateur;Pakistan;Je classe; on me dit merci.;Payé\n",
			`if a text of this row holds a ";", the row was cut there: put that cell in double quotes ("…; …")`},
		{"comma.csv", "name,role,country,text,conditions\nBilal,Annotator,Pakistan,I label, and label.,Paid\n",
			`if a text of this row holds a ",", the row was cut there: put that cell in double quotes ("…, …")`},
		{"gap.csv", "nom;rôle;;pays;texte;conditions\nBilal;Annotateur;x;Pakistan;Je classe.;Payé\n",
			"name the column in the header row, or empty it"},
	} {
		_, err := deck.Read(c.name, []byte(c.src), "")
		var l diag.List
		if !errors.As(err, &l) || len(l) != 1 {
			t.Errorf("%s: %v; want one problem", c.name, err)
			continue
		}
		if p := l[0]; p.Msg != "text in a column without a header" || !strings.HasPrefix(p.Hint, c.want) || p.Line != 2 {
			t.Errorf("%s: line %d: %s; %s\nwant the hint to start with %s", c.name, p.Line, p.Msg, p.Hint, c.want)
		}
	}
}
