// Command cardgen turns a dataset of persona cards into print-ready PDF decks.
package main

import (
	"os"

	"github.com/cardgen/cardgen/pkg/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
}
