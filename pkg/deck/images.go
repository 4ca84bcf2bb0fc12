package deck

import (
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // image.DecodeConfig reads JPEG
	_ "image/png"  // and PNG
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/cardgen/cardgen/pkg/diag"
)

// imageOpener opens a file given by a clean, slash-separated path relative
// to the dataset's folder.
type imageOpener interface {
	open(name string) (fs.File, error)
}

// errOutside says a path leads outside the dataset's folder.
var errOutside = errors.New("the path leads outside the dataset's folder")

// osImages opens images under a folder of the file system, refusing to
// follow a symbolic link out of it (os.Root).
type osImages struct{ dir string }

func (o osImages) open(name string) (fs.File, error) {
	dir := o.dir
	if dir == "" {
		dir = "."
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(filepath.FromSlash(name))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		// os.Root refuses absolute symbolic links, even to a file inside
		// the folder: follow them when they stay in it.
		if escapes(dir, name) {
			return nil, errOutside
		}
		if target, err2 := filepath.EvalSymlinks(filepath.Join(dir, filepath.FromSlash(name))); err2 == nil {
			return os.Open(target)
		}
	}
	return f, err
}

// escapes reports whether name, under dir, resolves (through symbolic
// links) to a file outside dir.
func escapes(dir, name string) bool {
	base, err1 := filepath.EvalSymlinks(dir)
	target, err2 := filepath.EvalSymlinks(filepath.Join(dir, filepath.FromSlash(name)))
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(base, target)
	return err != nil || !filepath.IsLocal(rel)
}

// fsImages opens images in a folder of an fs.FS (which has no way out).
type fsImages struct {
	fsys fs.FS
	dir  string
}

func (f fsImages) open(name string) (fs.File, error) { return f.fsys.Open(path.Join(f.dir, name)) }

// imagePath checks that p, an image path from a dataset, is relative and
// stays inside the dataset's folder, and returns it clean and
// slash-separated. Backslashes count as separators, as Windows users type
// them.
func imagePath(p string) (string, error) {
	s := strings.ReplaceAll(p, `\`, "/")
	if strings.HasPrefix(s, "/") || filepath.IsAbs(p) || len(s) >= 2 && s[1] == ':' {
		return "", errors.New("an absolute path")
	}
	s = path.Clean(s)
	if s == ".." || strings.HasPrefix(s, "../") {
		return "", errOutside
	}
	return s, nil
}

// OpenImage opens the image of persona p, relative to the dataset's folder.
func (d *Deck) OpenImage(p *Persona) (fs.File, error) {
	if p.Image == "" {
		return nil, fmt.Errorf("persona %q has no image", p.ID)
	}
	name, err := imagePath(p.Image)
	if err != nil {
		return nil, fmt.Errorf("image %q: %w", p.Image, err)
	}
	if d.images == nil {
		return nil, fmt.Errorf("image %q: the deck was not read from a file", p.Image)
	}
	return d.images.open(name)
}

// checkImages adds a problem for every image that is missing, unreadable,
// not PNG or JPEG, or outside the dataset's folder.
func checkImages(d *Deck, problems *diag.List) {
	for i := range d.Personas {
		ps := &d.Personas[i]
		if ps.Image == "" {
			continue
		}
		if msg, hint := checkImage(d, ps.Image); msg != "" {
			pos := ps.Where("image")
			problems.Add(diag.Problem{File: d.Source, Line: pos.Line, Column: pos.Column, Card: ps.ID, Field: "image", Msg: msg, Hint: hint})
		}
	}
}

const relHint = "give the path from the dataset's folder, such as images/photo.png, and keep the image in that folder or below"

func checkImage(d *Deck, img string) (msg, hint string) {
	name, err := imagePath(img)
	switch {
	case errors.Is(err, errOutside):
		return fmt.Sprintf("%q leads outside the dataset's folder", img), relHint
	case err != nil:
		return fmt.Sprintf("%q is %v", img, err), relHint
	case d.images == nil:
		return "", ""
	}
	f, err := d.images.open(name)
	switch {
	case errors.Is(err, errOutside):
		return fmt.Sprintf("%q leads outside the dataset's folder (through a symbolic link)", img), relHint
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("image %q not found", img), "check the spelling; the path is relative to the dataset's folder"
	case err != nil:
		return fmt.Sprintf("image %q cannot be opened: %v", img, unwrapPath(err)), ""
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return fmt.Sprintf("%q is a folder, not an image", img), "name a PNG or JPEG file"
	}
	if fi, err := f.Stat(); err == nil && fi.Size() > MaxImageBytes {
		return fmt.Sprintf("%q is %.1f MB, more than the %d MB an image may be", img, float64(fi.Size())/1e6, MaxImageBytes>>20),
			"save a smaller copy: 300 pixels per inch of card is plenty"
	}
	cfg, format, err := image.DecodeConfig(f)
	switch {
	case err == nil && float64(cfg.Width)*float64(cfg.Height) > MaxImagePixels:
		return fmt.Sprintf("%q is %d × %d pixels, more than the %.0f million an image may have", img, cfg.Width, cfg.Height, MaxImagePixels/1e6),
			"save a smaller copy: 300 pixels per inch of card is plenty"
	case err != nil:
		return fmt.Sprintf("%q is not a PNG or JPEG image", img), "save the picture as PNG or JPEG"
	case format != "png" && format != "jpeg":
		return fmt.Sprintf("%q is a %s image", img, strings.ToUpper(format)), "save the picture as PNG or JPEG"
	case cfg.Width <= 0 || cfg.Height <= 0:
		return fmt.Sprintf("%q is an empty image (%d × %d pixels)", img, cfg.Width, cfg.Height), ""
	}
	return "", ""
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
