package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/cli"
)

// TestBadInputEverySubcommand: every subcommand that reads a file exits 1 on
// a bad one, names the file and line on stderr, and writes nothing (an
// earlier output at the same path stays as it was).
func TestBadInputEverySubcommand(t *testing.T) {
	t.Parallel()
	badData := fixture("bad/unknown-field.yaml")
	badLayout := fixture("bad/layout-gap.yaml")
	for _, tt := range []struct {
		name string
		args func(out string) []string
		file string
	}{
		{"build", func(out string) []string { return []string{"build", "--data", badData, "--out", out} }, badData},
		{"build layout", func(out string) []string { return []string{"build", "--layout", badLayout, "--out", out} }, badLayout},
		{"validate", func(string) []string { return []string{"validate", "--data", badData} }, badData},
		{"validate layout", func(string) []string { return []string{"validate", "--layout", badLayout} }, badLayout},
		{"export", func(out string) []string {
			return []string{"export", "--data", badData, "--format", "csv", "--out", out}
		}, badData},
		{"list", func(string) []string { return []string{"list", "--data", badData} }, badData},
		{"calibrate", func(out string) []string { return []string{"calibrate", "--layout", badLayout, "--out", out} }, badLayout},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "earlier.pdf")
			if err := os.WriteFile(out, []byte("earlier"), 0o644); err != nil {
				t.Fatal(err)
			}
			r := run(t, nil, tt.args(out)...)
			if r.code != cli.ExitInput {
				t.Errorf("exit %d, want 1\n%s", r.code, r.stderr)
			}
			if !strings.HasPrefix(r.stderr, "cardgen: "+tt.file+":") || r.stdout != "" {
				t.Errorf("stderr does not start with the file and line, or stdout is not empty:\n%s%s", r.stderr, r.stdout)
			}
			if names := listDir(t, dir); len(names) != 1 {
				t.Errorf("files: %v", names)
			}
			if b, _ := os.ReadFile(out); string(b) != "earlier" {
				t.Error("the earlier file changed")
			}
		})
	}
}

// TestProblemsOfEveryKindAtOnce: a character the font lacks and a text too
// long for its card, in one dataset, and a bad layout file beside it: one
// run reports all of them.
func TestProblemsOfEveryKindAtOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := strings.Replace(string(readFile(t, fixture("mini.yaml"))), "Rythme difficile", "Rythme 🙂 difficile", 1)
	long := strings.Repeat("Je travaille beaucoup trop longtemps chaque jour. ", 60)
	src = strings.Replace(src, "      J'annote des images", "      "+long+" J'annote des images", 1)
	data := filepath.Join(dir, "both.yaml")
	if err := os.WriteFile(data, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, nil, "validate", "--data", data, "--layout", "a4", "--layout", fixture("bad/layout-gap.yaml"))
	for _, want := range []string{"U+1F642", `field "text"`, "layout-gap.yaml", "twice the bleed"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("no %q in:\n%s", want, r.stderr)
		}
	}
	if r.code != cli.ExitInput {
		t.Errorf("exit %d", r.code)
	}
}
