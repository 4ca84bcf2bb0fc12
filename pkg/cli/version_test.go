package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestFormatVersion: what cardgen version prints for each way of building
// it, from build information as Go records it.
func TestFormatVersion(t *testing.T) {
	t.Parallel()
	const rev = "3d1ed6a5c8a3dd59a0f30641bdc612a30174c41f"
	info := func(version string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/cardgen/cardgen", Version: version}}
		for i := 0; i+1 < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	platform := []string{"GOOS", "linux", "GOARCH", "amd64"}
	vcs := func(modified string) []string {
		return append([]string{"vcs", "git", "vcs.revision", rev, "vcs.time", "2026-11-27T10:24:45Z", "vcs.modified", modified}, platform...)
	}
	for _, tt := range []struct {
		name string
		info *debug.BuildInfo
		ld   linked
		want string
	}{
		{"go build in a git clone", info("v0.0.0-20261127102445-3d1ed6a5c8a3", vcs("false")...), linked{},
			"cardgen development build, commit 3d1ed6a5c8a3 of 2026-11-27 10:24 UTC, go1.26.8 linux/amd64"},
		{"with uncommitted changes", info("v0.0.0-20261127102445-3d1ed6a5c8a3+dirty", vcs("true")...), linked{},
			"cardgen development build, commit 3d1ed6a5c8a3 of 2026-11-27 10:24 UTC, with uncommitted changes, go1.26.8 linux/amd64"},
		{"older Go: (devel) and the commit", info("(devel)", vcs("false")...), linked{},
			"cardgen development build, commit 3d1ed6a5c8a3 of 2026-11-27 10:24 UTC, go1.26.8 linux/amd64"},
		{"a tagged clone", info("v1.2.0", vcs("false")...), linked{},
			"cardgen v1.2.0, commit 3d1ed6a5c8a3 of 2026-11-27 10:24 UTC, go1.26.8 linux/amd64"},
		{"go install …@v1.0.0", info("v1.0.0", platform...), linked{},
			"cardgen v1.0.0, go1.26.8 linux/amd64"},
		{"go install …@commit", info("v0.0.0-20261127102445-3d1ed6a5c8a3", platform...), linked{},
			"cardgen v0.0.0-20261127102445-3d1ed6a5c8a3, go1.26.8 linux/amd64"},
		{"go run", info("(devel)", platform...), linked{},
			"cardgen development build (no commit recorded: go run, a build outside a git clone or with -buildvcs=false), go1.26.8 linux/amd64"},
		// -ldflags -X values win over what Go records.
		{"release build", info("(devel)", vcs("true")...), linked{"v1.3.0", "0123456789abcdef0123", "2026-12-01T09:00:00+01:00"},
			"cardgen v1.3.0, commit 0123456789ab of 2026-12-01 08:00 UTC, go1.26.8 linux/amd64"},
		{"release version only", info("(devel)", vcs("false")...), linked{version: "v1.3.0"},
			"cardgen v1.3.0, commit 3d1ed6a5c8a3 of 2026-11-27 10:24 UTC, go1.26.8 linux/amd64"},
		{"no build information", nil, linked{}, "cardgen (no build information)"},
		{"no build information, linked", nil, linked{"v1.3.0", "0123456789ab", "2026-12-01"}, "cardgen v1.3.0, commit 0123456789ab of 2026-12-01"},
	} {
		if got := formatVersion(tt.info, tt.ld); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
		// The short form, for the web page's foot: the version, or that it
		// is a development build; no commit, Go version or platform.
		short := "cardgen (development build)"
		if v, _, _ := strings.Cut(strings.TrimPrefix(tt.want, "cardgen "), ","); strings.HasPrefix(v, "v1.") {
			short = "cardgen " + v
		}
		if got := shortVersion(tt.info, tt.ld); got != short {
			t.Errorf("%s: short %q, want %q", tt.name, got, short)
		}
	}
}
