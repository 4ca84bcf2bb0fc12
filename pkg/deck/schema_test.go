package deck

import (
	"archive/zip"
	"bytes"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/data"
)

// A field is one entry of the schema: its names, kind and place are
// nowhere else. Swapping the entry for impact for one named "aftermath"
// (French "conséquences") changes every reader and writer of every format
// at once, and nothing else needs to know. Not parallel: it swaps the
// package's schema for its duration.
func TestOneEntryPerField(t *testing.T) {
	d, err := LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	BuiltinCategories() // read with the real schema, once
	saved, savedNames := personaSchema, personaNames
	defer func() { personaSchema, personaNames = saved, savedNames }()
	personaSchema = slices.Clone(saved)
	i := slices.IndexFunc(personaSchema, func(f field[Persona]) bool { return f.name == "impact" })
	personaSchema[i] = field[Persona]{name: "aftermath", french: []string{"conséquences"}, kind: kindText, noun: "the aftermath",
		str: func(p *Persona) *string { return &p.Impact }}
	personaNames = indexOf(personaSchema)

	want := map[string]string{"yaml": "aftermath:", "json": `"aftermath":`, "csv": "conséquences", "md": "Conséquences :",
		"xlsx": "conséquences", "ods": "<text:p>conséquences</text:p>"}
	for _, format := range Formats {
		var buf bytes.Buffer
		if err := Export(&buf, d, format); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		text := buf.String()
		switch format {
		case "xlsx":
			text = zipText(t, buf.Bytes(), "xl/sharedStrings.xml")
		case "ods":
			text = zipText(t, buf.Bytes(), "content.xml")
		case "yaml":
			// The header's comments speak of the usual fields.
			text = text[strings.Index(text, "\ndeck:"):]
		}
		if !strings.Contains(text, want[format]) || strings.Contains(strings.ToLower(text), "impact") {
			t.Errorf("%s: no %q, or still impact", format, want[format])
		}
		back, err := Read("back."+format, buf.Bytes(), "")
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		for j := range d.Personas {
			if a, b := d.Personas[j].Impact, back.Personas[j].Impact; a != b {
				t.Errorf("%s: %s: %q, want %q", format, d.Personas[j].ID, b, a)
			}
		}
	}
	// The old name is now unknown, with the new one suggested.
	src := "deck: {title: T, language: fr}\ncategories: [{id: c, label: C, color: \"#1D6A80\"}]\n" +
		"personas:\n  - {id: a, name: A, role: R, country_code: FR, category: c, text: T, conditions: [X], impact: I}\n"
	if _, err := Read("old.yaml", []byte(src), ""); err == nil || !strings.Contains(err.Error(), `field "impact": unknown field`) {
		t.Errorf("impact: %v", err)
	}
	if _, err := Read("new.csv", []byte("nom;rôle;pays;texte;conditions;conséquences\nA;R;France;T;C;I\n"), ""); err != nil {
		t.Errorf("a CSV with a conséquences column: %v", err)
	}
}

// Every field of the schema can be written and read back in every
// format, with the values a field of its kind takes: nothing about a
// field is left to a format to know.
func TestEveryFieldEveryFormat(t *testing.T) {
	t.Parallel()
	p := Persona{}
	for i := range personaSchema {
		f := &personaSchema[i]
		switch f.kind {
		case kindLine:
			*f.str(&p) = "Valeur de " + f.name
		case kindText:
			*f.str(&p) = "Première ligne de " + f.name + "\nseconde"
		case kindList, kindTags:
			*f.list(&p) = []string{"un " + f.name, "deux"}
		case kindCopies:
			*f.num(&p) = 7
		}
	}
	p.ID, p.Country, p.CountryCode, p.Category, p.Image = "valeur", "Chili", "CL", "c", ""
	d := &Deck{Title: "T", Language: "fr", Author: "A", Categories: []Category{{ID: "c", Label: "C", Color: RGB{0x1D, 0x6A, 0x80}}}, Personas: []Persona{p}}
	for _, format := range Formats {
		var buf bytes.Buffer
		if err := Export(&buf, d, format); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		back, err := Read("every."+format, buf.Bytes(), "")
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		got := back.Personas[0]
		got.Pos, got.Fields = Pos{}, nil
		if !reflect.DeepEqual(got, p) || back.Author != "A" {
			t.Errorf("%s:\n got %#v\nwant %#v", format, got, p)
		}
	}
}

func zipText(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			defer rc.Close()
			s, _ := io.ReadAll(rc)
			return string(s)
		}
	}
	return ""
}
