//go:build unix

package layout_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cardgen/cardgen/pkg/layout"
)

// TestSpecialFilesRefused: a layout file or a base that is a named pipe
// blocked forever on open; a folder or a device is no layout either. Each is
// refused at once, saying what it is.
func TestSpecialFilesRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	write(t, dir, map[string]string{"child.yaml": "base: pipe.yaml\n"})
	for _, tt := range []struct{ file, want string }{
		{fifo, "is a named pipe (FIFO), not a layout file"},
		{filepath.Join(dir, "child.yaml"), "is a named pipe (FIFO), not a layout file"},
		{dir, "is a folder, not a layout file"},
		{os.DevNull, "is a device, not a layout file"},
	} {
		var err error
		within(t, time.Second, tt.file, func() { _, err = layout.LoadFile(tt.file) })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadFile(%s) = %v; want %q", tt.file, err, tt.want)
		}
	}
}
