package app

import (
	"fmt"
	"os"
	"strings"

	"github.com/cardgen/cardgen/layouts"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// DefaultLayout is the layout of a build that names none.
const DefaultLayout = "a4"

// LoadLayout reads a built-in layout by name, or a layout file by path: a
// name with a folder in it (./mine.yaml) or ending in .yaml or .yml. An
// unknown name is an *OptionError that lists the built-in layouts.
func LoadLayout(nameOrPath string) (*layout.Spec, error) {
	file := strings.ContainsAny(nameOrPath, `/\`) || strings.HasSuffix(nameOrPath, ".yaml") || strings.HasSuffix(nameOrPath, ".yml")
	if _, ok := layouts.File(nameOrPath); ok && !file {
		return layout.Builtin(nameOrPath)
	}
	if file {
		return layout.LoadFile(nameOrPath)
	}
	msg := "unknown layout"
	if s := yamldoc.Suggest(nameOrPath, layouts.Names()); s != "" {
		msg += fmt.Sprintf(": did you mean %q? The built-in layouts are", s)
	} else {
		msg += "; the built-in layouts are"
	}
	msg += fmt.Sprintf(" %s, or give the path of a layout file (.yaml)", strings.Join(layouts.Names(), ", "))
	return nil, invalid(OptLayout, nameOrPath, msg)
}

// loadLayouts reads every layout, reporting all their problems together;
// the layouts that did load come back too, so that the deck can still be
// checked against them.
func loadLayouts(names []string) ([]*layout.Spec, error) {
	var specs []*layout.Spec
	var errs []error
	for _, n := range unique(names) {
		spec, err := LoadLayout(n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		specs = append(specs, spec)
	}
	return specs, joinErrors(errs...)
}

// LayoutInfo describes a built-in layout, for a list to choose from.
type LayoutInfo struct {
	Name        string
	Description string // the spec's own, in English
	Paper       layout.Paper
	Card        layout.Size
	PerSheet    int
	// Kind is "duplex" (a double-sided printer), "fold" (single-sided,
	// fold and glue) or "print-shop" (one face per page, TrimBox).
	Kind   string
	Duplex layout.Duplex
	Spec   *layout.Spec
}

// Layouts lists the built-in layouts, by name.
func Layouts() ([]LayoutInfo, error) {
	var out []LayoutInfo
	for _, name := range layouts.Names() {
		s, err := layout.Builtin(name)
		if err != nil {
			return nil, err
		}
		kind := "duplex"
		switch {
		case s.Folded():
			kind = "fold"
		case s.TrimBox:
			kind = "print-shop"
		}
		out = append(out, LayoutInfo{Name: name, Description: s.Description, Paper: s.Paper, Card: s.Card,
			PerSheet: s.PerSheet(), Kind: kind, Duplex: s.Duplex, Spec: s})
	}
	return out, nil
}

// ShowLayout returns a layout resolved (its bases merged, every default
// written out) as a layout file, under the comment its own file starts
// with: a file to copy and edit.
func ShowLayout(nameOrPath string) ([]byte, error) {
	s, err := LoadLayout(nameOrPath)
	if err != nil {
		return nil, err
	}
	var data []byte
	if s.FromFile {
		data, err = os.ReadFile(s.Source)
	} else {
		data, err = layouts.FS.ReadFile(s.Source)
	}
	if err != nil {
		return nil, err
	}
	return s.YAML(layout.LeadingComment(data)), nil
}
