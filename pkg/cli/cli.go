// Package cli is cardgen's command line: cobra commands that turn flags into
// an options struct and make one call into package app, then write what it
// made (app.Write) and say so.
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
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/bug"
	"github.com/cardgen/cardgen/pkg/choice"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/labels"
	"github.com/cardgen/cardgen/pkg/yamldoc"
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
// decides both. Options are named by their flags (--faces), as the command
// line's users know them.
func Exit(err error, stderr io.Writer) int { return exit(err, stderr, flagNames(nil), true) }

// exit is Exit with the options named by name (the flags of the command
// that ran); writes says whether that command writes files (validate
// does not, so its count of problems does not say nothing was written).
func exit(err error, stderr io.Writer, name func(app.Option) string, writes bool) int {
	if err == nil {
		return ExitOK
	}
	code, hint := ExitInput, ""
	var lines []string
	var problems diag.List // the input's problems, counted at the end
	for _, e := range leaves(err) {
		var l diag.List
		if errors.As(e, &l) {
			problems = append(problems, l...)
		}
		c, msg, h := describe(e, name)
		if c == ExitUsage && code == ExitInput || c > ExitUsage {
			code = c
		}
		if h != "" {
			hint = h
		}
		lines = append(lines, strings.Split(strings.TrimRight(msg, "\n"), "\n")...)
	}
	if len(problems) > 0 && code <= ExitUsage {
		lines = append(lines, problemSummary(problems, writes))
	}
	for _, line := range lines {
		fmt.Fprintln(stderr, "cardgen: "+line)
	}
	if hint != "" {
		fmt.Fprintln(stderr, "cardgen: "+hint)
	}
	return code
}

// problemSummary ends a list of problems in one line: how many, in which
// files, and that nothing was written (every check runs before anything is
// written) — "3 problems in mes-personas.csv; nothing was written"; for a
// command that writes nothing anyway, only how many and where.
func problemSummary(problems diag.List, writes bool) string {
	var files []string
	n := len(problems)
	for _, p := range problems {
		if p.File != "" && !slices.Contains(files, p.File) {
			files = append(files, p.File)
		}
		// The problems past the most a list shows are counted in one.
		if more := deck.NotShown(p); more > 0 {
			n += more - 1
		}
	}
	where := ""
	switch n := len(files); {
	case n == 1:
		where = " in " + files[0]
	case n > 1:
		where = " in " + strings.Join(files[:n-1], ", ") + " and " + files[n-1]
	}
	if !writes {
		return labels.Count("en", n, labels.Problems) + where
	}
	return labels.Count("en", n, labels.Problems) + where + "; nothing was written"
}

// leaves returns the errors joined in err: each is worded on its own.
func leaves(err error) []error {
	var be *bug.Error
	if errors.As(err, &be) {
		return []error{err}
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// describe returns the exit code of one error, its message, and a hint to
// write after all the messages.
func describe(err error, name func(app.Option) string) (code int, msg, hint string) {
	var (
		ue usageError
		oe *app.OptionError
		ve *pflag.InvalidValueError
		ie *InterruptedError
		be *bug.Error
	)
	switch {
	case errors.As(err, &be):
		return ExitInput, "this is a bug in cardgen, please report it: " + be.Error(), ""
	case errors.As(err, &ie):
		code = ExitSignal + 1
		if n, ok := ie.Signal.(syscall.Signal); ok {
			code = ExitSignal + int(n)
		}
		return code, err.Error(), ""
	case errors.As(err, &ve):
		// A flag's value its parser refused: --faces "sideways": use both,
		// fronts or backs.
		return ExitUsage, "--" + ve.GetFlag().Name + " " + strconv.Quote(ve.GetValue()) + ": " + advice(ve.Unwrap(), name), ""
	case errors.As(err, &oe):
		return ExitUsage, oe.Format(name), ""
	case errors.As(err, &ue):
		return ExitUsage, err.Error(), "run 'cardgen help' for usage"
	case errors.Is(err, deck.ErrEmptySelection):
		return ExitUsage, err.Error(), ""
	}
	return ExitInput, err.Error(), ""
}

// advice is what a flag's parser said of its value, without the value.
func advice(err error, name func(app.Option) string) string {
	var (
		ce *choice.Error
		oe *app.OptionError
	)
	switch {
	case errors.As(err, &ce):
		return ce.Advice()
	case errors.As(err, &oe) && !oe.Whole:
		return app.Expand(oe.Msg, name)
	}
	return err.Error()
}

// flags names the options by the flags that set them; cmd, when not nil,
// is the command that ran, whose own flags win (preview's dataset format is
// --data-format, as its --format is the pictures').
func flagNames(cmd *cobra.Command) func(app.Option) string {
	return func(o app.Option) string {
		flag := optionFlags[o]
		if o == app.OptDataFormat && cmd != nil && cmd.Flags().Lookup("data-format") != nil {
			flag = "data-format"
		}
		if flag == "" {
			return string(o)
		}
		return "--" + flag
	}
}

// optionFlags are the flags of the app layer's options.
var optionFlags = map[app.Option]string{
	app.OptData: "data", app.OptDataFormat: "format", app.OptLang: "lang", app.OptLayout: "layout",
	app.OptOnly: "only", app.OptExclude: "exclude", app.OptCategory: "category", app.OptTag: "tag", app.OptSort: "sort",
	app.OptOut: "out", app.OptDuplex: "duplex", app.OptBackOffset: "back-offset", app.OptFaces: "faces",
	app.OptSplit: "split", app.OptInkSaver: "ink-saver", app.OptPaper: "paper", app.OptDPI: "dpi",
	app.OptPictures: "format", app.OptEmbedFonts: "embed-fonts", app.OptSheet: "sheet", app.OptExportFormat: "format",
	app.OptCard: "only", app.OptSide: "faces",
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
	return exit(err, env.Stderr, flagNames(cmd), cmd == nil || cmd.Name() != "validate")
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
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageError{flagAdvice(cmd, err)} })
	root.AddCommand(newBuildCmd(env), newValidateCmd(env), newExportCmd(env), newLayoutsCmd(env), newListCmd(env), newCalibrateCmd(env), newPreviewCmd(env), newTabletopCmd(env), newGuideCmd(env), newVersionCmd(env), newServeCmd(env))
	registerCompletions(root)
	return root
}

// flagAdvice adds to an unknown flag's error the flag the user probably
// meant: a command's flag spelt nearly so (--layuot: --layout), or, for
// serve, --addr for the --port or --host other servers take.
func flagAdvice(cmd *cobra.Command, err error) error {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return err
	}
	if cmd.Name() == "serve" && (name == "port" || name == "host" || name == "listen") {
		return fmt.Errorf("%w; to choose where the page listens, give --addr with a host and a port, such as --addr 127.0.0.1:8080", err)
	}
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	if s := yamldoc.Suggest(name, names); s != "" {
		return fmt.Errorf("%w; did you mean --%s?", err, s)
	}
	return err
}

// noArgs rejects positional arguments as bad usage.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q", cmd.CommandPath(), strings.Join(args, " "))}
	}
	return nil
}
