package cli_test

import (
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/cli"
)

// TestUnknownFlagAdvice: a misspelt flag names the flag meant; serve's
// --port (as other servers take it) points to --addr; a flag like no
// other gets no guess.
func TestUnknownFlagAdvice(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--layuot", "a4"}, "cardgen: unknown flag: --layuot; did you mean --layout?\n"},
		{[]string{"validate", "--dat", "x.csv"}, "cardgen: unknown flag: --dat; did you mean --data?\n"},
		{[]string{"serve", "--port", "8080"}, "cardgen: unknown flag: --port; to choose where the page listens, give --addr with a host and a port, such as --addr 127.0.0.1:8080\n"},
		{[]string{"build", "--zzzzzz"}, "cardgen: unknown flag: --zzzzzz\n"},
	} {
		r := run(t, nil, c.args...)
		if r.code != cli.ExitUsage || !strings.HasPrefix(r.stderr, c.want) {
			t.Errorf("cardgen %s: exit %d, stderr:\n%s\nwant it to start with:\n%s", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
}

// TestUnknownLayoutSentence: the suggestion of a layout ends its sentence,
// and the list of layouts starts the next ("?; " once read oddly).
func TestUnknownLayoutSentence(t *testing.T) {
	t.Parallel()
	r := run(t, nil, "validate", "--layout", "tarrot")
	want := `cardgen: --layout "tarrot": unknown layout: did you mean "tarot"? The built-in layouts are a3, a4,`
	if r.code != cli.ExitUsage || !strings.HasPrefix(r.stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to start with:\n%s", r.code, r.stderr, want)
	}
}
