package fileout

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// StdoutName is the file name that means standard output, as in --out -.
const StdoutName = "-"

// newFileMode is the mode of a file that did not exist before.
const newFileMode fs.FileMode = 0o644

// File is one file to write.
type File struct {
	Path string
	Data []byte
}

// Options says where a file named "-" goes.
type Options struct {
	// Stdout receives the file named "-"; nil for the process's standard
	// output.
	Stdout io.Writer
}

// ErrAborted says Abort was called: the process is being stopped.
var ErrAborted = errors.New("interrupted")

// ReadOnlyError says an existing file is protected against writing.
type ReadOnlyError struct {
	Path string
	Mode fs.FileMode // its permissions; 0 when it could not be opened for writing
}

func (e *ReadOnlyError) Error() string {
	if e.Mode == 0 {
		return fmt.Sprintf("cannot replace %s: you are not allowed to write it; choose another file name, or ask its owner", e.Path)
	}
	return fmt.Sprintf("cannot replace %s: it is read-only (mode %04o); make it writable (chmod u+w %s) if it may be replaced, or choose another file name",
		e.Path, e.Mode.Perm(), e.Path)
}

// WriteFile writes one file (see Write).
func WriteFile(path string, data []byte) error {
	return Write([]File{{Path: path, Data: data}}, Options{})
}

// Write writes files as one, with the guarantees of the package
// documentation: if it returns an error before any target was touched,
// every target is as it was and nothing is left behind.
func Write(files []File, opts Options) (err error) {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(files); i++ {
		if filepath.Clean(files[i].Path) == filepath.Clean(files[i-1].Path) {
			return fmt.Errorf("%s would be written twice", files[i].Path)
		}
	}
	stdout := opts.Stdout
	if stdout == nil {
		stdout = os.Stdout
	}
	var w writing
	defer func() {
		if err != nil {
			w.undo()
		}
	}()
	for _, f := range files {
		if err := w.prepare(f); err != nil {
			return err
		}
	}
	beforeCommit()
	return w.commit(stdout)
}

// A target is one file being written.
type target struct {
	file    File
	path    string   // where it is written: the file a symbolic link points to, or Path
	temp    string   // the temporary file to rename to path; "" when opened
	special *os.File // an existing device or pipe, opened for writing
}

// writing is the state of one Write.
type writing struct {
	targets []target
	dirs    []string // folders created, parents first
}

// prepare writes f's temporary file, or opens the special file it names,
// without touching any target.
func (w *writing) prepare(f File) error {
	if f.Path == StdoutName {
		w.targets = append(w.targets, target{file: f, path: StdoutName})
		return nil
	}
	path, mode, special, err := resolve(f.Path)
	if err != nil {
		return err
	}
	if special {
		out, err := openSpecial(f.Path)
		if err != nil {
			return err
		}
		w.targets = append(w.targets, target{file: f, path: path, special: out})
		return nil
	}
	dir := filepath.Dir(path)
	if err := w.mkdirs(dir); err != nil {
		return err
	}
	tmp, err := createTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		if errors.Is(err, ErrAborted) {
			return err
		}
		return fmt.Errorf("cannot write in %s: %w; choose another place to write", dir, unwrapPath(err))
	}
	w.targets = append(w.targets, target{file: f, path: path, temp: tmp.Name()})
	_, err = tmp.Write(f.Data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), mode)
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", f.Path, unwrapPath(err))
	}
	return nil
}

// resolve says where the file named by path is to be written and with what
// permissions, or that it is an existing special file to open, or why it
// cannot be written.
func resolve(path string) (dest string, mode fs.FileMode, special bool, err error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		// A new file (mkdirs says so when a folder on the way is a file).
		return path, newFileMode, false, nil
	case err != nil:
		return "", 0, false, fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		// Follow the link: stat knows the special links of /proc
		// (/dev/stdout is one) that EvalSymlinks cannot read.
		linked, err := os.Stat(path)
		if err != nil {
			link, _ := os.Readlink(path)
			return "", 0, false, fmt.Errorf("cannot write %s: it is a symbolic link to %s, which does not exist; remove the link or create its file", path, link)
		}
		fi = linked
		if fi.Mode().IsRegular() {
			dest, err := filepath.EvalSymlinks(path)
			if err != nil {
				// A /proc link to an open file: write through it.
				return path, 0, true, nil
			}
			path = dest
		}
	}
	switch m := fi.Mode(); {
	case m.IsDir():
		return "", 0, false, fmt.Errorf("%s is a folder: give a file name, or give the folder itself to write into it", path)
	case m.Type()&fs.ModeSocket != 0:
		return "", 0, false, fmt.Errorf("cannot write %s: it is a socket, not a file", path)
	case !m.IsRegular():
		return path, 0, true, nil
	case m.Perm()&0o200 == 0:
		return "", 0, false, &ReadOnlyError{Path: path, Mode: m}
	}
	// As cp would: may this user write it? (Opening for writing without
	// truncating changes nothing; O_NONBLOCK in case it has just become a
	// pipe.)
	f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, fs.ErrPermission) {
		return "", 0, false, &ReadOnlyError{Path: path}
	}
	if err != nil {
		return "", 0, false, fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	f.Close()
	return path, fi.Mode().Perm(), false, nil
}

// openSpecial opens an existing device or named pipe for writing (or a file
// that only a /proc link leads to). A pipe that nobody reads from is
// refused rather than waited on.
func openSpecial(path string) (*os.File, error) {
	flags := os.O_WRONLY | syscall.O_NONBLOCK
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0)
	if err != nil {
		if errors.Is(err, syscall.ENXIO) {
			return nil, fmt.Errorf("cannot write %s: it is a named pipe (FIFO) and nothing reads from it", path)
		}
		return nil, fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	// Opened without blocking; write blocking, as to any file (Fd puts the
	// file back in blocking mode).
	f.Fd()
	return f, nil
}

// mkdirs creates dir and its missing parents, remembering which it created.
func (w *writing) mkdirs(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err == nil {
			if !fi.IsDir() {
				return fmt.Errorf("cannot create the folder %s: %s is a file", dir, d)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return fmt.Errorf("cannot create the folder %s: %w", dir, unwrapPath(err))
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	slices.Reverse(missing)
	for _, d := range missing {
		if err := mkdir(d); err != nil {
			if errors.Is(err, ErrAborted) {
				return err
			}
			return fmt.Errorf("cannot create the folder %s: %w", d, unwrapPath(err))
		}
		w.dirs = append(w.dirs, d)
	}
	return nil
}

// commit puts every file in place: renames first, all under the lock, then
// the writes to special files and standard output.
func (w *writing) commit(stdout io.Writer) error {
	live.Lock()
	if live.aborted {
		live.Unlock()
		return ErrAborted
	}
	for i, t := range w.targets {
		if t.temp == "" {
			continue
		}
		if err := os.Rename(t.temp, t.path); err != nil {
			live.Unlock()
			if i > 0 {
				return fmt.Errorf("cannot write %s: %w (the files before it were written)", t.file.Path, unwrapPath(err))
			}
			return fmt.Errorf("cannot write %s: %w", t.file.Path, unwrapPath(err))
		}
		delete(live.temps, t.temp)
		w.targets[i].temp = ""
	}
	for _, d := range w.dirs {
		delete(live.dirs, d)
	}
	w.dirs = nil
	live.Unlock()
	syncDirs(w.targets)
	var errs []error
	for i, t := range w.targets {
		var err error
		switch {
		case t.special != nil:
			_, err = t.special.Write(t.file.Data)
			if cerr := t.special.Close(); err == nil {
				err = cerr
			}
			w.targets[i].special = nil
		case t.path == StdoutName:
			_, err = stdout.Write(t.file.Data)
		default:
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("cannot write %s: %w", t.file.Path, unwrapPath(err)))
		}
	}
	return errors.Join(errs...)
}

// undo removes what a failed Write made: its temporary files and the
// folders it created, and closes the special files it opened.
func (w *writing) undo() {
	live.Lock()
	defer live.Unlock()
	for _, t := range w.targets {
		if t.temp != "" {
			os.Remove(t.temp)
			delete(live.temps, t.temp)
		}
		if t.special != nil {
			t.special.Close()
		}
	}
	removeDirs(w.dirs)
	for _, d := range w.dirs {
		delete(live.dirs, d)
	}
}

// syncDirs makes the renames durable (where the system allows syncing a
// folder).
func syncDirs(targets []target) {
	seen := map[string]bool{}
	for _, t := range targets {
		if t.special != nil || t.path == StdoutName {
			continue
		}
		dir := filepath.Dir(t.path)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		if d, err := os.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
}

// removeDirs removes folders that are still empty, deepest first.
func removeDirs(dirs []string) {
	dirs = slices.Clone(dirs)
	slices.SortFunc(dirs, func(a, b string) int { return len(b) - len(a) })
	for _, d := range dirs {
		os.Remove(d)
	}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
