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
	// 10,000-card build, the deck itself included). Collect less often
	// than Go's default, but keep the heap under 200 MiB: measured on
	// 10,000 cards, 211 MB peak and the same CPU time as with a 400 MiB
	// limit, which peaked at 340 MB. GOGC and GOMEMLIMIT still win when set.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(200 << 20)
	}
	// Ctrl-C or SIGTERM: remove the temporary files of a write under way
	// (or let its renames finish), say so in one line, and exit 130 or 143.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-signals
		fileout.Abort()
		os.Exit(cli.Exit(&cli.InterruptedError{Signal: sig}, os.Stderr))
	}()
	os.Exit(cli.Main(cli.LaunchArgs(os.Args[1:]), cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
}
