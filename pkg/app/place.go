package app

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cardgen/cardgen/pkg/fileout"
	"github.com/cardgen/cardgen/pkg/labels"
)

// File is a file an operation made, named as it is named by default: a
// name, or a path relative to the folder it goes in ("fonts/Lato-Regular.ttf").
type File struct {
	Name string
	Data []byte
	// Part, for one of several files that together are one output (the
	// fronts and the backs of --split), is what sets it apart ("fronts"):
	// when the caller names the output's file, this one is named after it
	// with -<part> added.
	Part string
	// Aux marks a file that goes with the others (a font beside an SVG):
	// when the caller names one file, it goes in that file's folder.
	Aux bool
}

// Place says where an operation's files go.
type Place struct {
	// Out is a folder, a file (one ending in one of Exts: the output is
	// then that file), or "-" for Stdout; "" for Dir.
	Out string
	// Dir is the folder files go in when Out is "".
	Dir string
	// Exts are the extensions of an Out that names the file itself
	// (".pdf"), in lower case. A device or a named pipe is a file too.
	Exts []string
	// Stdout receives the file of Out "-".
	Stdout io.Writer
	// Several, when not "", is what to say when Out names one file but
	// the operation made several (instead of "give a folder instead").
	Several string
}

// Paths returns where each of files goes (nil when none), or an
// *OptionError when Out cannot hold them.
func (pl Place) Paths(files []File) ([]string, error) {
	out := pl.Out
	if out == "" {
		out = pl.Dir
	}
	var main []int // the files that are not auxiliary
	for i, f := range files {
		if !f.Aux {
			main = append(main, i)
		}
	}
	parts := len(main) > 1
	for _, i := range main {
		parts = parts && files[i].Part != ""
	}
	several := func(what string) error {
		msg := pl.Several
		if msg == "" {
			msg = "give a folder instead"
		}
		return invalid(OptOut, out, fmt.Sprintf("names one file, but %s; %s", what, msg))
	}
	paths := make([]string, len(files))
	switch {
	case out == fileout.StdoutName:
		if len(files) != 1 {
			return nil, conflict(OptOut, fmt.Sprintf("{output} - writes one file to standard output, but this makes %s; give a folder instead", count(len(files), labels.Files)))
		}
		paths[0] = out
	case slices.Contains(pl.Exts, strings.ToLower(filepath.Ext(out))) || isDeviceOrPipe(out):
		switch {
		case len(main) == 1:
		case parts && !isDeviceOrPipe(out):
		default:
			return nil, several(fmt.Sprintf("this makes %s", count(len(main), labels.Files)))
		}
		for i, f := range files {
			switch {
			case f.Aux:
				paths[i] = filepath.Join(filepath.Dir(out), filepath.FromSlash(f.Name))
			case len(main) > 1:
				ext := filepath.Ext(out)
				paths[i] = strings.TrimSuffix(out, ext) + "-" + f.Part + ext
			default:
				paths[i] = out
			}
		}
	default:
		for i, f := range files {
			paths[i] = filepath.Join(out, filepath.FromSlash(f.Name))
		}
	}
	return paths, nil
}

// Write writes files where pl says, all or none (package fileout), and
// returns their paths, in the order of files.
func Write(files []File, pl Place) ([]string, error) {
	paths, err := pl.Paths(files)
	if err != nil {
		return nil, err
	}
	out := make([]fileout.File, len(files))
	for i, f := range files {
		out[i] = fileout.File{Path: paths[i], Data: f.Data}
	}
	if err := fileout.Write(out, fileout.Options{Stdout: pl.Stdout}); err != nil {
		return nil, err
	}
	return paths, nil
}

// isDeviceOrPipe reports whether path is an existing device or named pipe,
// which is written to as it is (package fileout).
func isDeviceOrPipe(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode()&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeNamedPipe) != 0
}
