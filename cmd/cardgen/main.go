// Command cardgen turns a dataset of persona cards into print-ready PDF decks.
package main

import (
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/cardgen/cardgen/pkg/cli"
	"github.com/cardgen/cardgen/pkg/fileout"
)

func main() {
	// A build allocates much short-lived memory and keeps little: a deck
	// is composed and painted sheet by sheet, and what stays is the pages'
	// content until the PDF is written (about 110 MB at the end of a
	// 10,000-card build, the deck itself included). So the collector runs
	// when the heap reaches ten times what is live, or nears 200 MiB,
	// whichever comes first: the default deck's build (about 40 MB
	// allocated, 10 live) then runs no collection at all, which saved a
	// tenth of its CPU time, and 10,000 cards peak at 215-230 MB (the
	// limit, not GOGC, decides there). GOGC and GOMEMLIMIT still win when
	// set.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(1000)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(200 << 20)
	}
	// Ctrl-C or SIGTERM: remove the temporary files of a write under way
	// (or let its renames finish), say so in one line, and exit 130 or 143;
	// unless the command stops by itself (serve).
	args := cli.LaunchArgs(os.Args[1:])
	if !cli.HandlesSignals(args) {
		signals := make(chan os.Signal, 1)
		signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
		go func() {
			sig := <-signals
			fileout.Abort()
			os.Exit(cli.Exit(&cli.InterruptedError{Signal: sig}, os.Stderr))
		}()
	}
	os.Exit(cli.Main(args, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
}
