package cli_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeStopsCleanly: the binary's serve, stopped by Ctrl-C or SIGTERM,
// says so, exits 0 and leaves no temporary folder (main's own handler,
// which exits at once, stopped it before and left the folder).
func TestServeStopsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it; skipped with -short")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no signals to send")
	}
	t.Parallel()
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			tmp := t.TempDir()
			cmd := exec.Command(bin, "serve")
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(stdout)
			if !lines.Scan() || !regexp.MustCompile(`^cardgen is ready at http://127\.0\.0\.1:\d+/$`).MatchString(lines.Text()) {
				cmd.Process.Kill()
				t.Fatalf("first line %q", lines.Text())
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, "cardgen-serve-*")); len(left) != 1 {
				t.Errorf("the server's folder: %v", left)
			}
			cmd.Process.Signal(sig)
			var rest []string
			for lines.Scan() {
				rest = append(rest, lines.Text())
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatal("serve did not stop")
			}
			if code := cmd.ProcessState.ExitCode(); code != 0 || !strings.Contains(strings.Join(rest, "\n"), "cardgen stopped.") {
				t.Errorf("exit %d, then %q", code, rest)
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, "cardgen-serve-*")); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}
