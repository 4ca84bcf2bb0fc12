// Package cli is cardgen's command line: cobra commands that turn flags into
// an options struct and make one call into the packages that do the work.
// Errors reach the user in one place, Main, which maps them to exit codes:
// 0 success, 1 bad input or a failed build, 2 bad usage.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitInput = 1
	ExitUsage = 2
)

// Env is what commands read from the process: streams and environment.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// usageError marks an error as bad usage (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// Main runs cardgen with args and returns the exit code.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	root := NewRoot(env)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	code := ExitInput
	var ue usageError
	var bue *build.UsageError
	var ule *build.UnknownLayoutError
	var se *deck.SelectError
	var fe *deck.FormatError
	// Cobra reports an unknown subcommand with a plain error; its text is
	// the only way to tell it apart.
	unknownCmd := strings.HasPrefix(err.Error(), "unknown command ")
	if unknownCmd || errors.As(err, &ue) || errors.As(err, &bue) || errors.As(err, &ule) || errors.As(err, &se) || errors.As(err, &fe) || errors.Is(err, deck.ErrEmptySelection) {
		code = ExitUsage
	}
	for _, line := range strings.Split(strings.TrimRight(err.Error(), "\n"), "\n") {
		fmt.Fprintln(env.Stderr, "cardgen: "+line)
	}
	if code == ExitUsage && (unknownCmd || errors.As(err, &ue)) {
		fmt.Fprintln(env.Stderr, "cardgen: run 'cardgen help' for usage")
	}
	return code
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
	root.AddCommand(newBuildCmd(env), newValidateCmd(env), newExportCmd(env), newLayoutsCmd(env), newListCmd(env), newCalibrateCmd(env), newPreviewCmd(env), newGuideCmd(env), newVersionCmd(env), newServeCmd(env))
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
