package choice

import (
	"errors"
	"testing"
)

type edge string

func TestParse(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want edge
	}{{"long", "long"}, {" Short ", "short"}, {"NONE", "none"}} {
		got, err := Parse("duplex edge", tt.in, edge("long"), "short", "none")
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	_, err := Parse("duplex edge", "sideways", edge("long"), "short", "none")
	var ce *Error
	if !errors.As(err, &ce) || ce.Value != "sideways" || len(ce.Allowed) != 3 {
		t.Fatalf("Parse(sideways) = %v", err)
	}
	if got, want := err.Error(), `duplex edge "sideways": use long, short or none`; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

func TestList(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a or b"}, {[]string{"a", "b", "c"}, "a, b or c"}} {
		if got := List(tt.in, "or"); got != tt.want {
			t.Errorf("List(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
