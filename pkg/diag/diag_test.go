package diag

import (
	"errors"
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
