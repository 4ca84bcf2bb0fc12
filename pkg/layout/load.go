package layout

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// MaxFileSize is the largest a layout file may be: a real one is about 2 KB.
const MaxFileSize = 1 << 20

// MaxBases is the longest chain of base: a layout may follow.
const MaxBases = 10

// LoadFile reads a user's spec from a file; a relative base: path is read
// from the file's folder.
func LoadFile(name string) (*Spec, error) {
	data, err := readLimited(name, MaxFileSize)
	if err != nil {
		return nil, fmt.Errorf("cannot read the layout: %w", err)
	}
	return Parse(name, data)
}

// Parse reads and validates a user's spec, named name (its path: a relative
// base: path is read from its folder). Every problem is returned at once as
// a diag.List.
func Parse(name string, data []byte) (*Spec, error) {
	return parse(nil, name, data, true)
}

// LoadFS reads an embedded spec from fsys: a relative base: path is read from
// fsys too.
func LoadFS(fsys fs.FS, name string) (*Spec, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the layout: %w", err)
	}
	return parse(fsys, name, data, false)
}

// Builtin loads the built-in layout name ("a4", "tarot", …).
func Builtin(name string) (*Spec, error) {
	file, ok := layouts.File(name)
	if !ok || !IsBuiltin(name) {
		return nil, fmt.Errorf("unknown layout %q; the built-in layouts are %s", name, strings.Join(layouts.Names(), ", "))
	}
	return LoadFS(layouts.FS, file)
}

// IsBuiltin reports whether name is the name of a built-in layout, in any
// case.
func IsBuiltin(name string) bool {
	for _, n := range layouts.Names() {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// namesBuiltin reports whether ref, the value of base:, names a built-in
// layout rather than a file: it has no folder and no .yaml or .yml ending,
// the rule cardgen build --layout follows.
func namesBuiltin(ref string) bool {
	low := strings.ToLower(ref)
	return !strings.ContainsAny(ref, `/\`) && !strings.HasSuffix(low, ".yaml") && !strings.HasSuffix(low, ".yml")
}

// readLimited reads at most max bytes of a regular file, so that a device, a
// folder or a pipe given by mistake can neither fill the memory nor block.
func readLimited(name string, max int64) ([]byte, error) {
	if fi, err := os.Stat(name); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, not a layout file", name, kindOf(fi.Mode()))
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s is more than the %d KB a layout file may be; is it the right file?", name, max>>10)
	}
	return data, nil
}

// kindOf names a kind of file that is not a regular one.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// parse reads a spec and its bases. fsys is where the file and its relative
// bases live (nil: the operating system's files); fromFile says whether it
// is a user's file.
func parse(fsys fs.FS, name string, data []byte, fromFile bool) (*Spec, error) {
	ld := &loader{}
	top := ld.read(fsys, name, fileID(fsys, name), data, !fromFile)
	if top == nil {
		return nil, ld.problems.Err()
	}
	s := resolve(top, &ld.problems)
	s.Source, s.FromFile = name, fromFile
	if err := ld.problems.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// loader reads a layout file and its chain of bases.
type loader struct {
	problems diag.List
	chain    []string // the files being read, outermost first, by id
	shown    []string // the same, as the user named them
}

// fileID identifies a file to find cycles of bases: the same file reached by
// two spellings of its path has one id.
func fileID(fsys fs.FS, name string) string {
	if fsys != nil {
		return "fs:" + path.Clean(name)
	}
	if abs, err := filepath.Abs(name); err == nil {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			return real
		}
		return abs
	}
	return name
}

// read reads one file and its bases, and returns what they write, merged;
// nil when the file is not a mapping at all.
func (ld *loader) read(fsys fs.FS, name, id string, data []byte, builtin bool) *layer {
	r := &yamldoc.Reader{File: name}
	doc := r.Parse(data, "start from a built-in layout (cardgen layouts --show a4), or write paper: and card:")
	if doc == nil {
		ld.problems = append(ld.problems, r.Problems...)
		return nil
	}
	f, ok := r.Mapping(doc, "", specFields)
	if !ok {
		ld.problems = append(ld.problems, r.Problems...)
		return nil
	}
	own := readLayer(r, name, f)
	ld.problems = append(ld.problems, r.Problems...)
	if own.base == nil {
		return own
	}
	ld.chain, ld.shown = append(ld.chain, id), append(ld.shown, name)
	defer func() { ld.chain, ld.shown = ld.chain[:len(ld.chain)-1], ld.shown[:len(ld.shown)-1] }()
	base := ld.readBase(fsys, name, own, builtin)
	if base == nil {
		own.baseFailed = true
		return own
	}
	// name: and description: belong to their own file.
	for _, k := range []string{"name", "description", "base"} {
		delete(base.vals, k)
	}
	// A grid chosen for the base's card and paper no longer suits another
	// card, paper or orientation: computed again, unless this file writes
	// its own grid: (or the base prints one face per page for a shop).
	if own.vals["grid"] == nil && !own.bad["grid"] && base.vals["grid"] != nil && !trimBox(base.vals, own.vals) && reshapes(own.vals, base.vals) {
		for _, k := range []string{"grid", "grid.columns", "grid.rows"} {
			delete(base.vals, k)
		}
	}
	base.vals.overlay(own.vals)
	for k := range own.bad {
		base.bad[k] = true
	}
	own.vals, own.bad, own.baseFailed = base.vals, base.bad, base.baseFailed
	return own
}

// readBase reads the base that own names; nil, after saying why, when it
// cannot be read.
func (ld *loader) readBase(fsys fs.FS, name string, own *layer, builtin bool) *layer {
	ref, at := own.base.text, own.base
	fail := func(msg, hint string) *layer {
		p := diag.Problem{File: at.file, Line: at.node.Line, Column: at.node.Column, Field: "base", Msg: msg, Hint: hint}
		ld.problems.Add(p)
		return nil
	}
	if len(ld.chain) > MaxBases {
		return fail(fmt.Sprintf("more than %d layouts in a row start from one another (%s)", MaxBases, strings.Join(ld.shown, " → ")),
			"start from a built-in layout or from a file without base:")
	}
	var (
		baseFS   fs.FS
		baseName string
		data     []byte
		err      error
	)
	fromBuiltin := namesBuiltin(ref)
	switch {
	case fromBuiltin:
		file, ok := layouts.File(ref)
		if !ok || !IsBuiltin(ref) {
			msg := fmt.Sprintf("unknown layout %q", ref)
			if s := yamldoc.Suggest(ref, layouts.Names()); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			}
			return fail(msg, fmt.Sprintf("the built-in layouts are %s; a file's path ends in .yaml", strings.Join(layouts.Names(), ", ")))
		}
		baseFS, baseName = layouts.FS, file
		data, err = fs.ReadFile(layouts.FS, file)
	case fsys != nil:
		baseFS, baseName = fsys, path.Join(path.Dir(name), ref)
		data, err = fs.ReadFile(fsys, baseName)
	default:
		baseName = ref
		if !filepath.IsAbs(ref) {
			baseName = filepath.Join(filepath.Dir(name), ref)
		}
		data, err = readLimited(baseName, MaxFileSize)
	}
	if err != nil {
		return fail(fmt.Sprintf("cannot read the base layout %s: %v", baseName, unwrapPath(err)),
			"give a built-in layout's name (cardgen layouts) or a path relative to this file's folder")
	}
	id := fileID(baseFS, baseName)
	for i, seen := range ld.chain {
		if seen == id {
			loop := append(append([]string{}, ld.shown[i:]...), baseName)
			return fail("these layouts start from one another in a circle: "+strings.Join(loop, " → "), "remove base: from one of them")
		}
	}
	base := ld.read(baseFS, baseName, id, data, builtin || fromBuiltin)
	if base == nil {
		return nil
	}
	if fromBuiltin && !builtin {
		// A user's file cannot point at a line of an embedded file: a
		// field inherited from a built-in is shown at this base: line.
		for _, v := range base.vals {
			v.file, v.node, v.from = at.file, at.node, ref
		}
	}
	return base
}

// unwrapPath drops the "open NAME:" that the message already says.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// reshapes reports whether own, a file's fields, changes its base's card,
// paper or orientation: what decides how many cards a sheet holds.
func reshapes(own, base values) bool {
	differs := func(key string, same func(a, b *value) bool) bool {
		o := own[key]
		if o == nil {
			return false
		}
		b := base[key]
		return b == nil || !same(o, b)
	}
	sameNum := func(a, b *value) bool { return a.num == b.num }
	return differs("card.width", sameNum) || differs("card.height", sameNum) ||
		differs("paper", func(a, b *value) bool { return a.paper == b.paper }) ||
		differs("orientation", func(a, b *value) bool { return a.text == b.text })
}

// trimBox reports whether own over base sets trim_box: a print shop's
// layout, one face per page, whose grid is always 1 × 1.
func trimBox(base, own values) bool {
	if v := own["trim_box"]; v != nil {
		return v.flag
	}
	return base["trim_box"] != nil && base["trim_box"].flag
}
