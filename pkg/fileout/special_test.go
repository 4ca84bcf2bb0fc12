//go:build unix

package fileout

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A device is written to, never replaced, and so is a symbolic link to
// one. The device is the test's own null device (made as root on Linux),
// and the link leads to /dev/null: a regression replaces neither the
// system's /dev/null nor anything outside the test's folder.
func TestDeviceIsOpenedNotReplaced(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	link := filepath.Join(dir, "null.pdf")
	if err := os.Symlink(os.DevNull, link); err != nil {
		t.Skip(err)
	}
	paths := []string{link}
	dev := filepath.Join(dir, "null")
	if runtime.GOOS == "linux" && syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3) == nil {
		paths = append(paths, dev)
	}
	for _, path := range paths {
		if err := WriteFile(path, []byte("data")); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("%s no longer leads to a character device: %v", path, err)
		}
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link to /dev/null was replaced")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(paths) {
		t.Errorf("%d entries, want %d (temporary files left?)", len(entries), len(paths))
	}
}

// A named pipe is written to when something reads from it, and refused at
// once when nothing does; it stays a pipe.
func TestFIFO(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	start := time.Now()
	err := WriteFile(fifo, []byte("x"))
	if err == nil || !strings.Contains(err.Error(), "nothing reads from it") {
		t.Errorf("no reader: err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}

	got := make(chan string)
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	r.Fd() // blocking reads
	// A second writer keeps the pipe open until the data is all in, so that
	// the reader does not see its end before.
	keep, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		b, _ := io.ReadAll(r)
		r.Close()
		got <- string(b)
	}()
	data := strings.Repeat("card ", 100_000) // more than a pipe holds
	if err := WriteFile(fifo, []byte(data)); err != nil {
		t.Fatal(err)
	}
	keep.Close()
	if s := <-got; s != data {
		t.Errorf("read %d bytes from the pipe, want %d", len(s), len(data))
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe became %v", fi.Mode())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries, want the pipe only", len(entries))
	}
}

// /dev/stdout is a link to /proc/self/fd/1, which EvalSymlinks cannot
// follow when it is a pipe: the pipe is written to.
func TestProcLinkToPipe(t *testing.T) {
	t.Parallel()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	path := "/proc/self/fd/" + strconv.Itoa(int(w.Fd()))
	if _, err := os.Stat(path); err != nil {
		t.Skip("no /proc:", err)
	}
	got := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	err = WriteFile(path, []byte("through the pipe"))
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("read %q", s)
	}
}
