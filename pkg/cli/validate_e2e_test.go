package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateNamesEditions: with several editions, a message about a
// layout says which edition it is about, where two near-identical
// messages ("use cards of at least 46 × 69 mm", "44 × 65 mm") would
// otherwise leave the reader guessing; with one edition it says nothing
// more.
func TestValidateNamesEditions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	small := filepath.Join(dir, "small.yaml")
	if err := os.WriteFile(small, []byte("base: a4\ncard: {width: 40, height: 60}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, nil, "validate", "--layout", small)
	for _, want := range []string{
		small + ": the French edition (personas.yaml): layout small: its 40 × 60 mm cards are too small for this deck",
		small + ": the English edition (personas.en.yaml): layout small: its 40 × 60 mm cards are too small for this deck",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("no %q in:\n%s", want, r.stderr)
		}
	}
	r = run(t, nil, "validate", "--layout", small, "--lang", "en")
	if strings.Contains(r.stderr, "edition") || !strings.Contains(r.stderr, small+": layout small: its 40 × 60 mm cards") {
		t.Errorf("one edition:\n%s", r.stderr)
	}
}

// TestProblemsSummary: a list of problems ends with how many there are,
// where, and, for build, that nothing was written (validate never writes:
// it does not say so); past the 500 a list shows, the
// count is of them all, after the line that says how many are not shown.
func TestProblemsSummary(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "mon-jeu.csv")
	if err := os.WriteFile(bad, []byte("titre;T\nnom;rôle;pays;texte;conditions\nAwa;;France;T;C\nBen;;France;T;C\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"validate", "build"} {
		r := run(t, nil, cmd, "--data", bad, "--out", dir)
		if cmd == "validate" {
			r = run(t, nil, cmd, "--data", bad)
		}
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		want := "cardgen: 2 problems in " + bad
		if cmd == "build" {
			want += "; nothing was written"
		}
		if lines[len(lines)-1] != want || len(lines) != 3 {
			t.Errorf("%s: ends with %q; want %q\n%s", cmd, lines[len(lines)-1], want, r.stderr)
		}
	}
	var b strings.Builder
	b.WriteString("titre;T\nnom;rôle;pays;texte;conditions\n")
	for i := range 700 {
		fmt.Fprintf(&b, "P%d;;France;T;C\n", i)
	}
	many := filepath.Join(dir, "many.csv")
	if err := os.WriteFile(many, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"validate", "build"} {
		r := run(t, nil, cmd, "--data", many, "--out", dir)
		if cmd == "validate" {
			r = run(t, nil, cmd, "--data", many)
		}
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		n := len(lines)
		want := "cardgen: 700 problems in " + many
		if cmd == "build" {
			want += "; nothing was written"
		}
		if n < 3 || lines[n-1] != want ||
			!strings.HasPrefix(lines[n-2], "cardgen: "+many+": and 200 more problems, not shown") {
			t.Errorf("%s: ends with\n%s", cmd, strings.Join(lines[max(0, n-3):], "\n"))
		}
	}
}
