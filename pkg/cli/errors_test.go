package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/cli"
)

// lineOf returns the 1-based number of the last line of file that contains s.
func lineOf(t *testing.T, file, s string) int {
	t.Helper()
	line := 0
	for i, l := range strings.Split(string(readFile(t, file)), "\n") {
		if strings.Contains(l, s) {
			line = i + 1
		}
	}
	if line == 0 {
		t.Fatalf("%s has no line containing %q", file, s)
	}
	return line
}

// checkInputError checks the report of a build that failed on bad input
// in file: exit 1, nothing on stdout, every stderr line prefixed
// "cardgen: ", the first naming file and a line, and line among them.
func checkInputError(t *testing.T, r result, file string, line int, wants []string) {
	t.Helper()
	if r.code != cli.ExitInput {
		t.Errorf("exit %d, want %d (bad input)", r.code, cli.ExitInput)
	}
	if r.stdout != "" {
		t.Errorf("stdout is not empty:\n%s", r.stdout)
	}
	lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	for _, l := range lines {
		if !strings.HasPrefix(l, "cardgen: ") {
			t.Errorf("stderr line does not start with \"cardgen: \": %q", l)
		}
	}
	first := regexp.MustCompile(`^cardgen: ` + regexp.QuoteMeta(file) + `:\d+:`)
	if !first.MatchString(lines[0]) {
		t.Errorf("the first stderr line does not name %s and a line (%s:LINE:):\n%s", filepath.Base(file), filepath.Base(file), lines[0])
	}
	if at := file + ":" + strconv.Itoa(line) + ":"; !strings.Contains(r.stderr, at) {
		t.Errorf("stderr does not point at line %d (%s):\n%s", line, at, r.stderr)
	}
	for _, w := range wants {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
}

func TestBadDatasets(t *testing.T) {
	t.Parallel()
	// An earlier, good PDF: a failed build must leave it untouched.
	earlierDir := t.TempDir()
	mustRun(t, nil, "build", "--data", fixture("mini.yaml"), "--layout", "tarot", "--out", filepath.Join(earlierDir, "earlier.pdf"))
	earlier := readFile(t, filepath.Join(earlierDir, "earlier.pdf"))

	for _, c := range []struct {
		file   string
		marker string // text on the line the error must point at (its last occurrence)
		wants  []string
	}{
		{"unknown-field.yaml", "conditons:", []string{`did you mean "conditions"`, `persona "fara"`}},
		{"duplicate-id.yaml", "- id: hao", []string{`persona "hao"`, `field "id"`}},
		{"missing-role.yaml", "- id: fara", []string{`persona "fara"`, `field "role"`, "missing"}},
		{"bad-country.yaml", "country_code: XX", []string{`persona "fara"`, `field "country_code"`, `"XX"`}},
		{"bad-color.yaml", `"#12345"`, []string{`field "color"`, "#12345", "#RRGGBB"}},
		{"yaml-syntax.yaml", "Microtravailleuse: annotatrice", []string{"YAML"}},
		{"too-long.yaml", "text: >-", []string{`persona "fara"`, `field "text"`, "7.5 pt"}},
		{"emoji.yaml", "entraîner \U0001F642", []string{`persona "fara"`, `field "text"`, "U+1F642"}},
		{"cjk.yaml", "Rythme \u4e2d", []string{`persona "fara"`, "conditions", "U+4E2D"}},
	} {
		t.Run(strings.TrimSuffix(c.file, ".yaml"), func(t *testing.T) {
			file := fixture("bad/" + c.file)
			line := lineOf(t, file, c.marker)

			// Into a directory, both layouts: nothing written, no temporary file.
			dir := t.TempDir()
			r := run(t, nil, "build", "--data", file, "--layout", "a4", "--layout", "tarot", "--out", dir)
			checkInputError(t, r, file, line, c.wants)
			if got := listDir(t, dir); len(got) != 0 {
				t.Errorf("a failed build left %q in the output directory", got)
			}

			// Onto an earlier PDF: it stays byte-identical, nothing beside it.
			dir = t.TempDir()
			target := filepath.Join(dir, "deck.pdf")
			if err := os.WriteFile(target, earlier, 0o644); err != nil {
				t.Fatal(err)
			}
			r = run(t, nil, "build", "--data", file, "--layout", "tarot", "--out", target)
			checkInputError(t, r, file, line, c.wants)
			if got := listDir(t, dir); !slices.Equal(got, []string{"deck.pdf"}) {
				t.Errorf("the output directory holds %q after a failed build, want only deck.pdf", got)
			}
			if !bytes.Equal(readFile(t, target), earlier) {
				t.Error("a failed build changed the earlier PDF")
			}

			// list reads the same dataset and reports the same problems,
			// except those found while composing cards (font, fitting).
			if c.file != "too-long.yaml" && c.file != "emoji.yaml" && c.file != "cjk.yaml" {
				r = run(t, nil, "list", "--data", file)
				checkInputError(t, r, file, line, c.wants)
			}
		})
	}
}

func TestBadLayouts(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		file   string
		marker string
		wants  []string
	}{
		{"layout-gap.yaml", "gap: 2", []string{`field "gap"`, "bleed"}},
		{"layout-unknown-field.yaml", "bleeds: 3", []string{`did you mean "bleed"`}},
	} {
		t.Run(strings.TrimSuffix(c.file, ".yaml"), func(t *testing.T) {
			file := fixture("bad/" + c.file)
			dir := t.TempDir()
			r := run(t, nil, "build", "--layout", file, "--out", dir)
			checkInputError(t, r, file, lineOf(t, file, c.marker), c.wants)
			if got := listDir(t, dir); len(got) != 0 {
				t.Errorf("a failed build left %q", got)
			}
			// With a good layout beside it, still nothing is written.
			r = run(t, nil, "build", "--layout", "a4", "--layout", file, "--out", dir)
			checkInputError(t, r, file, lineOf(t, file, c.marker), c.wants)
			if got := listDir(t, dir); len(got) != 0 {
				t.Errorf("a failed build left %q", got)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		args  []string // "DIR" is replaced with an empty temporary directory
		wants []string
	}{
		{"unknown layout", []string{"build", "--layout", "nosuch", "--out", "DIR"}, []string{`"nosuch"`, "a4", "tarot"}},
		{"unknown flag", []string{"build", "--bogus", "--out", "DIR"}, []string{"--bogus"}},
		{"argument", []string{"build", "extra-arg", "--out", "DIR"}, []string{"extra-arg"}},
		{"flag without value", []string{"build", "--out", "DIR", "--layout"}, []string{"--layout"}},
		{"one file for two layouts", []string{"build", "--layout", "a4", "--layout", "tarot", "--out", "DIR/deck.pdf"}, []string{"names one file", "folder"}},
		{"layouts argument", []string{"layouts", "extra"}, []string{"extra"}},
		{"list flag", []string{"list", "--bogus"}, []string{"--bogus"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			args := slices.Clone(c.args)
			for i, a := range args {
				args[i] = strings.Replace(a, "DIR", dir, 1)
			}
			r := run(t, nil, args...)
			if r.code != cli.ExitUsage {
				t.Errorf("cardgen %s: exit %d, want %d (bad usage)\nstderr:\n%s", strings.Join(args, " "), r.code, cli.ExitUsage, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout is not empty:\n%s", r.stdout)
			}
			if !strings.HasPrefix(r.stderr, "cardgen: ") {
				t.Errorf("stderr does not start with \"cardgen: \":\n%s", r.stderr)
			}
			for _, w := range c.wants {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if got := listDir(t, dir); len(got) != 0 {
				t.Errorf("a failed build left %q", got)
			}
		})
	}
}

func TestUnknownCommandIsUsageError(t *testing.T) {
	t.Parallel()
	r := run(t, nil, "nosuch")
	if !strings.HasPrefix(r.stderr, "cardgen: ") || !strings.Contains(r.stderr, "nosuch") {
		t.Errorf("stderr does not name the unknown command:\n%s", r.stderr)
	}
	if r.code != cli.ExitUsage {
		t.Errorf("`cardgen nosuch` exits %d, want %d (bad usage)", r.code, cli.ExitUsage)
	}
}

func TestMissingInputFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, args := range [][]string{
		{"build", "--data", filepath.Join(dir, "nosuch.yaml"), "--out", dir},
		{"build", "--layout", filepath.Join(dir, "nosuch.yaml"), "--out", dir},
		{"list", "--data", filepath.Join(dir, "nosuch.yaml")},
	} {
		r := run(t, nil, args...)
		if r.code != cli.ExitInput {
			t.Errorf("cardgen %s: exit %d, want %d", strings.Join(args, " "), r.code, cli.ExitInput)
		}
		if !strings.HasPrefix(r.stderr, "cardgen: ") || !strings.Contains(r.stderr, "nosuch.yaml") {
			t.Errorf("cardgen %s: stderr does not name the missing file:\n%s", strings.Join(args, " "), r.stderr)
		}
	}
	if got := listDir(t, dir); len(got) != 0 {
		t.Errorf("failed builds left %q", got)
	}
}

// A PDF that cannot be written is a failed build (exit 1) that leaves no
// temporary file behind.
func TestUnwritableOutput(t *testing.T) {
	t.Parallel()
	t.Run("directory is a file", func(t *testing.T) {
		dir := t.TempDir()
		blocker := filepath.Join(dir, "blocker")
		if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := run(t, nil, "build", "--out", filepath.Join(blocker, "deck.pdf"))
		if r.code != cli.ExitInput || !strings.HasPrefix(r.stderr, "cardgen: ") || !strings.Contains(r.stderr, "blocker") {
			t.Errorf("exit %d, want 1 and a message naming the path\nstderr:\n%s", r.code, r.stderr)
		}
		if got := listDir(t, dir); !slices.Equal(got, []string{"blocker"}) {
			t.Errorf("the directory holds %q, want only blocker", got)
		}
	})
	t.Run("target is a directory", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "deck.pdf")
		if err := os.MkdirAll(filepath.Join(target, "keep"), 0o755); err != nil {
			t.Fatal(err)
		}
		r := run(t, nil, "build", "--layout", "tarot", "--out", target)
		if r.code != cli.ExitInput || !strings.HasPrefix(r.stderr, "cardgen: ") {
			t.Errorf("exit %d, want 1\nstderr:\n%s", r.code, r.stderr)
		}
		if got := listDir(t, dir); !slices.Equal(got, []string{"deck.pdf"}) {
			t.Errorf("the directory holds %q, want only deck.pdf (no temporary file)", got)
		}
	})
}
