package cli_test

// Tests that need cardgen as a process of its own: signals, and bytes that
// must not depend on the process's map order or goroutine timing.

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

// buildBinary builds cardgen with the test hooks (which do nothing unless
// CARDGEN_TESTHOOK_PAUSE is set) into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build cardgen with:", err)
	}
	bin := filepath.Join(t.TempDir(), "cardgen")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command(goTool, "build", "-tags", "cardgen_testhooks", "-o", bin, "github.com/cardgen/cardgen/cmd/cardgen")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestSignalDuringWrite interrupts cardgen once its temporary files are
// written (a test hook holds it there): it removes them and the folders it
// created, says so in one line and exits 130 for SIGINT, 143 for SIGTERM.
// (It left .deck.pdf.NNN.tmp behind.)
func TestSignalDuringWrite(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("builds the binary and sends it signals")
	}
	t.Parallel()
	bin := buildBinary(t)
	for _, c := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGINT, 130, "Ctrl-C (SIGINT)"}, {syscall.SIGTERM, 143, "SIGTERM"}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cmd := exec.Command(bin, "build", "--layout", "a4", "--layout", "tarot", "--out", filepath.Join(dir, "new", "deep"))
			cmd.Env = append(os.Environ(), "CARDGEN_TESTHOOK_PAUSE=1")
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(stderr)
			if !lines.Scan() || lines.Text() != "cardgen-testhook: temporary files written" {
				cmd.Process.Kill()
				t.Fatalf("the build did not reach its write: %q", lines.Text())
			}
			if temps, _ := filepath.Glob(filepath.Join(dir, "new", "deep", ".*.tmp")); len(temps) != 2 {
				t.Errorf("%d temporary files before the signal, want 2", len(temps))
			}
			cmd.Process.Signal(c.sig)
			var rest []string
			for lines.Scan() {
				rest = append(rest, lines.Text())
			}
			cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != c.code {
				t.Errorf("exit %d, want %d", code, c.code)
			}
			want := "cardgen: stopped by " + c.name + "; no file was left half-written"
			if len(rest) != 1 || rest[0] != want {
				t.Errorf("stderr %q, want the one line %q", rest, want)
			}
			if got := listDir(t, dir); len(got) != 0 {
				t.Errorf("left %q in the output folder's parent", got)
			}
		})
	}
}
