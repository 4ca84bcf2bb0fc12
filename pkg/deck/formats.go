package deck

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// format is one dataset format: a reader that turns a file into the
// common form (form.go), and a writer. A new format is a file with these
// two functions and one line in registry.
type format struct {
	name    string   // as --format names it
	aliases []string // other names --format takes
	exts    []string // file name endings, lower case
	// binary: a zip (a workbook), not text: no encoding to check.
	binary bool
	// decodes: the reader finds the text's encoding itself (CSV reads
	// Windows-1252 too).
	decodes bool
	read    func(name string, data []byte) (*source, diag.List)
	write   func(w io.Writer, d *Deck) error
}

// registry is every format, in the order messages list them.
var registry = []*format{
	{name: "yaml", aliases: []string{"yml"}, exts: []string{".yaml", ".yml"}, read: readYAML, write: exportYAML},
	{name: "json", exts: []string{".json"}, read: readJSON, write: exportJSON},
	{name: "csv", exts: []string{".csv"}, decodes: true, read: readCSV, write: exportCSV},
	{name: "md", aliases: []string{"markdown"}, exts: []string{".md", ".markdown"}, read: readMarkdown, write: exportMarkdown},
	{name: "xlsx", exts: []string{".xlsx"}, binary: true, read: readXLSX, write: exportXLSX},
	{name: "ods", exts: []string{".ods"}, binary: true, read: readODS, write: exportODS},
}

// Formats are the dataset formats, by the names Load, Read and Export take.
var Formats = func() []string {
	var out []string
	for _, f := range registry {
		out = append(out, f.name)
	}
	return out
}()

// Extensions are the file name endings of the dataset formats, with their dot.
var Extensions = func() []string {
	var out []string
	for _, f := range registry {
		out = append(out, f.exts...)
	}
	return out
}()

func formatNamed(name string) *format {
	for _, f := range registry {
		if f.name == name || contains(f.aliases, name) {
			return f
		}
	}
	return nil
}

// Binary reports whether a format is a binary file (a workbook) rather
// than text: it is not for a terminal.
func Binary(format string) bool {
	f := formatNamed(format)
	return f != nil && f.binary
}

// FormatOf returns the format that a file name's extension stands for
// (.yaml and .yml, .json, .csv, .md and .markdown, .xlsx, .ods), or "" for
// another one.
func FormatOf(name string) string {
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(name, `\`, "/")))
	for _, f := range registry {
		if contains(f.exts, ext) {
			return f.name
		}
	}
	return ""
}

// ParseFormat checks a format name as a user gives it (case does not
// matter; "yml" and "markdown" are accepted) and returns its canonical name.
func ParseFormat(name string) (string, error) {
	if f := formatNamed(strings.ToLower(strings.TrimSpace(name))); f != nil {
		return f.name, nil
	}
	all := strings.Join(Formats, ", ")
	msg := fmt.Sprintf("unknown format %s: the formats are %s", diag.Quote(name), all)
	if s := yamldoc.Suggest(strings.ToLower(strings.TrimSpace(name)), Formats); s != "" {
		msg = fmt.Sprintf("unknown format %s; did you mean %q? The formats are %s", diag.Quote(name), s, all)
	}
	return "", &FormatError{Msg: msg}
}

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
		what = fmt.Sprintf("ends in %s", diag.Quote(ext))
	}
	return "", diag.List{{File: name, Msg: "cannot tell the dataset's format: the file name " + what,
		Hint: "name the format with --format " + orList(Formats) + ", or rename the file to end in " + orList(Extensions)}}
}

// orList writes "a, b or c".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// maxReported is how many problems one file reports: past it, one more
// says how many were left out. A file with hundreds of thousands of bad
// cells would otherwise print as many lines.
const maxReported = 500

func read(name string, data []byte, formatName string, images imageOpener, dir string) (*Deck, error) {
	if len(data) > MaxFileSize {
		return nil, tooBig(name, int64(len(data)))
	}
	f := formatNamed(formatName)
	if f == nil {
		panic("deck: unknown format " + formatName)
	}
	var src *source
	var problems diag.List
	if !f.binary {
		data = bytes.TrimPrefix(data, bomUTF8)
	}
	switch {
	case !f.binary && (bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE)):
		problems.Add(diag.Problem{File: name, Msg: "the file is in UTF-16 (\"Unicode text\"), which cardgen does not read",
			Hint: "save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")"})
	case !f.binary && !f.decodes && !utf8.Valid(data):
		problems.Add(notUTF8(name, data))
	default:
		src, problems = f.read(name, data)
	}
	var d *Deck
	if src != nil {
		var more diag.List
		d, more = decode(name, src)
		problems = append(problems, more...)
	}
	if d != nil {
		d.Source, d.Name, d.Format, d.Dir, d.images = name, nameFromPath(name), f.name, dir, images
		d.starts = d.fieldStarts()
		checkCounts(d, &problems)
		Check(d, &problems)
		checkImages(d, &problems)
		d.placeCells(problems)
	}
	if src != nil && src.place != nil {
		src.place(problems)
	}
	if err := problems.Unique().Err(); err != nil {
		// d, when not nil, is the deck as far as it could be read: the
		// Partial loaders pass it on, the others drop it (strict).
		return d, capped(err.(diag.List))
	}
	return d, nil
}

// NotShown returns how many problems p stands for when it is the one that
// ends a list cut at the most a list shows ("and 200 more problems, not
// shown"), 0 for any other problem.
func NotShown(p diag.Problem) int {
	m := notShownRe.FindStringSubmatch(p.Msg)
	if m == nil || p.Line != 0 || p.Cell != "" {
		return 0
	}
	n, err := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
	if err != nil {
		return 0
	}
	return n
}

var notShownRe = regexp.MustCompile(`^and ([0-9,]+) more problems, not shown$`)

// capped keeps the first maxReported problems of a sorted list.
func capped(l diag.List) diag.List {
	if len(l) <= maxReported {
		return l
	}
	rest := len(l) - maxReported
	out := l[:maxReported:maxReported]
	return append(out, diag.Problem{File: l[0].File,
		Msg:  fmt.Sprintf("and %s more problems, not shown", diag.Count(rest)),
		Hint: "fix the ones above first: many problems of one kind often have one cause (a wrong separator, a column shifted)"})
}
