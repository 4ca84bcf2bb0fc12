package diag

import (
	"errors"
	"strings"
	"testing"
)

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "d.yaml", Line: 42, Column: 5, Card: "koffi", Field: "conditons", Msg: "unknown field", Hint: `did you mean "conditions"?`},
			`d.yaml:42:5: persona "koffi": field "conditons": unknown field; did you mean "conditions"?`},
		{Problem{File: "d.yaml", Line: 3, Field: "color", Msg: "bad"}, `d.yaml:3: field "color": bad`},
		{Problem{File: "d.yaml", Msg: "the file is empty"}, `d.yaml: the file is empty`},
		{Problem{File: "d.csv", Line: 80, Column: 31, Cell: "D34", Card: "hao", Field: "text", Msg: "bad"}, `d.csv:80:31: persona "hao": field "text": cell D34: bad`},
		{Problem{File: "d.csv", Line: 1, Cell: "1:1", Field: "country", Msg: "missing column"}, `d.csv:1: field "country": row 1: missing column`},
		{Problem{File: "d.xlsx", Line: 1, Cell: "personas!1:1", Field: "country", Msg: "missing column"}, `d.xlsx: personas!1:1: field "country": missing column`},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

func TestListErrSorts(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("an empty list is an error")
	}
	l.Add(Problem{File: "b", Line: 1, Msg: "x"})
	l.Add(Problem{File: "a", Line: 9, Msg: "y"})
	l.Add(Problem{File: "a", Line: 2, Msg: "z"})
	err := l.Err()
	var got List
	if !errors.As(err, &got) || got[0].Line != 2 || got[1].Line != 9 || got[2].File != "b" {
		t.Fatalf("not sorted: %v", err)
	}
	if err.Error() != "a:2: z\na:9: y\nb:1: x" {
		t.Errorf("Error() = %q", err.Error())
	}
	if l[0].File != "b" {
		t.Error("Err sorted the list in place")
	}
}

func TestWorkbookCell(t *testing.T) {
	t.Parallel()
	p := Problem{File: "deck.xlsx", Line: 4, Column: 4, Cell: "personas!D4", Card: "hao", Field: "role", Msg: "empty", Hint: "write the persona's role"}
	if got, want := p.Error(), `deck.xlsx: personas!D4: persona "hao": field "role": empty; write the persona's role`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	p = Problem{File: "deck.csv", Line: 2, Column: 8, Cell: "B2", Field: "language", Msg: "bad"}
	if got, want := p.Error(), `deck.csv:2:8: field "language": cell B2: bad`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// Sheets sort before rows: every problem of one sheet together.
	l := List{{File: "d.ods", Line: 1, Cell: "personas!A1"}, {File: "d.ods", Line: 9, Cell: "categories!B9"}}
	var got List
	if errors.As(l.Err(), &got); got[0].Cell != "categories!B9" {
		t.Errorf("not sorted by sheet: %v", got)
	}
}

func TestQuoteCutsHugeValues(t *testing.T) {
	t.Parallel()
	if got := Quote("Hao"); got != `"Hao"` {
		t.Errorf("Quote(Hao) = %s", got)
	}
	huge := strings.Repeat("é", 2_000_000)
	got := Quote(huge)
	if len(got) > 200 || !strings.Contains(got, "…") || !strings.HasSuffix(got, "(2,000,000 characters)") {
		t.Errorf("Quote of 2,000,000 characters = %.300s (%d bytes)", got, len(got))
	}
	if p := (Problem{File: "f", Card: huge, Msg: "x"}); len(p.Error()) > 300 {
		t.Errorf("a problem repeats a huge persona id whole: %d bytes", len(p.Error()))
	}
}

// TestMarkLast: a producer names the kind of the problem it has just
// added; the message does not change.
func TestMarkLast(t *testing.T) {
	var l List
	l.MarkLast(CodeEmpty) // nothing to mark
	l.Add(Problem{File: "d.csv", Msg: "first"})
	l.Add(Problem{File: "d.csv", Card: "awa", Field: "id", Msg: "id used twice (first in cell A6)"})
	l.MarkLast(CodeDuplicateID)
	if l[0].Code != "" || l[1].Code != CodeDuplicateID || l[1].Error() != `d.csv: persona "awa": field "id": id used twice (first in cell A6)` {
		t.Errorf("%+v", l)
	}
}

// TestHeaderNamesColumn: a problem in a spreadsheet's cell names the
// column by its header as the file writes it, not by cardgen's field
// name; the field stays on the problem for a caller that reads it.
func TestHeaderNamesColumn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "mes-personas.csv", Line: 3, Column: 104, Cell: "D3", Header: "texte", Card: "hao", Field: "text", Msg: "too long"},
			`mes-personas.csv:3:104: persona "hao": cell D3 (column "texte"): too long`},
		{Problem{File: "d.csv", Line: 4, Column: 9, Cell: "C4", Header: "pays", Card: "zed", Field: "country_code", Msg: `no country code known for "Atlantide"`, Hint: `add a column "code_pays"`},
			`d.csv:4:9: persona "zed": cell C4 (column "pays"): no country code known for "Atlantide"; add a column "code_pays"`},
		{Problem{File: "d.xlsx", Line: 6, Column: 2, Cell: "personas!B6", Header: "Rôle", Card: "koffi", Field: "role", Msg: "empty"},
			`d.xlsx: personas!B6 (column "Rôle"): persona "koffi": empty`},
		{Problem{File: "d.csv", Line: 3, Header: "rôle", Field: "role", Msg: "empty"}, `d.csv:3: column "rôle": empty`},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}
