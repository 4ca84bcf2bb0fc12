package cli

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Version describes this build of cardgen from the module's build info: the
// module version (a tag, or "(devel)"), the commit and its date when built
// from a checkout, and the Go version.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "cardgen (no build information)"
	}
	parts := []string{"cardgen", info.Main.Version}
	var rev, when, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev != "" {
		parts = append(parts, fmt.Sprintf("(commit %.12s, %s%s)", rev, when, modified))
	}
	parts = append(parts, info.GoVersion)
	return strings.Join(parts, " ")
}

func newVersionCmd(env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print cardgen's version, commit and Go version",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(env.Stdout, Version())
			return nil
		},
	}
}
