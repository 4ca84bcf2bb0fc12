package build

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// Options is what `cardgen build` is asked to do.
type Options struct {
	Data    string   // dataset path; "" for the embedded deck
	Layouts []string // built-in names or spec paths; empty for "a4"
	Out     string   // a .pdf path (one layout) or a directory; "" for "out"
	Epoch   string   // SOURCE_DATE_EPOCH
}

// Output describes one PDF written.
type Output struct {
	Path  string
	Spec  *layout.Spec
	Cards int
	Pages int
	Bytes int
}

// UsageError is a request that cannot be carried out as given.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Run builds every layout asked for. It loads and checks everything first,
// renders every PDF in memory, then writes them; on any error it writes nothing.
func Run(opts Options) ([]Output, error) {
	names := opts.Layouts
	if len(names) == 0 {
		names = []string{"a4"}
	}
	names = dedupe(names)
	out := opts.Out
	if out == "" {
		out = "out"
	}
	single := len(names) == 1 && strings.EqualFold(filepath.Ext(out), ".pdf")
	if len(names) > 1 && strings.EqualFold(filepath.Ext(out), ".pdf") {
		return nil, &UsageError{fmt.Sprintf("--out %s names one file, but %d layouts were asked for; give a directory instead", out, len(names))}
	}
	date, err := Date(opts.Epoch)
	if err != nil {
		return nil, err
	}
	fam, err := typeface.Default()
	if err != nil {
		return nil, fmt.Errorf("embedded font: %w", err)
	}
	d, err := LoadDeck(opts.Data)
	if err != nil {
		return nil, err
	}
	specs, err := loadLayouts(names)
	if err != nil {
		return nil, err
	}
	type job struct {
		path string
		out  Output
		pdf  []byte
	}
	var jobs []job
	for _, spec := range specs {
		cards, err := Compose(d, spec, fam)
		if err != nil {
			return nil, err
		}
		pdf, plan, err := Render(cards, fam, date)
		if err != nil {
			return nil, fmt.Errorf("layout %s: %w", spec.Name, err)
		}
		path := out
		if !single {
			path = filepath.Join(out, fmt.Sprintf("%s-%s.pdf", d.Name, deck.Slug(spec.Name)))
		}
		jobs = append(jobs, job{path, Output{Path: path, Spec: spec, Cards: len(d.Personas), Pages: len(plan.Pages), Bytes: len(pdf)}, pdf})
	}
	for i := range jobs {
		for j := range i {
			if filepath.Clean(jobs[i].path) == filepath.Clean(jobs[j].path) {
				return nil, &UsageError{fmt.Sprintf("layouts %s and %s would both write %s; give them different names", jobs[j].out.Spec.Name, jobs[i].out.Spec.Name, jobs[i].path)}
			}
		}
	}
	var outputs []Output
	for _, j := range jobs {
		if err := WriteFile(j.path, j.pdf); err != nil {
			return outputs, fmt.Errorf("cannot write %s: %w", j.path, err)
		}
		outputs = append(outputs, j.out)
	}
	return outputs, nil
}

// loadLayouts reads every layout, reporting all their problems together.
func loadLayouts(names []string) ([]*layout.Spec, error) {
	var specs []*layout.Spec
	var errs []error
	for _, n := range names {
		spec, err := LoadLayout(n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		specs = append(specs, spec)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	return specs, nil
}

func dedupe(names []string) []string {
	var out []string
	for _, n := range names {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
