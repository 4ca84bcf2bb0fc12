package testenv

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// recorder records whether a test was skipped or failed, and why; like
// testing.T, it stops the test's goroutine there.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// record runs f as a test of its own and returns what happened to it.
func record(f func(t testing.TB)) *recorder {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r
}

// Not parallel: each case sets the environment.
func TestSlowAndStrict(t *testing.T) {
	for _, tt := range []struct {
		ci, slow     string
		skipSlow     bool
		missingFails bool
	}{
		{"", "", true, false},
		{"true", "", true, true},
		{"", "1", false, true},
		{"", "yes", true, false}, // only 1 turns the slow tests on
		{"true", "1", false, true},
	} {
		t.Setenv("CI", tt.ci)
		t.Setenv(SlowEnv, tt.slow)
		name := fmt.Sprintf("CI=%q %s=%q", tt.ci, SlowEnv, tt.slow)

		r := record(func(t testing.TB) { Slow(t, "takes a minute") })
		if skipped := r.skipped != ""; skipped != tt.skipSlow {
			t.Errorf("%s: Slow skipped %v, want %v", name, skipped, tt.skipSlow)
		}
		if tt.skipSlow && !strings.Contains(r.skipped, "takes a minute") {
			t.Errorf("%s: Slow says %q, without what is slow", name, r.skipped)
		}

		r = record(func(t testing.TB) {
			Tool(t, "apt-get install nothing", "cardgen-no-such-tool-a", "cardgen-no-such-tool-b")
		})
		if failed := r.failed != ""; failed != tt.missingFails || failed == (r.skipped != "") {
			t.Errorf("%s: a missing tool: failed %q, skipped %q; want failing %v", name, r.failed, r.skipped, tt.missingFails)
		}
		if msg := r.failed + r.skipped; !strings.Contains(msg, "cardgen-no-such-tool-a or cardgen-no-such-tool-b") || !strings.Contains(msg, "apt-get install nothing") {
			t.Errorf("%s: the message %q does not name the tools and how to install them", name, msg)
		}
	}
}

func TestToolFound(t *testing.T) {
	t.Parallel()
	self, err := os.Executable() // this test binary: a program that is surely there
	if err != nil {
		t.Fatal(err)
	}
	var p string
	r := record(func(t testing.TB) { p = Tool(t, "", "cardgen-no-such-tool", self) })
	if p != self || r.failed != "" || r.skipped != "" {
		t.Errorf("Tool(%s) = %q, failed %q, skipped %q", self, p, r.failed, r.skipped)
	}
}

// CPUTime counts this process's work, not the time on the clock.
func TestCPUTime(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the clock's time there")
	}
	start := CPUTime()
	time.Sleep(50 * time.Millisecond)
	if slept := CPUTime() - start; slept > 25*time.Millisecond {
		t.Errorf("50 ms asleep counted as %v", slept)
	}
	start, clock := CPUTime(), time.Now()
	for CPUTime()-start < 20*time.Millisecond {
		if time.Since(clock) > 10*time.Second {
			t.Fatalf("10 s of work counted as %v", CPUTime()-start)
		}
	}
}
