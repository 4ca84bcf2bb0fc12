package build

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/face"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// TestFitProblemsAtTheirField: each field face can report is mapped, as a
// value, to where the dataset writes it: line and column, persona and field
// name, or the deck's title and the category's label, which belong to no
// persona.
func TestFitProblemsAtTheirField(t *testing.T) {
	t.Parallel()
	d, err := deck.LoadFile(filepath.Join("..", "..", "testdata", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	spec, err := LoadLayout("a4")
	if err != nil {
		t.Fatal(err)
	}
	ps := &d.Personas[0]
	fit := &textfit.FitError{Min: 7.5, Need: 20, Have: 10}
	at := func(p deck.Pos) [2]int { return [2]int{p.Line, p.Column} }
	for _, c := range []struct {
		field      face.Field
		card, name string
		pos        [2]int
	}{
		{face.Field{Part: face.Name}, "hao", "name", at(ps.Where("name"))},
		{face.Field{Part: face.Role}, "hao", "role", at(ps.Where("role"))},
		{face.Field{Part: face.Country}, "hao", "country", at(ps.Where("country"))},
		{face.Field{Part: face.Text}, "hao", "text", at(ps.Where("text"))},
		{face.Field{Part: face.Condition, Index: 2}, "hao", "conditions[2]", at(ps.Where("conditions[2]"))},
		{face.Field{Part: face.Conditions}, "hao", "conditions", at(ps.Where("conditions"))},
		{face.Field{Part: face.ConditionsAndImpact}, "hao", "conditions and impact", at(ps.Where("conditions"))},
		{face.Field{Part: face.Impact}, "hao", "impact", at(ps.Where("impact"))},
		{face.Field{Part: face.DeckTitle}, "", "title", at(d.Fields["title"])},
		{face.Field{Part: face.CommonTitle}, "", "title", at(d.Fields["title"])},
		{face.Field{Part: face.CategoryLabel}, "", "label", at(d.Category("extraction").Where("label"))},
		{face.Field{Part: face.CardNumber}, "hao", "card number", at(ps.Pos)},
	} {
		var problems diag.List
		addFitProblems(d, ps, spec, &face.FieldError{Card: "hao", Side: face.Front, Field: c.field, Err: fit}, &problems)
		if len(problems) != 1 {
			t.Fatalf("%v: %d problems", c.field, len(problems))
		}
		p := problems[0]
		if p.Card != c.card || p.Field != c.name || [2]int{p.Line, p.Column} != c.pos || p.Line == 0 {
			t.Errorf("%v: persona %q field %q at %d:%d; want %q %q at %v", c.field, p.Card, p.Field, p.Line, p.Column, c.card, c.name, c.pos)
		}
	}
	// The same holds whatever the field's words in messages: the mapping
	// reads the value, not its String.
	if s := (face.Field{Part: face.Condition, Index: 3}).String(); s != "conditions[3]" {
		t.Errorf("Condition 3 reads %q", s)
	}
}

// TestCountryFromCodeReportedAtCode: a country name made from the code is
// reported at the code, the only thing the teacher wrote.
func TestCountryFromCodeReportedAtCode(t *testing.T) {
	t.Parallel()
	d, err := deck.LoadFile(filepath.Join("..", "..", "testdata", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ps := &d.Personas[0]
	delete(ps.Fields, "country")
	ps.Country = ""
	spec, _ := LoadLayout("a4")
	var problems diag.List
	addFitProblems(d, ps, spec, &face.FieldError{Card: "hao", Field: face.Field{Part: face.Country}, Err: &textfit.FitError{Min: 7}}, &problems)
	if p := problems[0]; p.Field != "country_code" || p.Line != ps.Where("country_code").Line {
		t.Errorf("%v, want the country_code at line %d", p, ps.Where("country_code").Line)
	}
}

// TestCompositionProblemsEndToEnd: a word too long for any card in the
// second condition, and a category label too long for its band, are each
// reported once at their own line.
func TestCompositionProblemsEndToEnd(t *testing.T) {
	t.Parallel()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	d, err := deck.LoadFile(filepath.Join("..", "..", "testdata", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d.Personas[1].Conditions[1] = strings.Repeat("Anticonstitutionnellement", 4)
	d.Categories[0].Label = strings.Repeat("Extraction de matières premières ", 6)
	spec, _ := LoadLayout("a4")
	_, err = Compose(d, spec, fam)
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v", err)
	}
	want := map[string]int{
		"conditions[2]": d.Personas[1].Where("conditions[2]").Line,
		"label":         d.Categories[0].Where("label").Line,
	}
	for _, p := range list {
		if line, ok := want[p.Field]; !ok || p.Line != line {
			t.Errorf("unexpected problem %v", p)
		}
		delete(want, p.Field)
	}
	if len(want) > 0 {
		t.Errorf("missing problems for %v in:\n%v", want, err)
	}
}
