package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/inconshreveable/mousetrap"
	"github.com/spf13/cobra"

	"github.com/cardgen/cardgen/pkg/web"
)

// serveOptions is what `cardgen serve` is asked to do.
type serveOptions struct {
	addr string
	open bool
}

func newServeCmd(env Env) *cobra.Command {
	var opts serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Open cardgen's web page: build a deck in the browser, no terminal needed",
		Long: `Start a small web server on this computer and serve cardgen's page: it shows
the cards, checks a spreadsheet or dataset file dropped on it, lets you edit a
card and downloads the PDFs. Everything stays on this computer.

By default the server listens on the loopback address (127.0.0.1) only, on a
free port, and prints the page's address. Press Ctrl-C (or send SIGTERM) to
stop it: the requests in flight finish, its temporary folder is removed, and
it says "cardgen stopped." then exits 0, a clean stop being its normal end.`,
		Example: `  cardgen serve --open
  cardgen serve --addr 127.0.0.1:8080
  cardgen serve --addr 0.0.0.0:8080     # a classroom server: every computer of the network can use it`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runServe(ctx, opts, env)
		},
	}
	cmd.Flags().StringVar(&opts.addr, "addr", "127.0.0.1:0", "address to listen on (port 0: a free port)")
	cmd.Flags().BoolVar(&opts.open, "open", false, "open the page in the default browser")
	return cmd
}

// runServe serves the page until ctx ends.
func runServe(ctx context.Context, opts serveOptions, env Env) error {
	srv, err := web.New(web.Options{
		Addr:    opts.addr,
		Backend: web.NewAppBackend(env.Getenv("SOURCE_DATE_EPOCH")),
		Log:     env.Stderr,
		Version: ShortVersion(), // the long one is cardgen version's
	})
	if err != nil {
		return err
	}
	url, err := srv.Listen()
	if err != nil {
		srv.Close()
		return usageError{fmt.Errorf("--addr %s: %w", opts.addr, err)}
	}
	if srv.Exposed() {
		fmt.Fprintf(env.Stderr, "cardgen: warning: listening on %s: every computer that can reach this one can use the page and send it files; use --addr 127.0.0.1:0 to keep it to this computer\n", opts.addr)
	}
	fmt.Fprintf(env.Stdout, "cardgen is ready at %s\nOpen this address in your browser. Press Ctrl-C (or close this window) to stop.\n", url)
	if opts.open {
		if err := web.OpenBrowser(url); err != nil {
			fmt.Fprintf(env.Stderr, "cardgen: cannot open a browser (%v): open %s yourself\n", err, url)
		}
	}
	err = srv.Serve(ctx)
	fmt.Fprintln(env.Stdout, "cardgen stopped.")
	return err
}

// HandlesSignals reports whether the command args run stops by itself on
// Ctrl-C and SIGTERM: serve lets the requests in flight finish and removes
// its temporary folder, so main must leave those signals to it rather
// than exit at once.
func HandlesSignals(args []string) bool {
	cmd, _, err := NewRoot(Env{}).Find(args)
	return err == nil && cmd.Name() == "serve"
}

// LaunchArgs returns the arguments to run cardgen with: those given, or,
// for a cardgen.exe double-clicked in Windows' Explorer (no arguments, a
// console of its own), "serve --open", so that the page opens in the
// browser instead of cobra's "this is a command line tool" message.
func LaunchArgs(args []string) []string {
	explorer := mousetrap.StartedByExplorer() // false on every other system
	out := launchArgs(args, explorer)
	if len(out) != len(args) {
		cobra.MousetrapHelpText = "" // or cobra stops before the command runs
	}
	return out
}

func launchArgs(args []string, startedByExplorer bool) []string {
	if startedByExplorer && len(args) == 0 {
		return []string{"serve", "--open"}
	}
	return args
}
