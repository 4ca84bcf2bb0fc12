package fileout

import (
	"maps"
	"os"
	"slices"
	"sync"
)

// live is every temporary file and folder that a Write in progress has made
// and not yet put in place, so that Abort can remove them.
var live = struct {
	sync.Mutex
	aborted bool
	temps   map[string]bool
	dirs    map[string]bool
}{temps: map[string]bool{}, dirs: map[string]bool{}}

// beforeCommit runs once every temporary file is written, before the
// renames. Tests built with the tag cardgen_testhooks make it wait there.
var beforeCommit = func() {}

// createTemp creates a temporary file and records it, unless Abort was
// called.
func createTemp(dir, pattern string) (*os.File, error) {
	live.Lock()
	defer live.Unlock()
	if live.aborted {
		return nil, ErrAborted
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	live.temps[f.Name()] = true
	return f, nil
}

// mkdir creates a folder and records it, unless Abort was called.
func mkdir(dir string) error {
	live.Lock()
	defer live.Unlock()
	if live.aborted {
		return ErrAborted
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		if fi, serr := os.Stat(dir); serr == nil && fi.IsDir() {
			return nil // made meanwhile by someone else: not ours to remove
		}
		return err
	}
	live.dirs[dir] = true
	return nil
}

// Abort removes every temporary file and every folder (if still empty)
// that a Write in progress has made, and makes every later Write fail with
// ErrAborted. It is for a signal handler about to end the process: it waits
// for renames under way to finish, so that a set of files is put in place
// whole or not at all.
func Abort() {
	live.Lock()
	defer live.Unlock()
	live.aborted = true
	for t := range live.temps {
		os.Remove(t)
	}
	removeDirs(slices.Collect(maps.Keys(live.dirs)))
	clear(live.temps)
	clear(live.dirs)
}
