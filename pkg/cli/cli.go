// Package cli is cardgen's command line: cobra commands that turn flags into
// an options struct and make one call into the packages that do the work.
// Errors reach the user in one place, Exit, which maps their types to exit
// codes and messages: 0 success, 1 bad input, a failed build or a bug in
// cardgen, 2 bad usage, 128 + n when stopped by signal n (130 for Ctrl-C,
// 143 for SIGTERM). Whatever happens, the user never sees a Go stack trace.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/bug"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitInput = 1 // bad input, a failed build, or a bug in cardgen
	ExitUsage = 2
	// ExitSignal plus the signal's number is the code when a signal stops
	// cardgen, as shells report it: 130 for SIGINT, 143 for SIGTERM.
	ExitSignal = 128
)

// Env is what commands read from the process: streams and environment.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// usageError marks an error of the command line itself (exit 2): an unknown
// command or flag, a bad flag value, arguments where none are taken.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// InterruptedError says a signal stopped cardgen.
type InterruptedError struct{ Signal os.Signal }

func (e *InterruptedError) Error() string {
	return fmt.Sprintf("stopped by %s; no file was left half-written", signalName(e.Signal))
}

func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "Ctrl-C (SIGINT)"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// Exit writes err's message to stderr, each line prefixed with "cardgen: ",
// and returns the exit code its type calls for. It is the one place that
// decides both.
func Exit(err error, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	code, msg, hint := ExitInput, err.Error(), ""
	var (
		ue  usageError
		bue *build.UsageError
		ule *build.UnknownLayoutError
		se  *deck.SelectError
		fe  *deck.FormatError
		ie  *InterruptedError
		be  *bug.Error
	)
	switch {
	case errors.As(err, &be):
		msg = "this is a bug in cardgen, please report it: " + be.Error()
	case errors.As(err, &ie):
		code = ExitSignal + 1
		if n, ok := ie.Signal.(syscall.Signal); ok {
			code = ExitSignal + int(n)
		}
	case errors.As(err, &ue):
		code, hint = ExitUsage, "run 'cardgen help' for usage"
	case errors.As(err, &bue), errors.As(err, &ule), errors.As(err, &se), errors.As(err, &fe), errors.Is(err, deck.ErrEmptySelection):
		code = ExitUsage
	}
	for _, line := range strings.Split(strings.TrimRight(msg, "\n"), "\n") {
		fmt.Fprintln(stderr, "cardgen: "+line)
	}
	if hint != "" {
		fmt.Fprintln(stderr, "cardgen: "+hint)
	}
	return code
}

// Main runs cardgen with args and returns the exit code. A panic, which
// would be a bug, comes out as a message asking to report it, with exit 1.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	return execute(NewRoot(env), args, env)
}

func execute(root *cobra.Command, args []string, env Env) (code int) {
	defer func() {
		if v := recover(); v != nil {
			code = Exit(bug.Recovered(v), env.Stderr)
		}
	}()
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err != nil && cmd != nil && cmd.CalledAs() == "" {
		// Cobra failed to find the command to run, before running any: the
		// command line names an unknown command. (Flag errors come through
		// SetFlagErrorFunc, argument errors through noArgs.)
		err = usageError{err}
	}
	return Exit(err, env.Stderr)
}

// NewRoot returns the root command.
func NewRoot(env Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "cardgen",
		Short: "Turn a dataset of cards into print-ready PDF decks",
		Long: `cardgen turns a dataset of persona cards into print-ready PDFs with fronts and backs.

With no flags it builds the embedded deck (20 personas on the hidden human and
environmental cost of AI) on A4 sheets for a school printer:

  cardgen build                   # out/personas-a4.pdf
  cardgen build --layout tarot    # one face per page, for a print shop`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newBuildCmd(env), newValidateCmd(env), newExportCmd(env), newLayoutsCmd(env), newListCmd(env), newCalibrateCmd(env), newPreviewCmd(env), newTabletopCmd(env), newGuideCmd(env), newVersionCmd(env), newServeCmd(env))
	registerCompletions(root)
	return root
}

// noArgs rejects positional arguments as bad usage.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q", cmd.CommandPath(), strings.Join(args, " "))}
	}
	return nil
}
