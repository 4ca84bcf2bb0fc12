package testdiff

import (
	"fmt"
	"strings"
	"testing"
)

func TestLines(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, want, got, diff string }{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one line changed", "a\nb\nc\n", "a\nB\nc\n", "@@ -1 +1 @@\n  a\n- b\n+ B\n  c\n"},
		// An inserted line shifts the rest, which stays unchanged.
		{"inserted", "1\n2\n3\n4\n5\n6\n7\n", "1\n2\n3\nnew\n4\n5\n6\n7\n", "@@ -2 +2 @@\n  2\n  3\n+ new\n  4\n  5\n"},
		{"removed at the start", "x\n1\n2\n3\n4\n", "1\n2\n3\n4\n", "@@ -1 +1 @@\n- x\n  1\n  2\n"},
		{"added at the end", "1\n2\n3\n4\n", "1\n2\n3\n4\n5\n", "@@ -3 +3 @@\n  3\n  4\n+ 5\n"},
		{"from nothing", "", "a\n", "@@ -1 +1 @@\n+ a\n"},
		{"final newline", "a\n", "a", "@@ -1 +1 @@\n- a\n+ a ⏎ (no newline at the end)\n"},
		// Changes far apart are shown apart, with their own line numbers.
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "one\n2\n3\n4\n5\n6\n7\n8\n9\nten\n",
			"@@ -1 +1 @@\n- 1\n+ one\n  2\n  3\n@@ -8 +8 @@\n  8\n  9\n- 10\n+ ten\n"},
	} {
		if got := Lines(tt.want, tt.got); got != tt.diff {
			t.Errorf("%s: Lines =\n%s\nwant\n%s", tt.name, got, tt.diff)
		}
	}
}

// Texts too long to align line by line still show every changed line.
func TestLinesLong(t *testing.T) {
	t.Parallel()
	var a, b strings.Builder
	for i := range 3000 {
		a.WriteString(strings.Repeat("a", i%7) + "\n")
		b.WriteString(strings.Repeat("b", i%5) + "\n")
	}
	d := Lines(a.String(), b.String())
	if n := strings.Count(d, "\n- "); n < 2000 {
		t.Errorf("%d removed lines shown", n)
	}
	if !strings.HasPrefix(d, "@@ -1 +1 @@\n") {
		t.Errorf("diff starts %.40q", d)
	}
}

// fakeT records what Golden reports.
type fakeT struct {
	testing.TB
	errors []string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.errors = append(f.errors, strings.TrimSpace(fmt.Sprintf(format, args...)))
}
func (f *fakeT) Fatal(args ...any) { panic(args) }

func TestGolden(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/sub/x.golden"
	f := &fakeT{}
	Golden(f, path, "a\n", false, "go test -update")
	if len(f.errors) != 1 || !strings.Contains(f.errors[0], "no golden file") || !strings.Contains(f.errors[0], "go test -update") {
		t.Errorf("missing file: %q", f.errors)
	}
	f = &fakeT{}
	Golden(f, path, "a\nb\n", true, "go test -update")
	Golden(f, path, "a\nb\n", false, "go test -update")
	if len(f.errors) != 0 {
		t.Errorf("after -update: %q", f.errors)
	}
	Golden(f, path, "a\nc\n", false, "go test -update")
	if len(f.errors) != 1 || !strings.Contains(f.errors[0], "- b\n+ c") || !strings.Contains(f.errors[0], "run go test -update") {
		t.Errorf("a change: %q", f.errors)
	}
}
