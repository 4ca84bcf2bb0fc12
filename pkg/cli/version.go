package cli

import (
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// Release builds set these with the linker, and they take precedence over
// what Go records:
//
//	go build -ldflags "-X github.com/cardgen/cardgen/pkg/cli.version=v1.0.0
//	  -X github.com/cardgen/cardgen/pkg/cli.commit=$(git rev-parse HEAD)
//	  -X github.com/cardgen/cardgen/pkg/cli.date=$(git log -1 --format=%cI)" ./cmd/cardgen
var version, commit, date string

// Version describes this build of cardgen: its version, the commit it was
// built from and that commit's date, and the Go version and platform.
// `go build` in a git clone records the commit (vcs.revision, vcs.time,
// vcs.modified in the build info); `go run`, a build with -buildvcs=false
// and a build in a linked git worktree do not.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return formatVersion(info, linked{version, commit, date})
}

// ShortVersion names this build for the people who use it, as the web
// page's foot shows it: "cardgen v1.2.0", or "cardgen (development
// build)". Version says the rest, for those who report a bug.
func ShortVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return shortVersion(info, linked{version, commit, date})
}

// pseudoVersion matches the versions Go makes of a commit
// (v0.0.0-20261127102445-3d1ed6a5c8a3, v1.2.1-0.20261127102445-…).
var pseudoVersion = regexp.MustCompile(`[-.][0-9]{14}-[0-9a-f]{12}`)

func shortVersion(info *debug.BuildInfo, ld linked) string {
	v := ld.version
	if v == "" && info != nil {
		v = info.Main.Version
	}
	if v == "" || v == "(devel)" || pseudoVersion.MatchString(v) || strings.Contains(v, "+dirty") {
		return "cardgen (development build)"
	}
	return "cardgen " + v
}

// linked are the values a release build sets with -ldflags -X.
type linked struct{ version, commit, date string }

// formatVersion says what info and the linked values tell of a build, in
// one line; info is nil when the binary has no build information.
func formatVersion(info *debug.BuildInfo, ld linked) string {
	settings := map[string]string{}
	goVersion := ""
	mainVersion := ""
	if info != nil {
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		goVersion, mainVersion = info.GoVersion, info.Main.Version
	}
	rev, when := firstOf(ld.commit, settings["vcs.revision"]), firstOf(ld.date, settings["vcs.time"])
	ver := ld.version
	if ver == "" {
		switch {
		case mainVersion == "" || mainVersion == "(devel)":
			ver = "development build"
		case settings["vcs.revision"] != "":
			// A pseudo-version made of the commit's date and hash (and
			// +dirty): they are said below, in words.
			ver = "development build"
			if !strings.HasPrefix(mainVersion, "v0.0.0-") && !strings.Contains(mainVersion, "+dirty") {
				ver = mainVersion
			}
		default:
			ver = mainVersion // go install …@v1.0.0
		}
	}
	parts := []string{"cardgen " + ver}
	switch {
	case rev != "":
		c := "commit " + shortCommit(rev)
		if when != "" {
			c += " of " + readableTime(when)
		}
		if ld.commit == "" && settings["vcs.modified"] == "true" {
			c += ", with uncommitted changes"
		}
		parts = append(parts, c)
	case ver == "development build":
		parts[0] += " (no commit recorded: go run, a build outside a git clone or with -buildvcs=false)"
	}
	if goVersion != "" {
		platform := strings.Trim(settings["GOOS"]+"/"+settings["GOARCH"], "/")
		parts = append(parts, strings.TrimSpace(goVersion+" "+platform))
	}
	if info == nil && ld.version == "" {
		parts[0] = "cardgen (no build information)"
	}
	return strings.Join(parts, ", ")
}

// firstOf returns the first of a and b that is not empty.
func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// shortCommit keeps the 12 first hex digits of a commit hash, as git's
// abbreviations and Go's pseudo-versions do.
func shortCommit(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}

// readableTime writes an RFC 3339 time (vcs.time) as "2026-11-27 10:24 UTC";
// anything else as it is.
func readableTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func newVersionCmd(env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print cardgen's version, the commit it was built from and its date",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(env.Stdout, Version())
			return nil
		},
	}
}
