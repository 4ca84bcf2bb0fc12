package deck

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // image.DecodeConfig reads JPEG
	_ "image/png"  // and PNG
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/cardgen/cardgen/pkg/diag"
)

// Limits on pictures besides MaxImageBytes and MaxImagePixels, checked on
// the header before a picture is decoded, so that decoding it takes bounded
// time and memory.
const (
	// MaxImageAspect is how many times its shorter side a picture's longer
	// side may be: beyond, it would print as a thin line on any card.
	MaxImageAspect = 20
	// MaxImageMemory is the memory, in bytes, that decoding a picture may
	// take: that of a 40-megapixel photo at 4 bytes a pixel. Pictures that
	// take more a pixel (16 bits a channel, interlaced PNG, progressive or
	// CMYK JPEG) may have fewer pixels.
	MaxImageMemory = 160_000_000
)

// imageOpener opens a file given by a clean, slash-separated path relative
// to the dataset's folder.
type imageOpener interface {
	open(name string) (fs.File, error)
}

// errOutside says a path leads outside the dataset's folder.
var errOutside = errors.New("the path leads outside the dataset's folder")

// notRegularError says a path names something other than a regular file:
// a folder, a named pipe, a device, a socket. Such a file is never opened
// (reading a named pipe would wait for a writer forever).
type notRegularError struct{ mode fs.FileMode }

func (e *notRegularError) Error() string { return "it is " + fileKind(e.mode) }

// fileKind says what a file that is not a regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "a special file"
}

// osImages opens images under a folder of the file system. The folder and
// the image's path are both resolved through their symbolic links, from
// absolute paths, so that a link inside the folder to a file inside it is
// followed whether the folder was given as a relative or an absolute path,
// and a link out of it is refused. Only regular files are opened.
type osImages struct{ dir string }

func (o osImages) open(name string) (fs.File, error) {
	dir := o.dir
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	base, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	target, err := filepath.EvalSymlinks(filepath.Join(base, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(base, target)
	if err != nil || !filepath.IsLocal(rel) {
		return nil, errOutside
	}
	fi, err := os.Stat(target)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &notRegularError{fi.Mode()}
	}
	// Open through os.Root, which refuses to leave the folder even if a link
	// was changed meanwhile, without waiting should the file have become a
	// named pipe since; and check again what was opened.
	root, err := os.OpenRoot(base)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.OpenFile(rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, err
		}
		return nil, &notRegularError{fi.Mode()}
	}
	return f, nil
}

// fsImages opens images in a folder of an fs.FS (which has no way out).
type fsImages struct {
	fsys fs.FS
	dir  string
}

func (f fsImages) open(name string) (fs.File, error) {
	file, err := f.fsys.Open(path.Join(f.dir, name))
	if err != nil {
		return nil, err
	}
	if fi, err := file.Stat(); err != nil || !fi.Mode().IsRegular() {
		file.Close()
		if err != nil {
			return nil, err
		}
		return nil, &notRegularError{fi.Mode()}
	}
	return file, nil
}

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

// ImageKey returns the path by which persona p's picture is known: clean
// and relative to the dataset's folder, the same for every spelling of it
// (a.png, ./a.png, sub/../a.png), so that it is read and decoded once. It
// returns "" when p has no picture or its path is not one cardgen accepts.
func ImageKey(p *Persona) string {
	if p.Image == "" {
		return ""
	}
	key, err := imagePath(p.Image)
	if err != nil {
		return ""
	}
	return key
}

// ImageError is a problem with a persona's picture, said for a teacher.
type ImageError struct {
	Image string // the path as the dataset writes it
	Msg   string // what is wrong, naming the picture
	Hint  string // what to do; may be ""
	Err   error  // the cause, when there is one
}

func (e *ImageError) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + "; " + e.Hint
}

func (e *ImageError) Unwrap() error { return e.Err }

// ImageHeader is what a picture's header says, read before decoding it.
type ImageHeader struct {
	Format        string // "png" or "jpeg"
	Width, Height int
	// Decoded is how many bytes decoding the picture takes, estimated from
	// how the Go decoders store what the header describes (an upper bound
	// within a few kilobytes).
	Decoded int64
	// Storage says what makes a pixel cost more than 4 bytes, for messages
	// ("16 bits a channel", "progressive JPEG"), or "".
	Storage string
}

// Image is a persona's picture, read and checked against every limit.
type Image struct {
	Key    string // see ImageKey
	Data   []byte // the file's bytes
	Header ImageHeader
}

// ReadImage reads the picture of persona p and checks it as loading the
// deck does (see checkImages): a regular file in the dataset's folder or
// below, PNG or JPEG, within MaxImageBytes, MaxImagePixels, MaxImageAspect
// and MaxImageMemory. The header is checked on the very bytes returned,
// so that what is decoded is what was checked. Problems are *ImageError.
func (d *Deck) ReadImage(p *Persona) (*Image, error) {
	key, f, err := d.openImage(p.Image)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxImageBytes+1))
	if err != nil {
		return nil, &ImageError{Image: p.Image, Msg: fmt.Sprintf("image %q cannot be read: %v", p.Image, unwrapPath(err)), Err: err}
	}
	if len(data) > MaxImageBytes {
		return nil, tooLargeFile(p.Image, int64(len(data)))
	}
	h, err := checkHeader(p.Image, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return &Image{Key: key, Data: data, Header: h}, nil
}

// OpenImage opens the image of persona p, relative to the dataset's folder.
// It opens regular files only.
func (d *Deck) OpenImage(p *Persona) (fs.File, error) {
	if p.Image == "" {
		return nil, fmt.Errorf("persona %q has no image", p.ID)
	}
	_, f, err := d.openImage(p.Image)
	return f, err
}

const relHint = "give the path from the dataset's folder, such as images/photo.png, and keep the image in that folder or below"

// openImage opens the picture img names, or says why not.
func (d *Deck) openImage(img string) (string, fs.File, error) {
	problem := func(msg, hint string, err error) (string, fs.File, error) {
		return "", nil, &ImageError{Image: img, Msg: msg, Hint: hint, Err: err}
	}
	name, err := imagePath(img)
	switch {
	case errors.Is(err, errOutside):
		return problem(fmt.Sprintf("%q leads outside the dataset's folder", img), relHint, err)
	case err != nil:
		return problem(fmt.Sprintf("%q is %v", img, err), relHint, err)
	case d.images == nil:
		return problem(fmt.Sprintf("image %q: the deck was not read from a file", img), "", nil)
	}
	f, err := d.images.open(name)
	var nr *notRegularError
	switch {
	case err == nil:
		return name, f, nil
	case errors.Is(err, errOutside):
		return problem(fmt.Sprintf("%q leads outside the dataset's folder (through a symbolic link)", img), relHint, err)
	case errors.Is(err, fs.ErrNotExist):
		return problem(fmt.Sprintf("image %q not found", img), "check the spelling; the path is relative to the dataset's folder", err)
	case errors.As(err, &nr) && nr.mode.IsDir():
		return problem(fmt.Sprintf("%q is a folder, not an image", img), "name a PNG or JPEG file", err)
	case errors.As(err, &nr):
		return problem(fmt.Sprintf("%q is %s, not an image file", img, fileKind(nr.mode)), "name a PNG or JPEG file saved in the dataset's folder", err)
	}
	return problem(fmt.Sprintf("image %q cannot be opened: %v", img, unwrapPath(err)), "", err)
}

func tooLargeFile(img string, size int64) error {
	return &ImageError{Image: img, Msg: fmt.Sprintf("%q is %.1f MB, more than the %d MB an image may be", img, float64(size)/1e6, MaxImageBytes>>20),
		Hint: "save a smaller copy: 300 pixels per inch of card is plenty"}
}

// checkImages adds a problem for every image that is missing, unreadable,
// not a regular file, not PNG or JPEG, outside the dataset's folder, or
// beyond a limit. Each picture is read once, whatever the number of
// personas that show it and the spellings of its path.
func checkImages(d *Deck, problems *diag.List) {
	seen := map[string]*ImageError{}
	for i := range d.Personas {
		ps := &d.Personas[i]
		if ps.Image == "" {
			continue
		}
		key, cached := ImageKey(ps), false
		var ie *ImageError
		if key != "" {
			ie, cached = seen[key]
		}
		if !cached {
			ie = checkImage(d, ps.Image)
			if key != "" {
				seen[key] = ie
			}
		}
		if ie != nil {
			msg := ie.Msg
			if ie.Image != ps.Image {
				// The same picture, spelt otherwise: name it as this persona does.
				msg = strings.Replace(msg, fmt.Sprintf("%q", ie.Image), fmt.Sprintf("%q", ps.Image), 1)
			}
			pos := ps.Where("image")
			problems.Add(diag.Problem{File: d.Source, Line: pos.Line, Column: pos.Column, Card: ps.ID, Field: "image", Msg: msg, Hint: ie.Hint})
			if errors.Is(ie.Err, fs.ErrNotExist) {
				problems.MarkLast(diag.CodeMissingPicture)
			}
		}
	}
}

// checkImage checks one picture from its header, without decoding it.
func checkImage(d *Deck, img string) *ImageError {
	if d.images == nil {
		// A deck built in code: only the path can be checked.
		if _, err := imagePath(img); err == nil {
			return nil
		}
	}
	_, f, err := d.openImage(img)
	if err == nil {
		defer f.Close()
		if fi, serr := f.Stat(); serr == nil && fi.Size() > MaxImageBytes {
			err = tooLargeFile(img, fi.Size())
		} else {
			_, err = checkHeader(img, io.LimitReader(f, MaxImageBytes))
		}
	}
	var ie *ImageError
	if errors.As(err, &ie) {
		return ie
	}
	if err != nil {
		return &ImageError{Image: img, Msg: err.Error(), Err: err}
	}
	return nil
}

const smallerHint = "save a smaller copy, such as 3,000 pixels on its longer side: 300 pixels per inch of card is plenty"

// checkHeader reads a picture's header from r and checks it against the
// limits. It reads no further than the header.
func checkHeader(img string, r io.Reader) (ImageHeader, error) {
	h, err := ReadImageHeader(r)
	problem := func(msg, hint string) (ImageHeader, error) {
		return h, &ImageError{Image: img, Msg: msg, Hint: hint, Err: err}
	}
	switch {
	case errors.Is(err, errNotImage):
		return problem(fmt.Sprintf("%q is not a PNG or JPEG image", img), "save the picture as PNG or JPEG")
	case err != nil && h.Format != "":
		return problem(fmt.Sprintf("%q is a %s image that cannot be read: %v", img, strings.ToUpper(h.Format), err), "open it in an image editor and save it again as PNG or JPEG")
	case err != nil:
		return problem(fmt.Sprintf("%q is a %s image", img, strings.ToUpper(strings.TrimPrefix(err.Error(), "format "))), "save the picture as PNG or JPEG")
	case h.Width <= 0 || h.Height <= 0:
		return problem(fmt.Sprintf("%q is an empty image (%d × %d pixels)", img, h.Width, h.Height), "")
	case float64(h.Width)*float64(h.Height) > MaxImagePixels:
		return problem(fmt.Sprintf("%q is %d × %d pixels, more than the %.0f million an image may have", img, h.Width, h.Height, MaxImagePixels/1e6),
			"save a smaller copy: 300 pixels per inch of card is plenty")
	case max(h.Width, h.Height) > MaxImageAspect*min(h.Width, h.Height):
		return problem(fmt.Sprintf("%q is %d × %d pixels: a picture more than %d times as wide as it is high, or as high as it is wide, would print as a thin line",
			img, h.Width, h.Height, MaxImageAspect), "crop it to what matters, closer to the proportions of a card")
	case h.Decoded > MaxImageMemory:
		how := ""
		if h.Storage != "" {
			how = ", " + h.Storage
		}
		return problem(fmt.Sprintf("%q would take %d MB of memory to decode (%d × %d pixels%s), more than the %d MB a picture may take",
			img, (h.Decoded+500_000)/1_000_000, h.Width, h.Height, how, MaxImageMemory/1_000_000), smallerHint)
	}
	return h, nil
}

// errNotImage says a file is not in a format Go can read.
var errNotImage = errors.New("not a PNG or JPEG image")

// ReadImageHeader reads the header of a PNG or JPEG picture from r, with
// image.DecodeConfig, and estimates the memory that decoding it takes. It
// reads the header only, however large the picture claims to be. A picture
// in another format Go reads gives an error "format <name>".
func ReadImageHeader(r io.Reader) (ImageHeader, error) {
	var head bytes.Buffer
	cfg, format, err := image.DecodeConfig(io.TeeReader(r, &head))
	if errors.Is(err, image.ErrFormat) {
		return ImageHeader{}, errNotImage
	}
	h := ImageHeader{Format: format, Width: cfg.Width, Height: cfg.Height}
	if err != nil {
		return h, err
	}
	switch format {
	case "png":
		err = pngCost(&h, head.Bytes())
	case "jpeg":
		err = jpegCost(&h, head.Bytes(), cfg.ColorModel)
	default:
		return ImageHeader{}, fmt.Errorf("format %s", format)
	}
	return h, err
}

// pngCost estimates what image/png allocates: the image (1 to 8 bytes a
// pixel by colour type and depth; RGB is stored as RGBA) and, for an
// interlaced picture, as much again for the passes; two rows besides.
func pngCost(h *ImageHeader, head []byte) error {
	// Signature (8), IHDR length and type (8), width, height (8), depth,
	// colour type, compression, filter, interlace.
	if len(head) < 29 {
		return errors.New("truncated header")
	}
	depth, colorType, interlaced := int64(head[24]), head[25], head[28] == 1
	var bpp int64 // bytes a pixel as decoded
	switch colorType {
	case 0: // grey
		bpp = max(1, depth/8)
	case 3: // palette
		bpp = 1
	case 2, 6: // RGB (stored as RGBA), RGBA
		bpp = 4 * max(1, depth/8)
	case 4: // grey and alpha (stored as NRGBA)
		bpp = 4 * max(1, depth/8)
	default:
		return fmt.Errorf("colour type %d", colorType)
	}
	px := int64(h.Width) * int64(h.Height)
	h.Decoded = px*bpp + 2*(int64(h.Width)*bpp+1)
	var storage []string
	if depth == 16 {
		storage = append(storage, "16 bits a channel")
	}
	if interlaced {
		h.Decoded += px * bpp
		storage = append(storage, "interlaced")
	}
	h.Storage = strings.Join(storage, ", ")
	return nil
}

// jpegCost estimates what image/jpeg allocates, from the frame header: each
// component at its sampling (1 byte a sample); for a progressive picture,
// 4 bytes a sample more for its coefficients; for CMYK, or RGB stored
// without colour transform (which DecodeConfig reports as RGBA), a second
// image of 4 bytes a pixel that it is converted into.
func jpegCost(h *ImageHeader, head []byte, model color.Model) error {
	// Walk the segments up to the frame header (SOFn), which DecodeConfig
	// has read.
	i := 2
	for i+4 <= len(head) {
		if head[i] != 0xFF {
			return errors.New("bad segment")
		}
		marker := head[i+1]
		if marker == 0xFF {
			i++ // fill byte
			continue
		}
		n := int(binary.BigEndian.Uint16(head[i+2:]))
		if marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC {
			return sofCost(h, marker, head[i+4:max(i+4, min(len(head), i+2+n))], model == color.RGBAModel)
		}
		i += 2 + n
	}
	return errors.New("no frame header")
}

func sofCost(h *ImageHeader, marker byte, sof []byte, rgb bool) error {
	if len(sof) < 6 || sof[5] == 0 || len(sof) < 6+3*int(sof[5]) {
		return errors.New("truncated frame header")
	}
	comps := sof[6 : 6+3*int(sof[5])] // id, sampling (H<<4 | V), table
	var hMax, vMax int64 = 1, 1
	for c := 0; c < len(comps); c += 3 {
		hMax, vMax = max(hMax, int64(comps[c+1]>>4)), max(vMax, int64(comps[c+1]&0x0F))
	}
	// Samples over all components, each component's blocks rounded up to
	// whole MCUs, as the decoder allocates them.
	w, ht := int64(h.Width), int64(h.Height)
	mcuW, mcuH := (w+8*hMax-1)/(8*hMax), (ht+8*vMax-1)/(8*vMax)
	var samples int64
	for c := 0; c < len(comps); c += 3 {
		samples += (mcuW * int64(comps[c+1]>>4) * 8) * (mcuH * int64(comps[c+1]&0x0F) * 8)
	}
	h.Decoded = samples
	var storage []string
	if marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE {
		h.Decoded += 4 * samples
		storage = append(storage, "progressive JPEG")
	}
	if len(comps) == 12 || rgb {
		h.Decoded += 4 * w * ht
		if len(comps) == 12 {
			storage = append(storage, "CMYK")
		}
	}
	h.Storage = strings.Join(storage, ", ")
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
