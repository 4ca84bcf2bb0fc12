package cli_test

import (
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	r := mustRun(t, nil, "version")
	if !strings.HasPrefix(r.stdout, "cardgen ") || !strings.Contains(r.stdout, "go1.") {
		t.Errorf("version: %q", r.stdout)
	}
}

// TestCompletion asks cobra's completion machinery (what the shell scripts
// call) for layout names, languages, persona and category ids.
func TestCompletion(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "build", "--layout", ""}, []string{"a4", "tarot", "letter-fold"}},
		{[]string{"__complete", "build", "--lang", ""}, []string{"fr", "en"}},
		{[]string{"__complete", "build", "--only", ""}, []string{"hao\tHao", "maria-luz\tMaria Luz"}},
		{[]string{"__complete", "list", "--category", ""}, []string{"clickwork\tTravail du clic"}},
		{[]string{"__complete", "build", "--duplex", ""}, []string{"long", "short", "none"}},
		{[]string{"__complete", "layouts", "--show", ""}, []string{"a4-poker"}},
	} {
		r := run(t, nil, tt.args...)
		lines := strings.Split(r.stdout, "\n")
		for _, w := range tt.want {
			found := false
			for _, l := range lines {
				found = found || l == w
			}
			if !found {
				t.Errorf("%v: no %q in\n%s", tt.args, w, r.stdout)
			}
		}
	}
	for _, shell := range []string{"bash", "zsh", "fish"} {
		if r := mustRun(t, nil, "completion", shell); !strings.Contains(r.stdout, "cardgen") {
			t.Errorf("completion %s: %q", shell, r.stdout[:min(80, len(r.stdout))])
		}
	}
}
