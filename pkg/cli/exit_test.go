package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/bug"
	"github.com/cardgen/cardgen/pkg/deck"
)

// TestExit: the exit code and the message come from the error's type, in
// one place, however the error is wrapped.
func TestExit(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		err    error
		code   int
		stderr string
	}{
		{nil, 0, ""},
		{errors.New("data.yaml:3: bad\ndata.yaml:4: worse"), 1, "cardgen: data.yaml:3: bad\ncardgen: data.yaml:4: worse\n"},
		{usageError{errors.New(`unknown flag: --nope`)}, 2, "cardgen: unknown flag: --nope\ncardgen: run 'cardgen help' for usage\n"},
		{&app.OptionError{Option: app.OptFaces, Value: "x", Msg: "use both, fronts or backs"}, 2, "cardgen: --faces \"x\": use both, fronts or backs\n"},
		{&app.OptionError{Option: app.OptSplit, Msg: "{split} writes both: leave out {faces}", Whole: true}, 2, "cardgen: --split writes both: leave out --faces\n"},
		{fmt.Errorf("layout: %w", func() error { _, err := app.LoadLayout("a5"); return err }()), 2, ""},
		{errors.Join(&app.OptionError{Option: app.OptOnly, Value: "kofi", Msg: "unknown persona"}, errors.New("data.yaml:3: bad")), 2,
			"cardgen: --only \"kofi\": unknown persona\ncardgen: data.yaml:3: bad\n"},
		{fmt.Errorf("x: %w", deck.ErrEmptySelection), 2, ""},
		{&InterruptedError{Signal: os.Interrupt}, 130, "cardgen: stopped by Ctrl-C (SIGINT); no file was left half-written\n"},
		{&InterruptedError{Signal: syscall.SIGTERM}, 143, "cardgen: stopped by SIGTERM; no file was left half-written\n"},
		{&bug.Error{Value: "boom", Where: "face/face.go:12"}, 1, "cardgen: this is a bug in cardgen, please report it: boom (at face/face.go:12)\n"},
		{fmt.Errorf("wrapped: %w", &bug.Error{Value: "boom"}), 1, "cardgen: this is a bug in cardgen, please report it: boom\n"},
	} {
		var stderr bytes.Buffer
		code := Exit(c.err, &stderr)
		if code != c.code || (c.stderr != "" || c.err == nil) && stderr.String() != c.stderr {
			t.Errorf("Exit(%v) = %d, %q; want %d, %q", c.err, code, stderr.String(), c.code, c.stderr)
		}
	}
}

// A panic anywhere under a command comes out as one line asking for a bug
// report, with exit 1: never a Go stack trace, never exit 2.
func TestPanicIsReportedAsBug(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	root := NewRoot(env)
	root.AddCommand(&cobra.Command{Use: "boom", RunE: func(_ *cobra.Command, args []string) error {
		var cards []string
		_ = cards[len(args)] // index out of range
		return nil
	}})
	code := execute(root, []string{"boom"}, env)
	want := "cardgen: this is a bug in cardgen, please report it: runtime error: index out of range [0] with length 0 (at cli/exit_test.go:"
	if code != ExitInput || !strings.HasPrefix(stderr.String(), want) || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("exit %d, stderr %q; want 1 and one line starting %q", code, stderr.String(), want)
	}
}

// Cobra's own error for an unknown command is a usage error because of where
// it arises (before any command runs), not because of its words.
func TestUnknownCommandByStage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"bulid"}, {"nosuch", "--out", "x"}} {
		var stdout, stderr bytes.Buffer
		code := Main(args, Env{Stdout: &stdout, Stderr: &stderr})
		if code != ExitUsage || !strings.Contains(stderr.String(), args[0]) || !strings.HasSuffix(stderr.String(), "cardgen: run 'cardgen help' for usage\n") {
			t.Errorf("cardgen %s: exit %d, stderr %q", strings.Join(args, " "), code, stderr.String())
		}
	}
	// A command that runs and fails is not a usage error, whatever its words.
	var stdout, stderr bytes.Buffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	root := NewRoot(env)
	root.AddCommand(&cobra.Command{Use: "fail", RunE: func(*cobra.Command, []string) error {
		return errors.New(`unknown command "x" in the dataset`)
	}})
	if code := execute(root, []string{"fail"}, env); code != ExitInput {
		t.Errorf("a failing command whose message starts \"unknown command\": exit %d, want 1", code)
	}
}
