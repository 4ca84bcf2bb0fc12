package svg_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/internal/testdiff"
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/render/svg"
	"github.com/cardgen/cardgen/pkg/typeface"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.svg")

func family(t testing.TB) *typeface.Family {
	t.Helper()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	return fam
}

func compose(t testing.TB, data, layoutName, lang string, change func(*layout.Spec)) *build.Cards {
	t.Helper()
	ed, err := build.LoadEdition(data, "", lang)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := build.LoadLayout(layoutName)
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(spec)
	}
	cards, err := build.Compose(ed.Deck, spec, family(t))
	if err != nil {
		t.Fatal(err)
	}
	return cards
}

// TestGoldenCard pins the SVG of both faces of the first card of the
// default deck: a readable diff when composition or the writer changes.
// Run go test ./pkg/render/svg -update to accept a change.
func TestGoldenCard(t *testing.T) {
	t.Parallel()
	cards := compose(t, "", "tarot", "", nil)
	for side, name := range []string{"front", "back"} {
		var buf bytes.Buffer
		if err := svg.Face(&buf, &cards.Faces[0][side], false, svg.Options{Family: family(t)}); err != nil {
			t.Fatal(err)
		}
		testdiff.Golden(t, filepath.Join("testdata", "hao-"+name+".golden.svg"), buf.String(), *update, "go test ./pkg/render/svg -run TestGoldenCard -update")
	}
}

// element is an SVG element read back with encoding/xml.
type element struct {
	name  string
	attrs map[string]string
	text  string // character data directly inside it
}

// parse reads an SVG with encoding/xml, failing on any error, and returns
// its elements in document order.
func parse(t *testing.T, data []byte) []element {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []element
	var stack []int
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			el := element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				el.attrs[a.Name.Local] = a.Value
			}
			out = append(out, el)
			stack = append(stack, len(out)-1)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				out[stack[len(stack)-1]].text += string(tok)
			}
		}
	}
	if len(out) == 0 || out[0].name != "svg" {
		t.Fatal("the document is not an <svg>")
	}
	return out
}

// lines returns the text of each <text>, its runs joined.
func lines(els []element) []string {
	var out []string
	for i, el := range els {
		if el.name != "text" {
			continue
		}
		var b strings.Builder
		for _, sp := range els[i+1:] {
			if sp.name != "tspan" {
				break
			}
			b.WriteString(sp.text)
		}
		out = append(out, b.String())
	}
	return out
}

// TestEveryFaceIsValidAndSafe writes every face of the default deck in both
// languages, of a deck with pictures, and in ink-saver mode with common
// backs, with and without embedded fonts: each parses as XML, is sized in
// mm with a matching viewBox, holds every line of its drawing, and holds
// nothing a web page should fear (script, event handlers, references to
// other files).
func TestEveryFaceIsValidAndSafe(t *testing.T) {
	t.Parallel()
	decks := map[string]*build.Cards{
		"fr":       compose(t, "", "tarot", "fr", nil),
		"en poker": compose(t, "", "poker", "en", nil),
		"pictures": compose(t, filepath.Join("..", "..", "..", "testdata", "datasets", "good", "rich.yaml"), "a4", "", nil),
		"ink saver, common backs": compose(t, "", "a4", "", func(s *layout.Spec) {
			s.InkSaver, s.Backs = true, layout.BacksCommon
		}),
	}
	risky := regexp.MustCompile(`(?i)<script|\son[a-z]+=|javascript:|href="[^d]|url\((?:"|')?[^"'d]|<foreignObject|@import`)
	for name, cards := range decks {
		for i := range cards.Faces {
			for side := range 2 {
				d := &cards.Faces[i][side]
				var buf bytes.Buffer
				embed := i == 0
				if err := svg.Face(&buf, d, side == 1, svg.Options{Family: family(t), Images: cards.Images, EmbedFonts: embed}); err != nil {
					t.Fatalf("%s card %d: %v", name, i+1, err)
				}
				els := parse(t, buf.Bytes())
				w, h := d.W, d.H
				if side == 1 {
					w, h = d.W+2*d.Bleed, d.H+2*d.Bleed
				}
				root := els[0].attrs
				if root["width"] != num(w)+"mm" || root["height"] != num(h)+"mm" || root["viewBox"] != "0 0 "+num(w)+" "+num(h) {
					t.Errorf("%s card %d side %d: width %q height %q viewBox %q, want %g × %g mm", name, i+1, side, root["width"], root["height"], root["viewBox"], w, h)
				}
				var want []string
				for _, tx := range d.Text {
					want = append(want, tx.String())
				}
				if got := lines(els); !slices.Equal(got, want) {
					t.Errorf("%s card %d side %d: lines\n%q\nwant\n%q", name, i+1, side, got, want)
				}
				if m := risky.Find(buf.Bytes()); m != nil {
					t.Errorf("%s card %d side %d: %q in the SVG", name, i+1, side, m)
				}
				if n := strings.Count(buf.String(), "<image "); n != len(d.Images) {
					t.Errorf("%s card %d side %d: %d images, the drawing has %d", name, i+1, side, n, len(d.Images))
				}
			}
		}
	}
}

func num(v float64) string {
	return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(v, 'f', 4, 64), "0"), ".")
}

// TestEscaping: text with markup characters, quotes, no-break and narrow
// no-break spaces and characters XML forbids is written so that XML reads
// back the same characters, the special spaces as numeric references.
func TestEscaping(t *testing.T) {
	t.Parallel()
	text := "a < b & c > d \"e\" 'f' «\u202Fg\u202F» 1\u00A0$ \u0001x\u200B"
	d := &draw.Drawing{W: 10, H: 10, Text: []draw.Text{{Size: 8, X: 1, Baseline: 5, Runs: []draw.Run{{Text: text, W: 5}}}}}
	var buf bytes.Buffer
	if err := svg.Face(&buf, d, false, svg.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"&#x202F;g&#x202F;", "1&#xA0;$", "&lt; b &amp; c &gt;", "&#x200B;"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the SVG lacks %q:\n%s", want, buf.String())
		}
	}
	got := lines(parse(t, buf.Bytes()))
	want := strings.ReplaceAll(text, "\u0001", "")
	if len(got) != 1 || got[0] != want {
		t.Errorf("read back %q, want %q", got, want)
	}
}

// TestFontURLs: with URLs, each style the text uses gets an @font-face
// rule naming its URL, quoted so that the URL cannot end the rule.
func TestFontURLs(t *testing.T) {
	t.Parallel()
	d := &draw.Drawing{W: 10, H: 10, Text: []draw.Text{{Size: 8, X: 1, Baseline: 5, Runs: []draw.Run{
		{Text: "a", Style: typeface.Regular}, {Text: "b", Style: typeface.BoldItalic, X: 2},
	}}}}
	var buf bytes.Buffer
	err := svg.Face(&buf, d, false, svg.Options{FontURL: func(st typeface.Style) string {
		return map[typeface.Style]string{typeface.Regular: "/fonts/r.ttf", typeface.BoldItalic: `/fonts/bi".ttf`}[st]
	}})
	if err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{
		`font-weight: 400; font-style: normal; src: url("/fonts/r.ttf")`,
		`font-weight: 700; font-style: italic; src: url("/fonts/bi\".ttf")`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s in\n%s", want, s)
		}
	}
	if strings.Count(s, "@font-face") != 2 {
		t.Errorf("%d @font-face rules, want 2 (the styles used)", strings.Count(s, "@font-face"))
	}
	parse(t, buf.Bytes())
}

// TestPageClipsAndTurns: a page places each drawing in a nested viewport
// that clips it when asked, turns it when asked, and draws the lines over
// them with their pens.
func TestPageClipsAndTurns(t *testing.T) {
	t.Parallel()
	d := &draw.Drawing{W: 4, H: 6, Bleed: 1, Fills: []draw.Fill{{Rect: geom.R(-1, -1, 6, 8), Color: draw.Black}}}
	p := draw.Page{W: 20, H: 10, Faces: []draw.Placed{
		{Drawing: d, At: geom.R(2, 2, 4, 6), Clip: true},
		{Drawing: d, At: geom.R(10, 2, 4, 6), Rotation: 180},
	}, Lines: []draw.Lines{{Segs: []geom.Segment{{A: geom.Point{X: 0, Y: 1}, B: geom.Point{X: 20, Y: 1}}}, Width: 0.2, Color: draw.Black, Dash: []float64{3, 1.5}}}}
	var buf bytes.Buffer
	if err := svg.Page(&buf, p, svg.Options{}); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{
		`<svg x="2" y="2" width="4" height="6" viewBox="0 0 4 6" overflow="hidden">`,
		`<g transform="rotate(180 12 5)">`,
		`<g stroke="#000000" stroke-width="0.2" stroke-dasharray="3 1.5">`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s in\n%s", want, s)
		}
	}
	parse(t, buf.Bytes())
}

// BenchmarkDeckSVG writes the 40 faces of the default deck, fonts by name.
func BenchmarkDeckSVG(b *testing.B) {
	cards := compose(b, "", "tarot", "", nil)
	opts := svg.Options{Family: family(b), Images: cards.Images}
	for b.Loop() {
		for i := range cards.Faces {
			for side := range 2 {
				if err := svg.Face(io.Discard, &cards.Faces[i][side], false, opts); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

// BenchmarkDeckSVGEmbedded does the same with a font subset in every file.
func BenchmarkDeckSVGEmbedded(b *testing.B) {
	cards := compose(b, "", "tarot", "", nil)
	opts := svg.Options{Family: family(b), Images: cards.Images, EmbedFonts: true}
	for b.Loop() {
		for i := range cards.Faces {
			for side := range 2 {
				if err := svg.Face(io.Discard, &cards.Faces[i][side], false, opts); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}
