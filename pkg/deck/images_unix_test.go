//go:build unix

package deck_test

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/cardgen/cardgen/pkg/diag"
)

// A picture path naming a named pipe, a socket or a folder is refused at
// once, saying what it is: nothing waits for a writer that never comes.
func TestImageNotRegularFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.png"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	l, err := net.Listen("unix", filepath.Join(dir, "sock.png"))
	if err != nil {
		t.Skip("no unix sockets here:", err)
	}
	defer l.Close()
	os.Mkdir(filepath.Join(dir, "folder.png"), 0o755)
	os.Symlink("pipe.png", filepath.Join(dir, "link.png"))
	done := make(chan []diag.Problem)
	go func() { done <- loadWithImages(t, dir, "pipe.png", "sock.png", "folder.png", "link.png") }()
	var got []diag.Problem
	select {
	case got = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("loading a deck whose picture is a named pipe did not return in 10 s")
	}
	want := []string{
		`F2: "pipe.png" is a named pipe (FIFO), not an image file`,
		`F3: "sock.png" is a socket, not an image file`,
		`F4: "folder.png" is a folder, not an image`,
		`F5: "link.png" is a named pipe (FIFO), not an image file`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems %v, want %q", got, want)
	}
	for i, p := range got {
		if got := p.Cell + ": " + p.Msg; got != want[i] {
			t.Errorf("got %q, want %q", got, want[i])
		}
	}
}
