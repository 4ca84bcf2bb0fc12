package fileout

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tree lists every path under dir, relative and slash-separated, sorted.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

func TestWriteFileReplacesWhole(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "deck.pdf")
	if err := WriteFile(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "two" {
		t.Errorf("content %q, want two", got)
	}
	if names := tree(t, dir); !slices.Equal(names, []string{"sub", "sub/deck.pdf"}) {
		t.Errorf("files %q (temporary files left?)", names)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
}

// A target that is a folder fails after the data is written: no temporary
// file stays.
func TestWriteFileFailureLeavesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := filepath.Join(dir, "deck.pdf")
	if err := os.MkdirAll(filepath.Join(target, "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(target, []byte("new"))
	if err == nil || !strings.Contains(err.Error(), "deck.pdf is a folder") {
		t.Fatalf("err = %v, want one saying deck.pdf is a folder", err)
	}
	if names := tree(t, dir); !slices.Equal(names, []string{"deck.pdf", "deck.pdf/keep"}) {
		t.Errorf("files %q", names)
	}
}

// Several files are written as one: when the last cannot be, the folders
// created for the first go too, and nothing is replaced.
func TestWriteFailureRemovesCreatedFolders(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	old := filepath.Join(dir, "old.pdf")
	os.WriteFile(old, []byte("old"), 0o644)
	os.Mkdir(filepath.Join(dir, "zz"), 0o755)
	err := Write([]File{
		{filepath.Join(dir, "new", "deep", "er", "a.pdf"), []byte("a")},
		{old, []byte("replaced")},
		{filepath.Join(dir, "zz"), []byte("b")}, // a folder: fails
	}, Options{})
	if err == nil {
		t.Fatal("writing over a folder succeeded")
	}
	if names := tree(t, dir); !slices.Equal(names, []string{"old.pdf", "zz"}) {
		t.Errorf("files %q, want old.pdf and zz only (no folder new/, no temporary file)", names)
	}
	if b, _ := os.ReadFile(old); string(b) != "old" {
		t.Errorf("old.pdf holds %q: replaced by a failed write", b)
	}
}

func TestWriteIntoAFileFails(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "blocker"), []byte("x"), 0o644)
	err := WriteFile(filepath.Join(dir, "blocker", "a", "deck.pdf"), []byte("new"))
	if err == nil || !strings.Contains(err.Error(), "blocker is a file") {
		t.Errorf("err = %v", err)
	}
	if names := tree(t, dir); !slices.Equal(names, []string{"blocker"}) {
		t.Errorf("files %q", names)
	}
}

// A read-only file is refused, as cp would, even for root; a writable one
// keeps its mode.
func TestModes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro.pdf")
	os.WriteFile(ro, []byte("old"), 0o444)
	err := WriteFile(ro, []byte("new"))
	var roe *ReadOnlyError
	if !errors.As(err, &roe) || !strings.Contains(err.Error(), "read-only (mode 0444)") {
		t.Errorf("err = %v, want a ReadOnlyError", err)
	}
	if b, _ := os.ReadFile(ro); string(b) != "old" {
		t.Errorf("the read-only file now holds %q", b)
	}
	if fi, _ := os.Stat(ro); fi.Mode().Perm() != 0o444 {
		t.Errorf("mode %v, want 0444", fi.Mode().Perm())
	}

	private := filepath.Join(dir, "private.pdf")
	os.WriteFile(private, []byte("old"), 0o600)
	os.Chmod(private, 0o600)
	if err := WriteFile(private, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(private); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", fi.Mode().Perm())
	}
	if names := tree(t, dir); !slices.Equal(names, []string{"private.pdf", "ro.pdf"}) {
		t.Errorf("files %q", names)
	}
}

func TestStdout(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var out bytes.Buffer
	err := Write([]File{{StdoutName, []byte("to stdout")}, {filepath.Join(dir, "a"), []byte("a")}}, Options{Stdout: &out})
	if err != nil || out.String() != "to stdout" {
		t.Errorf("err %v, stdout %q", err, out.String())
	}
	if names := tree(t, dir); !slices.Equal(names, []string{"a"}) {
		t.Errorf("files %q (no file named -)", names)
	}
}

func TestSameFileTwice(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	err := Write([]File{{filepath.Join(dir, "a.pdf"), nil}, {filepath.Join(dir, ".", "a.pdf"), nil}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Errorf("err = %v", err)
	}
}

func TestSymlinkToFileIsWrittenThrough(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	real := filepath.Join(dir, "real.pdf")
	os.WriteFile(real, []byte("old"), 0o640)
	os.Chmod(real, 0o640)
	link := filepath.Join(dir, "link.pdf")
	if err := os.Symlink("real.pdf", link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("real.pdf holds %q", b)
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode().Perm())
	}
	dangling := filepath.Join(dir, "dangling.pdf")
	os.Symlink("nowhere.pdf", dangling)
	if err := WriteFile(dangling, []byte("x")); err == nil || !strings.Contains(err.Error(), "nowhere.pdf, which does not exist") {
		t.Errorf("dangling link: err = %v", err)
	}
	if names := tree(t, dir); !slices.Equal(names, []string{"dangling.pdf", "link.pdf", "real.pdf"}) {
		t.Errorf("files %q", names)
	}
}

// Abort, as a signal handler calls it, removes the temporary files and
// folders of a Write in progress, which then fails.
func TestAbort(t *testing.T) {
	// Not parallel: it changes the package's state.
	dir := t.TempDir()
	reached, release := make(chan struct{}), make(chan struct{})
	beforeCommit = func() { close(reached); <-release }
	defer func() {
		beforeCommit = func() {}
		live.Lock()
		live.aborted = false
		live.Unlock()
	}()
	done := make(chan error)
	go func() {
		done <- Write([]File{{filepath.Join(dir, "new", "a.pdf"), []byte("a")}, {filepath.Join(dir, "b.pdf"), []byte("b")}}, Options{})
	}()
	<-reached
	if names := tree(t, dir); len(names) != 3 {
		t.Fatalf("before Abort: %q, want the folder new and two temporary files", names)
	}
	Abort()
	close(release)
	if err := <-done; !errors.Is(err, ErrAborted) {
		t.Errorf("Write returned %v, want ErrAborted", err)
	}
	if names := tree(t, dir); len(names) != 0 {
		t.Errorf("left %q", names)
	}
	if err := WriteFile(filepath.Join(dir, "c.pdf"), nil); !errors.Is(err, ErrAborted) {
		t.Errorf("a Write after Abort returned %v", err)
	}
}
