package deck_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

func TestDefaultDeck(t *testing.T) {
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Les visages cachés de l'IA" || d.Language != "fr" || d.Name != "personas" {
		t.Errorf("deck = %q %q %q", d.Title, d.Language, d.Name)
	}
	if len(d.Personas) != 20 || len(d.Categories) != 7 {
		t.Fatalf("%d personas, %d categories; want 20 and 7", len(d.Personas), len(d.Categories))
	}
	want := []struct{ id, name, code, category string }{
		{"hao", "Hao", "CN", "extraction"},
		{"koffi", "Koffi", "CD", "extraction"},
		{"fabrice", "Fabrice", "FR", "infrastructure"},
		{"kim", "Kim", "KR", "creation"},
		{"walter", "Walter", "GB", "creation"},
		{"li-wei", "Li Wei", "CN", "clickwork"},
		{"maria-luz", "Maria Luz", "PH", "moderation"},
	}
	byID := map[string]deck.Persona{}
	impacts := 0
	for _, p := range d.Personas {
		byID[p.ID] = p
		if p.Impact != "" {
			impacts++
		}
		if len(p.Conditions) == 0 || p.Text == "" || p.Role == "" || p.Country == "" {
			t.Errorf("%s: a field is empty", p.ID)
		}
		if d.Category(p.Category) == nil {
			t.Errorf("%s: unknown category %q", p.ID, p.Category)
		}
	}
	for _, w := range want {
		p, ok := byID[w.id]
		if !ok || p.Name != w.name || p.CountryCode != w.code || p.Category != w.category {
			t.Errorf("%s = %+v", w.id, p)
		}
	}
	if impacts != 10 {
		t.Errorf("%d personas have an impact note, the source has 10", impacts)
	}
	// The source's slips are fixed, its words kept.
	carlos := byID["carlos"]
	if !strings.Contains(carlos.Text, "mis à l'écart") || strings.Contains(strings.Join(carlos.Conditions, " "), "=") {
		t.Errorf("carlos: slips not fixed: %q %q", carlos.Text, carlos.Conditions)
	}
	// Positions: every field knows its line.
	hao := byID["hao"]
	if hao.Where("role").Line == 0 || hao.Where("conditions[2]").Line != hao.Where("conditions[1]").Line+1 {
		t.Errorf("positions: %v", hao.Fields)
	}
}

const valid = `deck:
  title: Test
  language: fr
categories:
  - id: mine
    label: Mines
    color: "#8A4B14"
personas:
  - id: ana
    name: Ana
    role: Mineuse
    country: Chili
    country_code: CL
    category: mine
    text: Je travaille.
    conditions:
      - Dur
`

// problems parses src and returns the problems as "line field: message" strings.
func problems(t *testing.T, src string) []diag.Problem {
	t.Helper()
	_, err := deck.Parse("test.yaml", []byte(src))
	if err == nil {
		return nil
	}
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("error is not a diag.List: %v", err)
	}
	return l
}

func TestParseValid(t *testing.T) {
	if p := problems(t, valid); p != nil {
		t.Fatalf("valid deck: %v", diag.List(p))
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(string) string
		line    int
		card    string
		field   string
		message string
	}{
		{"unknown field", func(s string) string { return strings.Replace(s, "conditions:", "conditons:", 1) }, 16, "ana", "conditons", `did you mean "conditions"`},
		{"missing role", func(s string) string { return strings.Replace(s, "    role: Mineuse\n", "", 1) }, 9, "ana", "role", "missing"},
		{"empty name", func(s string) string { return strings.Replace(s, "name: Ana", "name: \"  \"", 1) }, 10, "ana", "name", "empty"},
		{"bad country code", func(s string) string { return strings.Replace(s, "CL", "XX", 1) }, 13, "ana", "country_code", "ISO 3166-1"},
		{"unknown category", func(s string) string { return strings.Replace(s, "category: mine", "category: mina", 1) }, 14, "ana", "category", `did you mean "mine"`},
		{"bad colour", func(s string) string { return strings.Replace(s, "#8A4B14", "#8A4B1", 1) }, 7, "", "color", "#RRGGBB"},
		{"conditions not a list", func(s string) string { return strings.Replace(s, "conditions:\n      - Dur", "conditions: Dur", 1) }, 16, "ana", "conditions", "expected a list"},
		{"bad id", func(s string) string { return strings.Replace(s, "id: ana", "id: Ana Maria", 1) }, 9, "Ana Maria", "id", `"ana-maria"`},
		{"syntax", func(s string) string { return strings.Replace(s, "text: Je travaille.", "text: Je: travaille: [", 1) }, 0, "", "", "YAML syntax"},
		{"no personas", func(s string) string { return s[:strings.Index(s, "personas:")] }, 1, "", "personas", "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := problems(t, tt.edit(valid))
			if len(ps) == 0 {
				t.Fatal("no problem reported")
			}
			p := ps[0]
			if tt.line != 0 && p.Line != tt.line || p.Card != tt.card || p.Field != tt.field || !strings.Contains(p.Error(), tt.message) {
				t.Errorf("got %q (line %d, card %q, field %q); want line %d, card %q, field %q, message containing %q",
					p.Error(), p.Line, p.Card, p.Field, tt.line, tt.card, tt.field, tt.message)
			}
			if !strings.HasPrefix(p.Error(), "test.yaml:") {
				t.Errorf("%q does not start with the file name", p.Error())
			}
		})
	}
}

// TestParseAllProblemsAtOnce checks that one pass reports every problem.
func TestParseAllProblemsAtOnce(t *testing.T) {
	src := valid + `  - id: ana
    name: Ana bis
    rol: Mineuse
    country: Chili
    country_code: QQ
    category: nope
    text: Je travaille.
    conditions: []
`
	ps := problems(t, src)
	var got []string
	for _, p := range ps {
		got = append(got, p.Field)
	}
	want := []string{"id", "rol", "conditions", "category", "country_code"}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("no problem on field %q; got %q", w, got)
		}
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Line < ps[i-1].Line {
			t.Errorf("problems not in line order: %v", diag.List(ps))
		}
	}
}

func TestNormalisation(t *testing.T) {
	// "é" as e + combining acute becomes one code point (NFC); spaces left
	// at line ends by spreadsheets go.
	src := strings.Replace(valid, "text: Je travaille.", "text: \"Je travaille  \\nici e\\u0301te\\u0301   \"", 1)
	d, err := deck.Parse("n.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Personas[0].Text; got != "Je travaille\nici été" {
		t.Errorf("text = %q", got)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Li Wei": "li-wei", "Maria Luz": "maria-luz", "Hélène": "helene", "  Ça va ?! ": "ca-va",
		// Letters that do not decompose into a base letter and marks keep
		// their sound, not nothing.
		"Æsa": "aesa", "Łukasz": "lukasz", "Øyvind": "oyvind", "Straße": "strasse", "Đorđe": "dorde", "Œuvre": "oeuvre",
		"Þóra Ðís": "thora-dis", "Ħal": "hal", "Kırıkkale": "kirikkale", "Ŋaŋ": "ngang", "Ĳssel": "ijssel", "Ŧ": "t",
		"Nguyễn Thị Đào": "nguyen-thi-dao", "Ǿrsted": "orsted", "ﬁn": "fin", "İzmir": "izmir", "Əliyev": "aliyev", "Kɔfi Ɛsi": "kofi-esi"} {
		if got := deck.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	def, _ := data.FS.ReadFile(data.Default)
	f.Add(def)
	f.Add([]byte(valid))
	f.Add([]byte("deck: [\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := deck.Parse("fuzz.yaml", src)
		if (d == nil) == (err == nil) {
			t.Fatalf("Parse returned deck %v and error %v", d != nil, err)
		}
		if d != nil && len(d.Personas) == 0 {
			t.Fatal("a deck with no persona was accepted")
		}
	})
}

// A table without ids makes them from the names, letters kept.
func TestIDsFromNames(t *testing.T) {
	t.Parallel()
	src := "nom;rôle;pays;texte;conditions\nÆsa;Mineuse;Norvège;Je…;Froid\nŁukasz;Coursier;Pologne;Je…;Pluie\nĐorđe;Modérateur;Serbie;Je…;Écrans\n"
	d, err := deck.Read("ids.csv", []byte(src), "csv")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range d.Personas {
		ids = append(ids, p.ID)
	}
	if got := strings.Join(ids, " "); got != "aesa lukasz dorde" {
		t.Errorf("ids = %s, want aesa lukasz dorde", got)
	}
	// Two personas of the same name: the name is the problem, and the
	// hint says where an id of its own goes.
	_, err = deck.Read("twice.csv", []byte(src+"Łukasz;Livreur;Pologne;Je…;Nuit\n"), "csv")
	if want := `twice.csv:5:1: persona "lukasz": cell A5 (column "nom"): a second persona named "Łukasz" (the first is in cell A3): the id made from the name, "lukasz", is used twice; give this one an id of its own, in a column "identifiant" (such as lukasz-2)`; err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// A value written after a key without quotes and starting with # is a
// comment to YAML, and the value empty: the message says to quote it,
// for a colour, an optional field (left empty silently before) and an
// item of a list.
func TestValueTakenForAComment(t *testing.T) {
	t.Parallel()
	src := strings.Replace(valid, `color: "#8A4B14"`, "color: #8A4B14", 1)
	src = strings.Replace(src, "    text: Je travaille.\n", "    text: Je travaille.\n    impact:  #IA  pour tous\n    tags:\n      - #climat\n", 1)
	got := diag.List(problems(t, src)).Error()
	for _, want := range []string{
		`test.yaml:7:12: field "color": empty: YAML reads the # and what follows it as a comment; write color: "#8A4B14", in quotes`,
		`test.yaml:16:14: persona "ana": field "impact": empty: YAML reads the # and what follows it as a comment; write impact: "#IA  pour tous", in quotes`,
		`test.yaml:18:9: persona "ana": field "tags[1]": empty: YAML reads the # and what follows it as a comment; write - "#climat", in quotes`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s\ngot:\n%s", want, got)
		}
	}
}

// A built-in category that a table names is placed where the table names
// it, never where the embedded deck defines it.
func TestBuiltinCategoryPlace(t *testing.T) {
	t.Parallel()
	d, err := deck.Read("b.csv", []byte("nom;rôle;pays;texte;conditions;catégorie\nAna;Mineuse;Chili;Je creuse.;Dur;extraction\n"), "csv")
	if err != nil {
		t.Fatal(err)
	}
	c := d.Category("extraction")
	for _, f := range []string{"id", "label", "color"} {
		if p := c.Where(f); p.Cell != "F2" {
			t.Errorf("%s at %v, want F2", f, p)
		}
	}
}
