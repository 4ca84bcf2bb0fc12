package cli_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/cardgen/cardgen/internal/testenv"
	"github.com/cardgen/cardgen/pkg/build"
)

// TestEveryWordOnItsCard reads the text of the tarot PDF back with
// poppler (popplerPages) and checks that every word of every persona is on
// that persona's card: name, role, country and text on its front (page
// 2i+1), conditions and impact on its back (page 2i+2). pkg/face's test of
// the same name checks the composed faces in every run; this one, slow,
// runs with CARDGEN_SLOW=1, as CI does.
func TestEveryWordOnItsCard(t *testing.T) {
	testenv.Slow(t, "reads the tarot PDF back with poppler")
	t.Parallel()
	d, err := build.LoadDeck("")
	if err != nil {
		t.Fatal(err)
	}
	pages := popplerPages(t, "tarot")
	if len(pages) != 2*len(d.Personas) {
		t.Fatalf("poppler read %d pages, want %d", len(pages), 2*len(d.Personas))
	}
	pageText := func(n int) string { return normalize(pages[n-1].text) }

	checked := 0
	for i, p := range d.Personas {
		front, back := newPage(pageText(2*i+1)), newPage(pageText(2*i+2))
		sides := []struct {
			name   string
			page   page
			fields [][2]string // field name, text
		}{
			{"front", front, [][2]string{{"name", p.Name}, {"role", p.Role}, {"country", p.Country}, {"text", p.Text}}},
			{"back", back, [][2]string{{"conditions", strings.Join(p.Conditions, "\n")}, {"impact", p.Impact}}},
		}
		for _, side := range sides {
			other := back
			if side.name == "back" {
				other = front
			}
			for _, f := range side.fields {
				field, text := f[0], f[1]
				for _, w := range words(text) {
					checked++
					switch {
					case side.page.has(w):
					case other.has(w):
						t.Errorf("card %d (%s), %s: %q is on the wrong side of the card (want the %s)", i+1, p.ID, field, w, side.name)
					default:
						t.Errorf("card %d (%s), %s: %q is on neither page %d nor page %d", i+1, p.ID, field, w, 2*i+1, 2*i+2)
					}
				}
			}
		}
		if t.Failed() {
			t.Logf("card %d front:\n%s\nback:\n%s", i+1, front.raw, back.raw)
			return
		}
	}
	if checked < 10*len(d.Personas) {
		t.Errorf("checked only %d words of %d personas", checked, len(d.Personas))
	}
	t.Logf("%d words of %d personas found on their cards", checked, len(d.Personas))
}

// The word matching itself: markup and typography removed, words found
// across line breaks and hyphenated line ends, absent words not found.
func TestWordMatching(t *testing.T) {
	t.Parallel()
	got := strings.Join(words("J'annote des *images*, pour l'**IA** : « 1,50 $ » \\* a"), "|")
	if want := "annote|des|images|pour|IA"; got != want {
		t.Errorf("words = %q, want %q", got, want)
	}
	p := newPage(normalize("J\u2019annote des\nimages pour\u202fl\u2019IA sous-\ntrai-\ntance\n\nmicro\ntravail\n"))
	for _, w := range []string{"annote", "J'annote", "des images", "pour l'IA", "traitance", "microtravail"} {
		if !p.has(w) {
			t.Errorf("%q not found in %q", w, p.raw)
		}
	}
	for _, w := range []string{"imagine", "Pour", "travaux"} {
		if p.has(w) {
			t.Errorf("%q found in %q", w, p.raw)
		}
	}
}

// page is a page's extracted text in the forms a word is looked for in.
type page struct {
	raw       string
	collapsed string // whitespace runs as one space
	joined    string // lines joined without a space, and a hyphen at a line's end dropped
}

func newPage(text string) page {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	joined := strings.Join(lines, "\n")
	joined = strings.ReplaceAll(joined, "-\n", "")
	joined = strings.ReplaceAll(joined, "\n", "")
	return page{raw: text, collapsed: strings.Join(strings.Fields(text), " "), joined: joined}
}

func (p page) has(word string) bool {
	return strings.Contains(p.collapsed, word) || strings.Contains(p.joined, word)
}

// normalize undoes the typography applied when rendering: typographic
// apostrophes and no-break spaces.
func normalize(s string) string {
	return strings.NewReplacer("\u2019", "'", "\u00a0", " ", "\u202f", " ", "\f", "\n").Replace(s)
}

// words returns the words of text: runs of letters, at least two long,
// after removing the *emphasis* markers.
func words(text string) []string {
	text = normalize(strings.ReplaceAll(text, "*", ""))
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 2 {
			out = append(out, w)
		}
	}
	return out
}
