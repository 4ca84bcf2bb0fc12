// Package testenv is for tests: it says which tests run where, and what a
// missing tool means for them.
//
// `go test ./...` runs in seconds. A few end-to-end checks cost more than
// that budget allows (a real browser, a load test, building cardgen against
// upstream fpdf): they call Slow and run only when CARDGEN_SLOW=1, which
// `bash .ci/run` sets for its second test run, so CI runs them every time.
//
// A test that needs a program or a file from outside the repository
// (pdftotext, pdftoppm, chromium, the world-atlas data) asks for it with
// Tool or Missing. When it is not there the test is skipped on a
// developer's machine, saying how to install it, but fails where every
// check is expected to run: in CI (the CI variable set, as GitHub Actions
// and .ci/run do) or with CARDGEN_SLOW=1.
package testenv

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// SlowEnv is the variable that turns the slow tests on, set to 1.
const SlowEnv = "CARDGEN_SLOW"

// SlowOn reports whether the slow tests run: CARDGEN_SLOW=1.
func SlowOn() bool { return os.Getenv(SlowEnv) == "1" }

// Slow skips t unless CARDGEN_SLOW=1; what says what the test does that
// costs time, such as "drives chromium through the page".
func Slow(t testing.TB, what string) {
	t.Helper()
	if !SlowOn() {
		t.Skipf("slow (%s): runs with %s=1, as bash .ci/run does", what, SlowEnv)
	}
}

// Strict reports whether a missing tool fails a test rather than skipping
// it: in CI, or when CARDGEN_SLOW=1 asks for every check.
func Strict() bool { return os.Getenv("CI") != "" || SlowOn() }

// Missing reports that what the test needs is not there: it fails t when
// Strict, and skips it otherwise. install says how to get it.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	if Strict() {
		t.Fatalf("%s is missing, and CI (or %s=1) runs every check: %s", what, SlowEnv, install)
	}
	t.Skipf("%s is missing, so this check does not run here (CI runs it): %s", what, install)
}

// Tool returns the path of the first of names found in PATH. When none
// is, it calls Missing with install.
func Tool(t testing.TB, install string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	Missing(t, strings.Join(names, " or "), install)
	return ""
}

// Limit is a test's time limit d, ten times longer under the race
// detector, which slows code down by as much.
func Limit(d time.Duration) time.Duration {
	if Race {
		return 10 * d
	}
	return d
}
