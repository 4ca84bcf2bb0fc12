package pdf

import (
	"bytes"
	"math"
	"regexp"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// TestWidthsMatchFpdf checks that package typeface measures text exactly as
// fpdf does, so that lines fitted without a PDF have their width on paper.
func TestWidthsMatchFpdf(t *testing.T) {
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	for _, st := range typeface.Styles {
		pdf.AddUTF8FontFromBytes("lato", styleNames[st], fam.Face(st).Data)
	}
	samples := []string{"Hao", "République démocratique du Congo", "«\u202Fterres rares\u202F»", "1,50\u00A0$/heure", "Œuvre, cœur… l’IA", "WAVA fi ffl"}
	for _, st := range typeface.Styles {
		for _, size := range []float64{7, 9.25, 12.5, 22} {
			pdf.SetFont("lato", styleNames[st], size)
			for _, s := range samples {
				want := pdf.GetStringWidth(s)
				got := fam.Face(st).Width(s, size)
				if math.Abs(got-want) > 1e-9 {
					t.Errorf("%s %.2f pt %q: typeface %.6f mm, fpdf %.6f mm", st, size, s, got, want)
				}
			}
		}
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
}

func testDoc(t testing.TB, date time.Time) Document {
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	line := func(s string, st typeface.Style) draw.Text {
		return draw.Text{Size: 10, X: 4, Baseline: 10, Runs: []draw.Run{{Text: s, Style: st}}}
	}
	f := &draw.Drawing{W: 70, H: 120, Bleed: 3,
		Fills: []draw.Fill{{Rect: geom.R(-3, -3, 76, 126), Color: draw.Color{R: 250, G: 240, B: 230}}},
		Text:  []draw.Text{line("régulier", typeface.Regular), line("gras", typeface.Bold), line("italique", typeface.Italic), line("les deux", typeface.BoldItalic)},
	}
	// A print shop's pages: one face each, the card 3 mm in from every edge.
	trim := geom.R(3, 3, 70, 120)
	var pages []draw.Page
	for range 4 {
		pages = append(pages, draw.Page{W: 76, H: 126, TrimBox: &trim, Faces: []draw.Placed{{Drawing: f, At: trim}}})
	}
	return Document{Pages: pages, Family: fam,
		Meta: Meta{Title: "Titre", Author: "A", Lang: "fr", Creator: "cardgen", Date: date}}
}

func TestWriteSubsetTagsAndMetadata(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, testDoc(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	pdf := buf.String()
	for _, want := range []string{"/Lang (fr)", "/CreationDate (D:20260101000000", "/TrimBox [8.50 8.50 206.93 348.66]"} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if bytes.Contains(buf.Bytes(), []byte("/utf8")) {
		t.Error("an untagged font name is left")
	}
	// Every style's subset has a tag of six capitals, its own.
	tags := map[string]bool{}
	for _, m := range regexp.MustCompile(`/BaseFont /([A-Z]{6})\+Lato(B|I|BI)?\n`).FindAllStringSubmatch(pdf, -1) {
		tags[m[1]+m[2]] = true
	}
	if len(tags) != 4 {
		t.Errorf("subset tags %v; want one per style, four in all", tags)
	}
	// Exactly one TrimBox per page, and no other box than the MediaBox.
	if n := len(regexp.MustCompile(`/TrimBox`).FindAllString(pdf, -1)); n != 4 {
		t.Errorf("%d TrimBoxes for 4 pages", n)
	}
	if regexp.MustCompile(`/(BleedBox|CropBox|ArtBox)`).MatchString(pdf) {
		t.Error("the PDF has a page box other than MediaBox and TrimBox")
	}
}

func TestWriteReproducible(t *testing.T) {
	t.Parallel()
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var first []byte
	for i := range 5 {
		var buf bytes.Buffer
		if err := Write(&buf, testDoc(t, date)); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("build %d differs from the first", i+1)
		}
	}
}
