package deck_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cardgen/cardgen/internal/testenv"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// Hostile inputs: each reader takes time in proportion to its input and
// says what is wrong, where. The sizes here took seconds to minutes (or
// all the memory) before; each must now take well under one.

// within fails t when read takes more than limit of processor time (the
// tests that call it do not run in parallel, so that the time is theirs).
func within(t *testing.T, limit time.Duration, read func() (*deck.Deck, error)) (*deck.Deck, error) {
	t.Helper()
	start, clock := testenv.CPUTime(), time.Now()
	d, err := read()
	if took := testenv.CPUTime() - start; took > testenv.Limit(limit) {
		t.Errorf("took %v of processor time (%v on the clock), more than %v", took, time.Since(clock), limit)
	}
	return d, err
}

func problemList(t *testing.T, err error) diag.List {
	t.Helper()
	var l diag.List
	if !errors.As(err, &l) || len(l) == 0 {
		t.Fatalf("error is not a list of problems: %v", err)
	}
	return l
}

const yamlHead = "deck: {title: T, language: fr}\ncategories: [{id: c, label: C, color: \"#1D6A80\"}]\npersonas:\n"

// A 1 MB text anchored once and referenced by 3,000 personas: 3 GB once
// expanded. Refused at the alias where it goes past 16 MiB.
func TestYAMLAliasedText(t *testing.T) {
	var b strings.Builder
	b.WriteString(yamlHead)
	b.WriteString("  - {id: p0, name: N, role: R, country_code: FR, category: c, conditions: [X], text: &t " + strings.Repeat("a", 1<<20) + "}\n")
	for i := 1; i <= 3000; i++ {
		fmt.Fprintf(&b, "  - {id: p%d, name: N, role: R, country_code: FR, category: c, conditions: [X], text: *t}\n", i)
	}
	_, err := within(t, 900*time.Millisecond, func() (*deck.Deck, error) { return deck.Read("alias.yaml", []byte(b.String()), "yaml") })
	l := problemList(t, err)
	// The 16th alias goes past 16 MiB: on line 4+16.
	if len(l) != 1 || l[0].Line != 20 || !strings.Contains(l[0].Msg, "*t") {
		t.Errorf("problems: %v", l)
	}
}

// One anchored list of 100,000 conditions referenced 20,000 times.
func TestYAMLAliasedList(t *testing.T) {
	var b strings.Builder
	b.WriteString(yamlHead)
	b.WriteString("  - {id: p0, name: N, role: R, country_code: FR, category: c, text: T, conditions: &l [")
	for i := range 100000 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("x")
	}
	b.WriteString("]}\n")
	for i := 1; i <= 20000; i++ {
		fmt.Fprintf(&b, "  - {id: p%d, name: N, role: R, country_code: FR, category: c, text: T, conditions: *l}\n", i)
	}
	_, err := within(t, 900*time.Millisecond, func() (*deck.Deck, error) { return deck.Read("alias.yaml", []byte(b.String()), "yaml") })
	if l := problemList(t, err); len(l) != 1 || l[0].Line < 5 || !strings.Contains(l[0].Msg, "alias") {
		t.Errorf("problems: %v", l)
	}
}

// Aliased personas are counted as the expanded document has them: the
// persona past MaxPersonas is named at its alias's line.
func TestYAMLAliasedPersonas(t *testing.T) {
	var b strings.Builder
	b.WriteString(yamlHead)
	b.WriteString("  - &p {id: p, name: N, role: R, country_code: FR, category: c, text: T, conditions: [X]}\n")
	for range deck.MaxPersonas + 10 {
		b.WriteString("  - *p\n")
	}
	_, err := within(t, 900*time.Millisecond, func() (*deck.Deck, error) { return deck.Read("many.yaml", []byte(b.String()), "yaml") })
	var found bool
	for _, p := range problemList(t, err) {
		found = found || p.Field == "personas" && p.Line == 4+deck.MaxPersonas && strings.Contains(p.Msg, "more than the 20,000")
	}
	if !found {
		t.Errorf("no problem at the 20,001st persona, line %d: %.500v", 4+deck.MaxPersonas, err)
	}
}

// 2,000 personas minified onto one line of JSON: 15.5 s before.
func TestJSONOneLine(t *testing.T) {
	type persona struct {
		ID          string   `json:"id"`
		Name        string   `json:"name"`
		Role        string   `json:"role"`
		CountryCode string   `json:"country_code"`
		Category    string   `json:"category"`
		Text        string   `json:"text"`
		Conditions  []string `json:"conditions"`
	}
	var ps []persona
	for i := range 2000 {
		ps = append(ps, persona{fmt.Sprint("p", i), "Nom é", "Rôle", "FR", "c", strings.Repeat("Un texte assez long. ", 10), []string{"A", "B", "C"}})
	}
	src, _ := json.Marshal(map[string]any{
		"deck":       map[string]string{"title": "T", "language": "fr"},
		"categories": []map[string]string{{"id": "c", "label": "C", "color": "#1D6A80"}},
		"personas":   ps,
	})
	if bytes.Count(src, []byte("\n")) != 0 {
		t.Fatal("not on one line")
	}
	// A mistake at the very end, so that its column must be counted.
	src = bytes.Replace(src, []byte(`"p1999","name"`), []byte(`"p1999","nmae"`), 1)
	_, err := within(t, 900*time.Millisecond, func() (*deck.Deck, error) { return deck.Read("one.json", src, "json") })
	l := problemList(t, err)
	want := bytes.Index(src, []byte(`"nmae"`)) + 1 // ASCII up to there? No: count characters.
	want = len([]rune(string(src[:want-1]))) + 1
	if l[0].Line != 1 || l[0].Column != want || l[0].Field != "nmae" {
		t.Errorf("problem %v, want it at 1:%d", l[0], want)
	}
}

const csvHead = "nom;rôle;pays;texte;conditions;catégorie\n"

// One row of 100,000 cells: 12 s before (and 400,000, past two minutes:
// the time grew as the square of the cells); the problems are reported
// once per row and capped.
func TestCSVWideRows(t *testing.T) {
	const n = 100_000
	row := "Ana;Mineuse;Chili;Je travaille.;Dur;mine" + strings.Repeat(";x", n)
	_, err := within(t, 900*time.Millisecond, func() (*deck.Deck, error) { return deck.Read("wide.csv", []byte(csvHead+row+"\n"), "csv") })
	l := problemList(t, err)
	if len(l) != 11 || !strings.Contains(l[0].Msg, "without a header") || l[0].Cell != "G2" || !strings.Contains(l[10].Msg, fmt.Sprintf("and %s more cells", diag.Count(n-10))) {
		t.Errorf("%d cells: %d problems: %.300v", n, len(l), l)
	}
	// A header of as many unknown columns.
	header := strings.TrimSuffix(csvHead, "\n") + strings.Repeat(";colonne", n)
	_, err = within(t, 900*time.Millisecond, func() (*deck.Deck, error) {
		return deck.Read("wide.csv", []byte(header+"\nAna;Mineuse;Chili;Je travaille.;Dur;mine\n"), "csv")
	})
	if l := problemList(t, err); len(l) != 11 || !strings.Contains(l[10].Msg, fmt.Sprintf("and %s more columns", diag.Count(n-10))) {
		t.Errorf("%d unknown columns: %d problems, the last %v", n, len(l), l[len(l)-1])
	}
}

// 5,000 rows each naming a new category: 80 to 300 s before. A deck has
// at most MaxCategories; past it, one problem at the first cell too many.
func TestCSVManyCategories(t *testing.T) {
	var b strings.Builder
	b.WriteString(csvHead)
	for i := range 5000 {
		fmt.Fprintf(&b, "P%d;R;France;T;C;%s\n", i, word(i))
	}
	_, err := within(t, 900*time.Millisecond, func() (*deck.Deck, error) { return deck.Read("cats.csv", []byte(b.String()), "csv") })
	l := problemList(t, err)
	if len(l) != 1 || l[0].Cell != fmt.Sprintf("F%d", deck.MaxCategories+2) || !strings.Contains(l[0].Msg, "more than the 100") {
		t.Errorf("problems: %.500v", l)
	}
	// 100 are fine.
	b.Reset()
	b.WriteString(csvHead)
	for i := range 99 {
		fmt.Fprintf(&b, "P%d;R;France;T;C;%s\n", i, word(i))
	}
	if _, err := deck.Read("cats.csv", []byte(b.String()), "csv"); err != nil {
		t.Errorf("99 categories and the default: %.300v", err)
	}
}

// word makes a name far from the names of other numbers: not a typo of one.
func word(i int) string {
	h := sha256.Sum256([]byte(fmt.Sprint(i)))
	return "Cat " + hex.EncodeToString(h[:6])
}

// 10,000 personas, each with a control character in its text: every one
// is located in its own field, in linear time.
func TestManyControlCharacters(t *testing.T) {
	var b strings.Builder
	b.WriteString(yamlHead)
	for i := range 10000 {
		fmt.Fprintf(&b, "  - {id: p%d, name: N, role: R, country_code: FR, category: c, conditions: [X], text: \"a\\x07b\"}\n", i)
	}
	_, err := within(t, 900*time.Millisecond, func() (*deck.Deck, error) { return deck.Read("ctl.yaml", []byte(b.String()), "yaml") })
	if l := problemList(t, err); len(l) != 501 || l[0].Line != 4 {
		t.Errorf("%d problems, first %v", len(l), l[0])
	}
}

// A NUL byte in a YAML dataset is reported with its line and column.
func TestYAMLNul(t *testing.T) {
	t.Parallel()
	src := yamlHead + "  - {id: p, name: N\x00, role: R, country_code: FR, category: c, text: T, conditions: [X]}\n"
	_, err := deck.Read("nul.yaml", []byte(src), "yaml")
	if l := problemList(t, err); l[0].Line != 4 || l[0].Column != 20 || !strings.Contains(l[0].Msg, "NUL") {
		t.Errorf("problems: %v", l)
	}
}

// A second YAML document is refused, naming its line, even when broken.
func TestYAMLSecondDocument(t *testing.T) {
	t.Parallel()
	src := yamlHead + "  - {id: p, name: N, role: R, country_code: FR, category: c, text: T, conditions: [X]}\n---\npersonas: [{broken\n"
	_, err := deck.Read("two.yaml", []byte(src), "yaml")
	if l := problemList(t, err); l[0].Line != 5 || !strings.Contains(l[0].Msg, "second YAML document") {
		t.Errorf("problems: %v", l)
	}
}

// CSV export writes a cell that a spreadsheet would run as a formula with
// an apostrophe before it; reading it back gives the value.
func TestCSVInjection(t *testing.T) {
	t.Parallel()
	values := []string{"=HYPERLINK(\"http://x\")", "+33 6 12", "-20 % de salaire", "@SUM(A1)", "'=déjà protégé", "''+deux", "'apostrophe", "normal"}
	d := &deck.Deck{Title: "=titre", Language: "fr", Categories: []deck.Category{{ID: "c", Label: "@label", Color: deck.RGB{R: 0x1D, G: 0x6A, B: 0x80}}}}
	for i, v := range values {
		d.Personas = append(d.Personas, deck.Persona{ID: fmt.Sprint("p", i), Name: v, Role: v, Country: "France", CountryCode: "FR",
			Category: "c", Text: v, Conditions: []string{v, "x"}, Tags: []string{v}})
	}
	var buf bytes.Buffer
	if err := deck.Export(&buf, d, "csv"); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(buf.String(), "\r\n") {
		for _, c := range strings.Split(line, ";") {
			c = strings.TrimPrefix(c, `"`)
			if c != "" && strings.IndexByte("=+-@", c[0]) >= 0 {
				t.Errorf("a cell starts with %q: %s", c[0], line)
			}
		}
	}
	back, err := deck.Read("x.csv", buf.Bytes(), "csv")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, content(d), content(back))
}

// A UTF-8 CSV with one row in Windows-1252 names that row rather than
// reading the whole file as Windows-1252.
func TestCSVOneBadRow(t *testing.T) {
	t.Parallel()
	src := csvHead + "Léa;Enseignante;France;Je prépare.;Stress;\n\"Zoé\n\";R;France;T;C;\nRen\xe9;R;France;T;C;\n"
	_, err := deck.Read("mixed.csv", []byte(src), "csv")
	l := problemList(t, err)
	if len(l) != 1 || !strings.Contains(l[0].Msg, "row 4 is not valid UTF-8") || l[0].Line != 5 || l[0].Column != 4 {
		t.Errorf("problems: %v", l)
	}
}

// A message never repeats a huge value whole.
func TestHugeValuesCut(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("Pays imaginaire ", 100_000)
	src := csvHead + "Ana;R;" + huge + ";T;C;\n"
	_, err := deck.Read("huge.csv", []byte(src), "csv")
	if len(err.Error()) > 1000 || !strings.Contains(err.Error(), "characters)") {
		t.Errorf("message of %d bytes: %.300s", len(err.Error()), err)
	}
	src = yamlHead + "  - {id: p, name: N, role: R, country_code: FR, category: c, text: T, conditions: [X], copies: \"" + huge + "\"}\n"
	_, err = deck.Read("huge.yaml", []byte(src), "yaml")
	if len(err.Error()) > 1000 {
		t.Errorf("message of %d bytes: %.300s", len(err.Error()), err)
	}
}
