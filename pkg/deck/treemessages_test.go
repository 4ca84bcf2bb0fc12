package deck_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
)

// treeDeck is a one-persona YAML deck whose persona's category is cat.
func treeDeck(cat string) string {
	return "deck: {title: T, language: fr}\n" +
		"categories:\n  - {id: clickwork, label: Travail du clic, color: \"#5B2C83\"}\n  - {id: extraction, label: Extraction de matières premières, color: \"#8A4B14\"}\n" +
		"personas:\n  - id: a\n    name: A\n    role: R\n    country_code: FR\n    category: " + cat + "\n    text: T\n    conditions: [X]\n"
}

// TestTreeCategoryLabels: a YAML or JSON persona may name its category by
// its label, in any case, with or without accents, as a spreadsheet and
// --category may; a near miss gets a "did you mean" with the name it is
// near, label or id.
func TestTreeCategoryLabels(t *testing.T) {
	t.Parallel()
	for _, cat := range []string{"clickwork", "Travail du clic", "travail du clic", "TRAVAIL DU CLIC", "travail-du-clic", "Extraction de matieres premieres"} {
		for _, format := range []string{"yaml", "json"} {
			src := treeDeck(fmt.Sprintf("%q", cat))
			if format == "json" {
				d, err := deck.Read("t.yaml", []byte(src), "")
				if err != nil {
					t.Fatalf("%q: %v", cat, err)
				}
				var b strings.Builder
				if err := deck.Export(&b, d, "json"); err != nil {
					t.Fatal(err)
				}
				src = strings.Replace(b.String(), `"category": "`+d.Personas[0].Category+`"`, fmt.Sprintf(`"category": %q`, cat), 1)
			}
			d, err := deck.Read("t."+format, []byte(src), "")
			if err != nil {
				t.Errorf("%s %q: %v", format, cat, err)
				continue
			}
			want := "clickwork"
			if strings.HasPrefix(cat, "Extraction") {
				want = "extraction"
			}
			if got := d.Personas[0].Category; got != want {
				t.Errorf("%s %q: category %q; want %q", format, cat, got, want)
			}
		}
	}
	for cat, want := range map[string]string{
		"Travail du clik": `field "category": unknown category "Travail du clik"; did you mean "Travail du clic"?`,
		"clikwork":        `field "category": unknown category "clikwork"; did you mean "clickwork"?`,
		"moderation":      `field "category": unknown category "moderation"; the categories are clickwork (Travail du clic), extraction (Extraction de matières premières): write an id or a label`,
	} {
		_, err := deck.Read("t.yaml", []byte(treeDeck(cat)), "")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v; want %q", cat, err, want)
		}
	}
}

// TestTreeEmptyRequired: an empty required field of a YAML or JSON deck
// says what to write, as a spreadsheet's cell does, and never to remove a
// field the deck cannot do without.
func TestTreeEmptyRequired(t *testing.T) {
	t.Parallel()
	fields := map[string]string{
		"title":        "write the deck's title",
		"language":     "write the deck's language, such as fr or en",
		"id":           "write the persona's id, such as maria-luz",
		"name":         "write the persona's name",
		"role":         "write the persona's role",
		"country_code": "write the country's two-letter ISO code, such as FR",
		"category":     "write the category: its id or its label",
		"text":         "write the persona's text",
		"conditions":   `write the working conditions, one "- item" per line`,
	}
	for field, want := range fields {
		src := treeDeck("clickwork")
		switch field {
		case "title", "language":
			src = strings.Replace(src, "{title: T, language: fr}", map[string]string{"title": "{title: \"\", language: fr}", "language": "{title: T, language: }"}[field], 1)
		case "conditions":
			src = strings.Replace(src, "conditions: [X]", "conditions:", 1)
		case "id":
			src = strings.Replace(src, "- id: a", "- id: \"\"", 1)
		default:
			src = strings.Replace(src, "    "+field+": ", "    "+field+": \"\" # ", 1)
		}
		_, err := deck.Read("t.yaml", []byte(src), "")
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("field %q: empty; %s", field, want)) || strings.Contains(err.Error(), "remove") {
			t.Errorf("empty %s: %v; want %q", field, err, want)
		}
	}
	// JSON says the same.
	src := `{"deck": {"title": "T", "language": "fr"}, "categories": [{"id": "c", "label": "C", "color": "#1D6A80"}],
"personas": [{"id": "a", "name": "A", "role": " ", "country_code": "FR", "category": "c", "text": "T", "conditions": ["X"]}]}`
	if _, err := deck.Read("t.json", []byte(src), ""); err == nil || !strings.Contains(err.Error(), `field "role": empty; write the persona's role`) {
		t.Errorf("JSON empty role: %v", err)
	}
}
