package deck

import (
	"bytes"
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

// Formats are the dataset formats, by the names Load, Read and Export take.
var Formats = []string{"yaml", "json", "csv", "md"}

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

// FormatOf returns the format that a file name's extension stands for
// (.yaml and .yml, .json, .csv, .md and .markdown), or "" for another one.
func FormatOf(name string) string {
	switch strings.ToLower(path.Ext(strings.ReplaceAll(name, `\`, "/"))) {
	case ".yaml", ".yml":
		return "yaml"
	case ".json":
		return "json"
	case ".csv":
		return "csv"
	case ".md", ".markdown":
		return "md"
	}
	return ""
}

// ParseFormat checks a format name as a user gives it (case does not
// matter; "yml" and "markdown" are accepted) and returns its canonical name.
func ParseFormat(format string) (string, error) {
	f := strings.ToLower(strings.TrimSpace(format))
	switch f {
	case "yml":
		f = "yaml"
	case "markdown":
		f = "md"
	}
	for _, known := range Formats {
		if f == known {
			return f, nil
		}
	}
	msg := fmt.Sprintf("unknown format %q: the formats are %s", format, strings.Join(Formats, ", "))
	if s := yamldoc.Suggest(f, Formats); s != "" {
		msg = fmt.Sprintf("unknown format %q; did you mean %q? The formats are %s", format, s, strings.Join(Formats, ", "))
	}
	return "", &FormatError{Msg: msg}
}

// FormatError says a format name is unknown: bad usage of --format.
type FormatError struct{ Msg string }

func (e *FormatError) Error() string { return e.Msg }

// formatFor returns format checked, or the format of name's extension when
// format is "".
func formatFor(name, format string) (string, error) {
	if format != "" {
		return ParseFormat(format)
	}
	if f := FormatOf(name); f != "" {
		return f, nil
	}
	ext := path.Ext(strings.ReplaceAll(name, `\`, "/"))
	what := "has no extension"
	if ext != "" {
		what = fmt.Sprintf("ends in %q", ext)
	}
	return "", diag.List{{File: name, Msg: "cannot tell the dataset's format: the file name " + what,
		Hint: "name the format with --format yaml, json, csv or md, or rename the file to end in .yaml, .yml, .json, .csv, .md or .markdown"}}
}

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
	return diag.List{{File: name, Msg: fmt.Sprintf("the file is %.1f MB, more than the %d MB a dataset may be", float64(size)/1e6, MaxFileSize>>20),
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

func read(name string, data []byte, format string, images imageOpener, dir string) (*Deck, error) {
	if len(data) > MaxFileSize {
		return nil, tooBig(name, int64(len(data)))
	}
	data = bytes.TrimPrefix(data, bomUTF8)
	var d *Deck
	var problems diag.List
	switch {
	case bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE):
		problems.Add(diag.Problem{File: name, Line: 1, Msg: "the file is in UTF-16 (\"Unicode text\"), which cardgen does not read",
			Hint: "save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")"})
	case format == "csv":
		d, problems = parseCSV(name, data)
	case !utf8.Valid(data):
		problems.Add(notUTF8(name, data))
	case format == "yaml":
		d, problems = parseYAML(name, data)
	case format == "json":
		d, problems = parseJSON(name, data)
	case format == "md":
		d, problems = parseMarkdown(name, data)
	default:
		panic("deck: unknown format " + format)
	}
	if d != nil {
		d.Source, d.Name, d.Format, d.Dir, d.images = name, nameFromPath(name), format, dir, images
		normalise(d)
		checkCounts(d, &problems)
		Check(d, &problems)
		checkImages(d, &problems)
		for i, p := range problems {
			if ref := d.Cell(Pos{p.Line, p.Column}); ref != "" {
				problems[i].Msg = "cell " + ref + ": " + p.Msg
			}
		}
	}
	if err := problems.Err(); err != nil {
		return d, err // d, when not nil, is the deck as far as it could be read
	}
	return d, nil
}

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

// normalise applies the rules every format shares: text in NFC with the
// spaces at line ends and outer blank lines removed (yamldoc.Clean); in
// one-line fields (names, roles, ids, …) each line break becomes a space;
// in text and impact, blank lines go. Nothing else is rewritten.
func normalise(d *Deck) {
	d.Title = oneLine(d.Title)
	d.Language = oneLine(d.Language)
	d.Author = oneLine(d.Author)
	for i := range d.Categories {
		c := &d.Categories[i]
		c.ID, c.Label = oneLine(c.ID), oneLine(c.Label)
	}
	for i := range d.Personas {
		p := &d.Personas[i]
		for _, s := range []*string{&p.ID, &p.Name, &p.Role, &p.Country, &p.CountryCode, &p.Category, &p.Image} {
			*s = oneLine(*s)
		}
		p.Text, p.Impact = multiLine(p.Text), multiLine(p.Impact)
		for j := range p.Conditions {
			p.Conditions[j] = oneLine(p.Conditions[j])
		}
		for j := range p.Tags {
			p.Tags[j] = oneLine(p.Tags[j])
		}
	}
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

// checkCounts enforces MaxPersonas and MaxCards.
func checkCounts(d *Deck, problems *diag.List) {
	if len(d.Personas) > MaxPersonas {
		problems.Add(diag.Problem{File: d.Source, Field: "personas",
			Msg:  fmt.Sprintf("%d personas, more than the %d a deck may have", len(d.Personas), MaxPersonas),
			Hint: "split the deck into several files"})
		return
	}
	cards := 0
	for i := range d.Personas {
		cards += d.Personas[i].Count()
	}
	if cards > MaxCards {
		problems.Add(diag.Problem{File: d.Source, Field: "copies",
			Msg:  fmt.Sprintf("the copies add up to %d cards, more than the %d one build may print", cards, MaxCards),
			Hint: "lower the copies, or build the deck several times"})
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
