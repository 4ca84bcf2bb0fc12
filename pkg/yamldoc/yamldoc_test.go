package yamldoc

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cardgen/cardgen/internal/testenv"
)

// A file whose aliases expand far past what a file may hold is refused at
// the alias where it goes past, at once. Not parallel: it counts the
// processor time it takes.
func TestAliasesBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: x\ndescription: &t " + strings.Repeat("a", 1<<20) + "\nitems:\n")
	for range 3000 {
		b.WriteString("  - *t\n")
	}
	start := testenv.CPUTime()
	r := &Reader{File: "l.yaml"}
	if doc := r.Parse([]byte(b.String()), ""); doc != nil {
		t.Fatal("parsed a document that expands to 3 GB")
	}
	if d := testenv.CPUTime() - start; d > testenv.Limit(500*time.Millisecond) {
		t.Errorf("took %v", d)
	}
	// Each alias adds 1 MiB and a little: the 16th, on line 3+16, goes past 16 MiB.
	if len(r.Problems) != 1 || r.Problems[0].Line != 19 || !strings.Contains(r.Problems[0].Msg, "*t") {
		t.Errorf("problems = %v", r.Problems)
	}

	// Nested: a list of 100,000 items, referenced 20,000 times.
	b.Reset()
	b.WriteString("list: &l\n")
	for range 100000 {
		b.WriteString("  - x\n")
	}
	b.WriteString("refs:\n")
	for range 20000 {
		b.WriteString("  - *l\n")
	}
	start = testenv.CPUTime()
	r = &Reader{File: "l.yaml"}
	if doc := r.Parse([]byte(b.String()), ""); doc != nil || len(r.Problems) != 1 || r.Problems[0].Line < 100003 {
		t.Errorf("problems = %v", r.Problems)
	}
	if d := testenv.CPUTime() - start; d > testenv.Limit(900*time.Millisecond) {
		t.Errorf("took %v", d)
	}

	// A few aliases of a small anchor are fine; a smaller limit holds too.
	r = &Reader{File: "l.yaml", MaxExpanded: 1 << 10}
	src := "a: &x [1, 2, 3]\nb: *x\nc: *x\n"
	if doc := r.Parse([]byte(src), ""); doc == nil {
		t.Errorf("refused %q: %v", src, r.Problems)
	}
	r = &Reader{File: "l.yaml", MaxExpanded: 1 << 10}
	src = "a: &x " + strings.Repeat("b", 600) + "\nb: *x\nc: *x\n"
	if doc := r.Parse([]byte(src), ""); doc != nil || r.Problems[0].Line != 3 || !strings.Contains(r.Problems[0].Msg, "1 KiB") {
		t.Errorf("problems = %v", r.Problems)
	}
}

func TestControlCharacters(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		src       string
		line, col int
		code      string
	}{
		{"a: 1\nb: x\x00y\n", 2, 5, "U+0000, NUL"},
		{"a: é\x01\n", 1, 5, "U+0001"},
		{"a: \"\x7f\"\n", 1, 5, "U+007F"},
		{"a: b\n# c\u0080\n", 2, 4, "U+0080"},
	} {
		r := &Reader{File: "f.yaml"}
		if r.Parse([]byte(tt.src), "") != nil || len(r.Problems) != 1 {
			t.Fatalf("%q: problems %v", tt.src, r.Problems)
		}
		p := r.Problems[0]
		if p.Line != tt.line || p.Column != tt.col || !strings.Contains(p.Msg, tt.code) {
			t.Errorf("%q: %v, want %d:%d %s", tt.src, p, tt.line, tt.col, tt.code)
		}
	}
	r := &Reader{File: "f.yaml"}
	if r.Parse([]byte("a: \"tab\there\"\r\nb: \u00a0ok\n"), "") == nil {
		t.Errorf("refused allowed characters: %v", r.Problems)
	}
}

func TestSecondDocument(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		src  string
		line int // 0: one document
	}{
		{"a: 1\n---\nb: 2\n", 2},
		{"a: 1\n--- {broken: [\n", 2},
		{"---\na: 1\n", 0},
		{"%YAML 1.1\n---\na: 1\n...\n", 0},
		{"# c\n---\na: 1\n...\n# end\n", 0},
		{"a: 1\n...\nb: 2\n", 3},
		{"a: |\n  ---\n  text\n", 0},
		{"a: 1\n---\n", 2},
		{"a: 1\n----\n", -1}, // not a marker: a syntax error instead
	} {
		r := &Reader{File: "f.yaml"}
		doc := r.Parse([]byte(tt.src), "")
		switch {
		case tt.line == 0 && doc == nil:
			t.Errorf("%q: refused: %v", tt.src, r.Problems)
		case tt.line > 0 && (doc != nil || len(r.Problems) != 1 || r.Problems[0].Line != tt.line || !strings.Contains(r.Problems[0].Msg, "second YAML document")):
			t.Errorf("%q: problems %v, want a second document on line %d", tt.src, r.Problems, tt.line)
		case tt.line < 0 && doc != nil && fmt.Sprint(r.Problems) == "[]":
			// "----" is text continuing the value: fine either way.
		}
	}
}
