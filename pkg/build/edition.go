package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
)

// A deck in several languages is one dataset file per language, side by
// side: personas.yaml in the deck's own language, personas.en.yaml for the
// English edition, personas.fr-CA.yaml… Every edition has the same personas
// (same ids, same order) and the same categories; only the words change.
// Teachers translate a whole file, in the format they know, and each file
// stays a complete deck that builds on its own.

// Edition is a deck in the language asked for.
type Edition struct {
	*deck.Deck
	// Default reports whether this is the dataset's own language, which
	// output file names leave out.
	Default bool
}

// LoadEdition reads the dataset at path (the embedded deck when path is "")
// in the language lang: the closest edition (fr-CA and fr-BE give fr, en-GB
// en), or the dataset itself when lang is "". A language the deck lacks is
// an error that lists the editions it has.
func LoadEdition(path, format, lang string) (*Edition, error) {
	if format != "" {
		if _, err := deck.ParseFormat(format); err != nil {
			return nil, err
		}
	}
	base, err := loadDataset(path, format, "")
	if err != nil {
		return nil, err
	}
	if lang == "" {
		return &Edition{Deck: base, Default: true}, nil
	}
	want, err := language.Parse(lang)
	if err != nil {
		return nil, &UsageError{fmt.Sprintf("--lang %q is not a language tag: write fr, en, fr-CA, …", lang)}
	}
	files := editionFiles(path)
	tags := []language.Tag{language.Make(base.Language)}
	names := []string{base.Language}
	for _, e := range files {
		tags = append(tags, e.tag)
		names = append(names, e.tag.String())
	}
	_, i, conf := language.NewMatcher(tags).Match(want)
	if conf < language.High {
		return nil, &UsageError{fmt.Sprintf("the deck has no %s edition; it has: %s", lang, strings.Join(names, ", "))}
	}
	if i == 0 {
		return &Edition{Deck: base, Default: true}, nil
	}
	ed, err := loadDataset(files[i-1].path, format, files[i-1].name)
	if err != nil {
		return nil, err
	}
	if err := sameDeck(base, ed); err != nil {
		return nil, err
	}
	ed.Name = base.Name
	return &Edition{Deck: ed}, nil
}

// loadDataset reads a dataset file, or the embedded one (by name) when path is "".
func loadDataset(path, format, embedded string) (*deck.Deck, error) {
	if path != "" {
		return deck.Load(path, format)
	}
	if embedded == "" {
		embedded = data.Default
	}
	src, err := fs.ReadFile(data.FS, embedded)
	if err != nil {
		return nil, err
	}
	// Name it as it stands in the repository, where a user can find it.
	return deck.Read("data/"+embedded, src, "yaml")
}

type editionFile struct {
	path, name string // a file path, or a name in the embedded FS
	tag        language.Tag
}

// editionFiles finds the other editions beside a dataset: <stem>.<lang><ext>.
func editionFiles(path string) []editionFile {
	var matches []string
	var stem, ext string
	if path == "" {
		stem, ext = strings.TrimSuffix(data.Default, ".yaml"), ".yaml"
		matches, _ = fs.Glob(data.FS, stem+".*"+ext)
	} else {
		ext = filepath.Ext(path)
		stem = strings.TrimSuffix(path, ext)
		matches, _ = filepath.Glob(stem + ".*" + ext)
	}
	slices.Sort(matches)
	var out []editionFile
	for _, m := range matches {
		code := strings.TrimSuffix(strings.TrimPrefix(m, stem+"."), ext)
		tag, err := language.Parse(code)
		if err != nil || strings.Contains(code, ".") {
			continue
		}
		e := editionFile{tag: tag}
		if path == "" {
			e.name = m
		} else if fi, err := os.Stat(m); err == nil && !fi.IsDir() {
			e.path = m
		} else {
			continue
		}
		out = append(out, e)
	}
	return out
}

// sameDeck checks that an edition has the personas and categories of the
// base deck, in the same order: a translation, not another deck.
func sameDeck(base, ed *deck.Deck) error {
	ids := func(d *deck.Deck) []string {
		var out []string
		for _, p := range d.Personas {
			out = append(out, p.ID)
		}
		return out
	}
	cats := func(d *deck.Deck) []string {
		var out []string
		for _, c := range d.Categories {
			out = append(out, c.ID)
		}
		return out
	}
	if a, b := ids(base), ids(ed); !slices.Equal(a, b) {
		return fmt.Errorf("%s: the %s edition's personas (%s) are not those of %s (%s): every edition has the same ids in the same order",
			ed.Source, ed.Language, strings.Join(b, ", "), base.Source, strings.Join(a, ", "))
	}
	if a, b := cats(base), cats(ed); !slices.Equal(a, b) {
		return fmt.Errorf("%s: the %s edition's categories (%s) are not those of %s (%s)",
			ed.Source, ed.Language, strings.Join(b, ", "), base.Source, strings.Join(a, ", "))
	}
	for i := range base.Personas {
		if b, e := base.Personas[i], ed.Personas[i]; b.Category != e.Category || b.CountryCode != e.CountryCode {
			return fmt.Errorf("%s: persona %q: the %s edition gives category %q and country %q, %s gives %q and %q",
				ed.Source, e.ID, ed.Language, e.Category, e.CountryCode, base.Source, b.Category, b.CountryCode)
		}
	}
	return nil
}

// Languages lists the editions of the dataset at path (the embedded deck
// when ""): its own language first, then the others found beside it.
func Languages(path string) []string {
	base, err := loadDataset(path, "", "")
	if err != nil {
		return nil
	}
	out := []string{base.Language}
	for _, e := range editionFiles(path) {
		out = append(out, e.tag.String())
	}
	return out
}
