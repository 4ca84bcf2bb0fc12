package deck

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// MaxCopies is the largest number of copies of one card.
const MaxCopies = 1000

// Limits on what a dataset may ask for, so that a wrong file ends in a clear
// message rather than a machine swapping: far above any real deck (the
// default deck is 20 KB; 10,000 cards build in about 5 s).
const (
	MaxFileSize    = 16 << 20 // bytes of a dataset file
	MaxPersonas    = 20000    // personas in a deck
	MaxCards       = 50000    // cards to print, copies included
	MaxImageBytes  = 20 << 20 // bytes of an image file
	MaxImagePixels = 40e6     // pixels of an image (a 40-megapixel photo)
)

const copiesHint = "write a whole number from 1 to 1000, or leave it out for one copy"

func copiesMsg(what string) string { return "expected a number of copies, found " + what }

// FormatError says a format name is unknown: bad usage of --format.
type FormatError struct{ Msg string }

func (e *FormatError) Error() string { return e.Msg }

// Load reads the dataset at path. format is "yaml", "json", "csv" or "md",
// or "" to choose by the file's extension. Every problem found is returned
// at once as a diag.List; a deck is returned only when there is none.
func Load(path, format string) (*Deck, error) { return strict(LoadPartial(path, format)) }

// LoadPartial is Load, but when the file has problems and could still be
// read as a deck, that deck is returned with them, as far as it could be
// read: later checks (the font, the fitting) can then report their
// problems in the same pass. Such a deck must not be printed.
func LoadPartial(path, format string) (*Deck, error) {
	f, err := formatFor(path, format)
	if err != nil {
		return nil, err
	}
	data, err := ReadLimited(path, MaxFileSize)
	if err != nil {
		var big *TooBigError
		if errors.As(err, &big) {
			return nil, tooBig(path, big.Size)
		}
		return nil, fmt.Errorf("cannot read the dataset: %w", err)
	}
	dir := filepath.Dir(path)
	return read(path, data, f, osImages{dir: dir}, dir)
}

func tooBig(name string, size int64) error {
	return diag.List{{File: name, Msg: fmt.Sprintf("the file is %.1f MiB, more than the %d MiB a dataset may be", float64(size)/(1<<20), MaxFileSize>>20),
		Hint: "is it the right file? Split a very large deck into several files"}}
}

// LoadFile reads a dataset from the file system, in the format its
// extension names.
func LoadFile(name string) (*Deck, error) { return Load(name, "") }

// LoadFS reads a dataset from fsys (the embedded default deck), in the
// format its extension names. Images are read from fsys too.
func LoadFS(fsys fs.FS, name string) (*Deck, error) {
	f, err := formatFor(name, "")
	if err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the dataset: %w", err)
	}
	return strict(read(name, data, f, fsImages{fsys: fsys, dir: path.Dir(name)}, ""))
}

// Read reads a dataset from data. name is used in messages, to choose the
// format when format is "", for output file names and, for CSV and
// Markdown, for the deck's title when the file does not give one. Images
// are relative to name's folder on the file system.
func Read(name string, data []byte, format string) (*Deck, error) {
	return strict(ReadPartial(name, data, format))
}

// ReadPartial is Read, returning the deck as far as it could be read with
// its problems, as LoadPartial does.
func ReadPartial(name string, data []byte, format string) (*Deck, error) {
	f, err := formatFor(name, format)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(name)
	return read(name, data, f, osImages{dir: dir}, dir)
}

// Parse reads a YAML dataset. name is used in messages and for output file
// names. Every problem found is returned at once as a diag.List; a deck is
// returned only when there is none.
func Parse(name string, data []byte) (*Deck, error) { return Read(name, data, "yaml") }

// strict drops a deck that comes with problems.
func strict(d *Deck, err error) (*Deck, error) {
	if err != nil {
		return nil, err
	}
	return d, nil
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// notUTF8 locates the first byte of data that is not UTF-8.
func notUTF8(name string, data []byte) diag.Problem {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return diag.Problem{File: name, Line: line, Column: col,
				Msg:  fmt.Sprintf("the file is not UTF-8 text (byte 0x%02X)", data[i]),
				Hint: "save it with the UTF-8 encoding (most editors offer it in \"Save as\")"}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return diag.Problem{File: name, Msg: "the file is not UTF-8 text"}
}

// oneLine cleans s and joins its lines with single spaces.
func oneLine(s string) string {
	s = yamldoc.Clean(strings.ReplaceAll(s, "\r", "\n"))
	if !strings.Contains(s, "\n") {
		return s
	}
	var parts []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
}

// multiLine cleans s and removes its blank lines.
func multiLine(s string) string {
	s = yamldoc.Clean(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	if !strings.Contains(s, "\n\n") {
		return s
	}
	var parts []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, "\n")
}

// checkCounts enforces MaxCards, naming the persona whose copies go past it.
func checkCounts(d *Deck, problems *diag.List) {
	cards := 0
	for i := range d.Personas {
		if cards += d.Personas[i].Count(); cards > MaxCards {
			ps := &d.Personas[i]
			total := cards
			for _, p := range d.Personas[i+1:] {
				total += p.Count()
			}
			problems.Add(problemAt(d.Source, ps.Where("copies"), ps.ID, "copies",
				fmt.Sprintf("the copies add up to %d cards, more than the %d one build may print (this persona goes past it)", total, MaxCards),
				"lower the copies, or build the deck several times"))
			return
		}
	}
}

// TooBigError says a file is larger than it may be.
type TooBigError struct{ Size int64 }

func (e *TooBigError) Error() string { return fmt.Sprintf("%d bytes", e.Size) }

// ReadLimited reads at most max bytes of the file at path: a larger file,
// or an endless one (a device, a pipe), is a TooBigError rather than a
// process that fills the memory.
func ReadLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > max {
		return nil, &TooBigError{Size: fi.Size()}
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &TooBigError{Size: int64(len(data))}
	}
	return data, nil
}
