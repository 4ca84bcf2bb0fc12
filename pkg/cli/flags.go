package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
)

// wordFlag is a flag whose value is parsed when it is given, by the parser
// of its type (layout.ParseFaces…): a bad value is a flag error, which Exit
// words with the flag's name.
type wordFlag[T any] struct {
	p     *T
	parse func(string) (T, error)
	text  string
	typ   string
}

func (f *wordFlag[T]) Set(s string) error {
	v, err := f.parse(s)
	if err != nil {
		return err
	}
	*f.p, f.text = v, s
	return nil
}

func (f *wordFlag[T]) String() string { return f.text }
func (f *wordFlag[T]) Type() string   { return f.typ }

// word registers a flag of a closed set of words, or of any value with its
// own parser.
func word[T any](fs *pflag.FlagSet, p *T, name, def, typ, usage string, parse func(string) (T, error)) {
	f := &wordFlag[T]{p: p, parse: parse, text: def, typ: typ}
	if def != "" {
		v, err := parse(def)
		if err != nil {
			panic(fmt.Sprintf("flag --%s: default %q: %v", name, def, err))
		}
		*p = v
	}
	fs.Var(f, name, usage)
}

// offsetFlag reads --back-offset X,Y into a point, nil until given.
func offsetFlag(fs *pflag.FlagSet, p **geom.Point, usage string) {
	word(fs, p, "back-offset", "", "X,Y", usage, func(s string) (*geom.Point, error) {
		o, err := app.ParseOffset(s)
		if err != nil {
			return nil, err
		}
		return &o, nil
	})
}

func duplexFlag(fs *pflag.FlagSet, p *layout.Duplex, usage string) {
	word(fs, p, "duplex", "", "edge", usage, layout.ParseDuplex)
}

func facesFlag(fs *pflag.FlagSet, p *layout.Faces, usage string) {
	word(fs, p, "faces", string(layout.BothFaces), "faces", usage, layout.ParseFaces)
}

// dataFlags are the flags of every command that reads a dataset.
type dataFlags struct {
	ds app.Dataset
}

// add registers the flags; the dataset's format flag is named formatFlag
// ("format", or "data-format" where --format names an output format).
func (d *dataFlags) add(f *pflag.FlagSet, formatFlag string) {
	f.StringVarP(&d.ds.Path, "data", "d", "", "dataset file: "+strings.Join(deck.Extensions, ", ")+" (default: the embedded deck)")
	f.StringVar(&d.ds.Format, formatFlag, "", "the dataset's format, when its extension does not say: "+strings.Join(deck.Formats, ", "))
	f.StringVar(&d.ds.Lang, "lang", "", "edition to use (fr, en, …): the file <name>.<lang>.<ext> beside the dataset (default: the dataset's own language)")
}

// selectFlags choose and order personas.
type selectFlags struct {
	sel deck.Selection
}

func (s *selectFlags) add(f *pflag.FlagSet) {
	f.StringSliceVar(&s.sel.Only, "only", nil, "only these persona ids, in this order (comma-separated)")
	f.StringSliceVar(&s.sel.Categories, "category", nil, "only personas of these categories, by id or label (comma-separated)")
	f.StringSliceVar(&s.sel.Tags, "tag", nil, "only personas with one of these tags (comma-separated)")
	f.StringSliceVar(&s.sel.Exclude, "exclude", nil, "leave out these persona ids (comma-separated)")
	word(f, &s.sel.Sort, "sort", "", "order", `order: deck (the dataset's), name (alphabetical in the deck's language), country or category; default: the order --only gives, else the deck's`, deck.ParseSort)
}

// warn writes warnings, each line prefixed "cardgen: warning: ".
func warn(w io.Writer, warnings diag.List) {
	for _, p := range warnings {
		fmt.Fprintln(w, "cardgen: warning: "+p.Error())
	}
}

// out is the --out flag's value and where the files go.
func place(out, dir string, exts []string, env Env) app.Place {
	return app.Place{Out: out, Dir: dir, Exts: exts, Stdout: env.Stdout}
}

// toStdout reports whether out is standard output ("-").
func toStdout(out string) bool { return strings.TrimSpace(out) == "-" }
