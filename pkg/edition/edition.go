// Package edition reads a deck in the language asked for. A deck in several
// languages is one dataset file per language, side by side: personas.yaml
// in the deck's own language, personas.en.yaml for the English edition,
// personas.fr-CA.yaml… Every edition has the same personas (same ids, same
// order) and the same categories; only the words change. Teachers translate
// a whole file, in the format they know, and each file stays a complete
// deck that builds on its own.
package edition

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// Source is a dataset to read.
type Source struct {
	// Path is the dataset file, as the user names it; "" for the built-in
	// deck. Its other editions, and its pictures, are files beside it.
	Path string
	// Data is the file's bytes when the caller has them already (an
	// upload); nil to read Path.
	Data []byte
	// Format is the dataset's format; "" to go by Path's extension.
	Format string
	// FS, when not nil, is the folder the dataset is in, instead of the
	// file system (an upload's folder, on a server): Path is then the
	// dataset's slash-separated path in it, and messages name it so. Its
	// editions and pictures are read from FS, and nothing outside it.
	FS fs.FS
}

// Builtin reports whether src is the built-in deck.
func (src Source) Builtin() bool { return src.Path == "" && src.Data == nil }

// beside is the source of another file beside src (an edition).
func (src Source) beside(path string) Source {
	return Source{Path: path, Format: src.Format, FS: src.FS}
}

// Edition is a deck in the language asked for.
type Edition struct {
	*deck.Deck
	// Default reports whether this is the dataset's own language, which
	// output file names leave out.
	Default bool
}

// LanguageError says the language asked for is not a language, or one the
// deck has no edition in.
type LanguageError struct {
	Value string   // as asked for
	Have  []string // the deck's languages, its own first; nil when Value is no language tag
}

func (e *LanguageError) Error() string {
	if e.Have == nil {
		return fmt.Sprintf("%q is not a language tag: write fr, en, fr-CA, …", e.Value)
	}
	return fmt.Sprintf("the deck has no %s edition; it has: %s", e.Value, strings.Join(e.Have, ", "))
}

// Load reads the dataset src in the language lang: the closest edition
// (fr-CA and fr-BE give fr, en-GB en), or the dataset itself when lang is
// "". A language the deck lacks is a *LanguageError that lists the
// editions it has.
//
// When the dataset has problems but could be read as a deck, that deck is
// returned with them, so that the checks that need a deck (the font, the
// fitting) can still run and report their problems in the same pass; such
// a deck must not be printed.
func Load(src Source, lang string) (*Edition, error) {
	if src.Format != "" {
		if _, err := deck.ParseFormat(src.Format); err != nil {
			return nil, err
		}
	}
	base, err := read(src, "")
	if lang == "" || base == nil {
		return wrap(base, true), err
	}
	want, perr := language.Parse(lang)
	if perr != nil {
		return nil, &LanguageError{Value: lang}
	}
	files := Files(src)
	tags := []language.Tag{language.Make(base.Language)}
	names := []string{base.Language}
	for _, e := range files {
		tags = append(tags, e.Tag)
		names = append(names, e.Tag.String())
	}
	_, i, conf := language.NewMatcher(tags).Match(want)
	if conf < language.High {
		return nil, &LanguageError{Value: lang, Have: names}
	}
	if i == 0 {
		return wrap(base, true), err
	}
	if err != nil {
		// The edition is checked against a base that has problems of its
		// own: report those first.
		return nil, err
	}
	ed, err := read(src.beside(files[i-1].Path), files[i-1].embedded)
	if ed == nil {
		return nil, err
	}
	ed.Name = base.Name
	if merr := Compare(base, ed); merr != nil {
		err = join(err, merr)
	}
	return wrap(ed, false), err
}

// Read is one edition as All read it.
type Read struct {
	*Edition // nil when the file could not be read as a deck at all
	// Err is every problem of the edition's file, and of how it differs
	// from the dataset's own (Compare); when not nil, Edition is the deck
	// as far as it could be read, which must not be printed.
	Err error
}

// All reads the dataset src and every edition found beside it, its own
// first: what `cardgen validate` checks.
func All(src Source) []Read {
	if src.Format != "" {
		if _, err := deck.ParseFormat(src.Format); err != nil {
			return []Read{{Err: err}}
		}
	}
	base, err := read(src, "")
	out := []Read{{wrap(base, true), err}}
	for _, f := range Files(src) {
		ed, err := read(src.beside(f.Path), f.embedded)
		if ed != nil && base != nil {
			ed.Name = base.Name
			if merr := Compare(base, ed); merr != nil {
				err = join(err, merr)
			}
		}
		out = append(out, Read{wrap(ed, false), err})
	}
	return out
}

func wrap(d *deck.Deck, def bool) *Edition {
	if d == nil {
		return nil
	}
	return &Edition{Deck: d, Default: def}
}

// join adds b's problems to a's: one diag.List when both are lists.
func join(a, b error) error {
	var la, lb diag.List
	switch {
	case a == nil:
		return b
	case errors.As(a, &la) && errors.As(b, &lb):
		return append(slices.Clone(la), lb...).Unique().Err()
	}
	return errors.Join(a, b)
}

// read reads a dataset, or the embedded one (by name) when embedded is not
// "" or src is the built-in deck. A file that is not a regular one (a
// named pipe, a device, a folder) is refused before it is opened: opening
// a named pipe would wait for a writer.
func read(src Source, embedded string) (*deck.Deck, error) {
	if src.FS != nil && embedded == "" && src.Path != "" {
		return deck.ReadPartialFS(src.FS, src.Path, src.Data, src.Format)
	}
	if src.Data != nil {
		return deck.ReadPartial(src.Path, src.Data, src.Format)
	}
	if src.Path != "" {
		if err := regular(src.Path); err != nil {
			return nil, err
		}
		return deck.LoadPartial(src.Path, src.Format)
	}
	if embedded == "" {
		embedded = data.Default
	}
	b, err := fs.ReadFile(data.FS, embedded)
	if err != nil {
		return nil, err
	}
	// Name it as it stands in the repository, where a user can find it.
	return deck.Read("data/"+embedded, b, "yaml")
}

// regular checks that path is a regular file (or a link to one), saying
// what it is otherwise.
func regular(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return diag.List{{File: path, Msg: "cannot read the dataset: " + unwrapPath(err).Error(),
			Hint: "check the file's name and folder"}}
	}
	if fi.Mode().IsRegular() {
		return nil
	}
	return diag.List{{File: path, Msg: "this is " + kindOf(fi.Mode()) + ", not a dataset file",
		Hint: "give the path of a dataset file (.yaml, .json, .csv, .md)"}}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
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
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// File is another edition found beside a dataset.
type File struct {
	Path     string // its path; "" for an edition of the built-in deck
	embedded string // its name in data.FS, for the built-in deck
	Tag      language.Tag
}

// Files finds the other editions beside a dataset: <stem>.<lang><ext>,
// regular files only.
func Files(src Source) []File {
	var matches []string
	var stem, ext string
	switch {
	case src.Builtin():
		stem, ext = strings.TrimSuffix(data.Default, ".yaml"), ".yaml"
		matches, _ = fs.Glob(data.FS, stem+".*"+ext)
	case src.FS != nil:
		ext = path.Ext(src.Path)
		stem = strings.TrimSuffix(src.Path, ext)
		matches, _ = fs.Glob(src.FS, globEscape(stem, '/')+".*"+globEscape(ext, '/'))
	default:
		ext = filepath.Ext(src.Path)
		stem = strings.TrimSuffix(src.Path, ext)
		matches, _ = filepath.Glob(escapeGlob(stem) + ".*" + escapeGlob(ext))
	}
	slices.Sort(matches)
	var out []File
	for _, m := range matches {
		code := strings.TrimSuffix(strings.TrimPrefix(m, stem+"."), ext)
		tag, err := language.Parse(code)
		if err != nil || strings.Contains(code, ".") {
			continue
		}
		e := File{Tag: tag}
		switch {
		case src.Builtin():
			e.embedded = m
		case src.FS != nil:
			if fi, err := fs.Stat(src.FS, m); err != nil || !fi.Mode().IsRegular() {
				continue
			}
			e.Path = m
		default:
			if fi, err := os.Stat(m); err != nil || !fi.Mode().IsRegular() {
				continue
			}
			e.Path = m
		}
		out = append(out, e)
	}
	return out
}

// escapeGlob escapes the characters filepath.Match gives a meaning to.
func escapeGlob(s string) string { return globEscape(s, filepath.Separator) }

// globEscape escapes the characters a pattern of path.Match or
// filepath.Match gives a meaning to; with \\ for a separator there is no
// escape, and those characters stay as they are.
func globEscape(s string, separator rune) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) && separator != '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Languages lists the editions of the dataset src: its own language first,
// then the others found beside it, also when the dataset has problems. nil
// when it cannot be read as a deck at all.
func Languages(src Source) []string {
	base, _ := read(src, "")
	if base == nil {
		return nil
	}
	out := []string{base.Language}
	for _, e := range Files(src) {
		out = append(out, e.Tag.String())
	}
	return out
}
