//go:build unix

package cli_test

// Special files (issue 15): places to write that must not be harmed
// (devices, named pipes, links to them, read-only files), and a picture that
// is a named pipe. Each test failed before its fix.

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cardgen/cardgen/pkg/cli"
)

// nullDevice makes a null device of the test's own in dir (Linux, as root)
// and returns its path, or "" where that cannot be done. Tests write to it
// rather than to /dev/null: a regression must not replace the system's.
func nullDevice(t *testing.T, dir string) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		return ""
	}
	path := filepath.Join(dir, "null")
	if err := syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		return "" // not root
	}
	return path
}

// TestOutputToSpecialFiles: export and build write to a device, a link to
// one, or a named pipe by opening it, never by renaming over it; "-" is
// standard output. (As root, they replaced /dev/null with a file.)
func TestOutputToSpecialFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	link := filepath.Join(dir, "null.yaml")
	if err := os.Symlink(os.DevNull, link); err != nil {
		t.Skip(err)
	}
	outs, want := []string{link}, []string{"null.yaml", "pipe.yaml"}
	if dev := nullDevice(t, dir); dev != "" {
		outs, want = append(outs, dev), []string{"null", "null.yaml", "pipe.yaml"}
	}
	for _, out := range outs {
		mustRun(t, nil, "export", "--format", "yaml", "--out", out)
		mustRun(t, nil, "build", "--only", "hao", "--layout", "tarot", "--out", out)
		if fi, err := os.Stat(out); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("%s no longer leads to a device: %v", out, err)
		}
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link to /dev/null was replaced by a file")
	}

	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		done := make(chan result)
		go func() { done <- run(t, nil, "export", "--out", fifo) }()
		select {
		case r := <-done:
			if r.code != cli.ExitInput || !strings.Contains(r.stderr, "named pipe (FIFO) and nothing reads from it") {
				t.Errorf("export to a pipe nobody reads: exit %d\n%s", r.code, r.stderr)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("export to a pipe nobody reads still waits after 10 s")
		}
		if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
			t.Error("the named pipe was replaced")
		}
	}

	r := mustRun(t, nil, "export", "--format", "json", "--out", "-")
	if !strings.HasPrefix(r.stdout, "{") {
		t.Errorf("export --out -: stdout %.40q", r.stdout)
	}
	r = run(t, nil, "build", "--only", "hao", "--layout", "tarot", "--out", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "%PDF-") || !strings.HasPrefix(r.stderr, "-: 1 card, 2 pages") {
		t.Errorf("build --out -: exit %d, stdout %.20q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := run(t, nil, "build", "--layout", "tarot", "--layout", "a4", "--out", "-"); r.code != cli.ExitUsage {
		t.Errorf("two layouts to standard output: exit %d, want 2", r.code)
	}
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Errorf("the folder holds %q, want %q", got, want)
	}
}

// TestReadOnlyOutput: a read-only earlier PDF is refused, as cp would,
// and left as it is (it was replaced and made 0644); a writable one keeps
// its mode.
func TestReadOnlyOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro.pdf")
	os.WriteFile(ro, []byte("old"), 0o444)
	r := run(t, nil, "build", "--only", "hao", "--layout", "tarot", "--out", ro)
	if r.code != cli.ExitInput || !strings.Contains(r.stderr, "cannot replace "+ro+": it is read-only (mode 0444)") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(ro); string(b) != "old" {
		t.Error("the read-only PDF was replaced")
	}
	private := filepath.Join(dir, "private.yaml")
	os.WriteFile(private, []byte("old"), 0o600)
	mustRun(t, nil, "export", "--out", private)
	if fi, _ := os.Stat(private); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after export, want 0600 kept", fi.Mode().Perm())
	}
	if got := listDir(t, dir); !slices.Equal(got, []string{"private.yaml", "ro.pdf"}) {
		t.Errorf("the folder holds %q", got)
	}
}

// TestImageNamedPipe: an image: naming a named pipe is refused at once,
// saying what it is (it blocked forever).
func TestImageNamedPipe(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.png"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	data := csvDeck(t, dir, "pipe.png")
	done := make(chan result)
	go func() { done <- run(t, nil, "validate", "--data", data) }()
	select {
	case r := <-done:
		if r.code != cli.ExitInput || !strings.Contains(r.stderr, `"pipe.png" is a named pipe (FIFO), not an image file`) {
			t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("cardgen validate still waits on a named pipe after 10 s")
	}
}
