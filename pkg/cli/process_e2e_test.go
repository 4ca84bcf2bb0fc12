package cli_test

// Tests that need cardgen as a process of its own: signals, and bytes that
// must not depend on the process's map order or goroutine timing.

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"

	"github.com/cardgen/cardgen/internal/testenv"
)

// cardgenBin is the cardgen binary the tests that need a process share: built
// once, with the test hooks (which do nothing unless CARDGEN_TESTHOOK_PAUSE
// is set), into a folder of its own, shared/bin.
var cardgenBin struct {
	once sync.Once
	path string
	err  error
}

// buildBinary returns the shared cardgen binary, building it the first time.
func buildBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build cardgen with:", err)
	}
	cardgenBin.once.Do(func() {
		if cardgenBin.err = os.MkdirAll(filepath.Join(shared, "bin"), 0o755); cardgenBin.err != nil {
			return
		}
		cardgenBin.path = filepath.Join(shared, "bin", "cardgen")
		if runtime.GOOS == "windows" {
			cardgenBin.path += ".exe"
		}
		// Without a symbol table and debug information: linked in half the time.
		cmd := exec.Command(goTool, "build", "-tags", "cardgen_testhooks", "-ldflags=-s -w", "-o", cardgenBin.path, "github.com/cardgen/cardgen/cmd/cardgen")
		if out, err := cmd.CombinedOutput(); err != nil {
			cardgenBin.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if cardgenBin.err != nil {
		t.Fatal(cardgenBin.err)
	}
	return cardgenBin.path
}

// TestProcess runs the tests that need cardgen as a process, with one
// binary.
func TestProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it; skipped with -short")
	}
	t.Parallel()
	bin := buildBinary(t)
	t.Run("signal during write", func(t *testing.T) { testSignalDuringWrite(t, bin) })
	t.Run("reproducible with pictures", func(t *testing.T) {
		testenv.Slow(t, "runs the cardgen binary three times")
		testReproducibleWithPictures(t, bin)
	})
}

// testSignalDuringWrite interrupts cardgen once its temporary files are
// written (a test hook holds it there): it removes them and the folders it
// created, says so in one line and exits 130 for SIGINT, 143 for SIGTERM.
// (It left .deck.pdf.NNN.tmp behind.)
func testSignalDuringWrite(t *testing.T, bin string) {
	if runtime.GOOS == "windows" {
		t.Skip("no signals to send")
	}
	t.Parallel()
	for _, c := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGINT, 130, "Ctrl-C (SIGINT)"}, {syscall.SIGTERM, 143, "SIGTERM"}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			// One card in two layouts: two temporary files, soon written.
			cmd := exec.Command(bin, "build", "--only", "hao", "--layout", "a4", "--layout", "tarot", "--out", filepath.Join(dir, "new", "deep"))
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

// testReproducibleWithPictures builds a deck with several pictures (PNG
// with transparency, JPEG, grey, some of the same width) in separate
// processes and in this one: the PDFs are the same, byte for byte. (Six
// builds gave five different PDFs when the picture templates' resources
// were written in map order.)
func testReproducibleWithPictures(t *testing.T, bin string) {
	t.Parallel()
	dir := t.TempDir()
	pictures := []string{"a.png", "b.jpg", "c.png", "d.jpg", "e.png"}
	for i, p := range pictures {
		writePicture(t, filepath.Join(dir, p), 100+25*(i%2), 75+10*i, i)
	}
	data := csvDeck(t, dir, append(pictures, "./a.png", "b.jpg")...)
	const runs = 3
	outs := make([][]byte, runs)
	errs := make([]error, runs)
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() {
			path := filepath.Join(dir, fmt.Sprintf("%d.pdf", i))
			cmd := exec.Command(bin, "build", "--data", data, "--layout", "a4", "--out", path)
			if out, err := cmd.CombinedOutput(); err != nil {
				errs[i] = fmt.Errorf("run %d: %v\n%s", i+1, err, out)
				return
			}
			outs[i], errs[i] = os.ReadFile(path)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := bytes.Count(outs[0], []byte("/Subtype /Image")); n != len(pictures) {
		t.Errorf("%d images in the PDF, want %d", n, len(pictures))
	}
	for i := 1; i < runs; i++ {
		if !bytes.Equal(outs[0], outs[i]) {
			t.Errorf("run %d differs from run 1 %s", i+1, firstDiff(outs[0], outs[i]))
		}
	}
	// In process, the same bytes.
	path := filepath.Join(dir, "in-process.pdf")
	mustRun(t, nil, "build", "--data", data, "--layout", "a4", "--out", path)
	if !bytes.Equal(outs[0], readFile(t, path)) {
		t.Errorf("the in-process build differs %s", firstDiff(outs[0], readFile(t, path)))
	}
}
