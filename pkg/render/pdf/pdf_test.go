package pdf

import (
	"bytes"
	"io/fs"
	"math"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/cardgen/cardgen/fonts"
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

// TestRuneSetSorted: the set lists its characters once each, in order,
// those beyond the Basic Multilingual Plane last.
func TestRuneSetSorted(t *testing.T) {
	var s runeSet
	s.addString("zaé€a\U0001F642z\u202F\U00010000")
	s.addString("")
	got := string(s.sorted())
	if want := "azé\u202F€\U00010000\U0001F642"; got != want {
		t.Errorf("sorted = %q, want %q", got, want)
	}
}

// TestTagSubsetsInPlace: every style's name gets its tag, a regular name
// only where a delimiter ends it, and the file keeps its length.
func TestTagSubsetsInPlace(t *testing.T) {
	in := "/utf8cg+latoBI /utf8cg+latoB\n/utf8cg+latoI>/utf8cg+lato /utf8cg+lato\n/utf8cg+lato>/utf8cg+lato//utf8cg+latox /utf8cg+lato"
	want := "/DDDDDD+LatoBI /BBBBBB+LatoB\n/CCCCCC+LatoI>/AAAAAA+Lato /AAAAAA+Lato\n/AAAAAA+Lato>/AAAAAA+Lato//utf8cg+latox /utf8cg+lato"
	b := []byte(in)
	tagSubsets(b, "Lato", map[typeface.Style]string{typeface.Regular: "AAAAAA", typeface.Bold: "BBBBBB", typeface.Italic: "CCCCCC", typeface.BoldItalic: "DDDDDD"})
	if string(b) != want {
		t.Errorf("tagSubsets:\n got  %q\n want %q", b, want)
	}
}

// TestConcurrentDocuments: documents written at once, as the web server
// writes them, share the font files and each gets the bytes it gets alone
// and the font bytes stay as they were. (The text brings in Lato's glyph
// past its horizontal metrics, whose metrics fpdf used to assemble by
// writing into the shared font bytes: a race that CI's go test -race of
// this test finds, some of the time; the bytes' check, every time.)
func TestConcurrentDocuments(t *testing.T) {
	t.Parallel()
	doc := testDoc(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for i := range doc.Pages {
		f := *doc.Pages[i].Faces[0].Drawing
		f.Text = append(slices.Clone(f.Text), draw.Text{Size: 9, X: 4, Baseline: 20,
			Runs: []draw.Run{{Text: "« Ça : oui ; À Ô \"É\" »", Style: typeface.Styles[i%4]}}})
		doc.Pages[i].Faces = []draw.Placed{{Drawing: &f, At: doc.Pages[i].Faces[0].At}}
	}
	var want bytes.Buffer
	if err := Write(&want, doc); err != nil {
		t.Fatal(err)
	}
	got := make([]bytes.Buffer, 6)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			if err := Write(&got[i], doc); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range got {
		if !bytes.Equal(got[i].Bytes(), want.Bytes()) {
			t.Errorf("document %d written at once with others differs from one written alone", i)
		}
	}
	// The font files the documents share are as embedded: only read.
	for _, st := range typeface.Styles {
		file, err := fs.ReadFile(fonts.FS, fontFile(st))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(doc.Family.Face(st).Data, file) {
			t.Errorf("writing the documents changed the bytes of the %s font", st)
		}
	}
}

func fontFile(st typeface.Style) string {
	return map[typeface.Style]string{typeface.Regular: fonts.Files.Regular, typeface.Bold: fonts.Files.Bold,
		typeface.Italic: fonts.Files.Italic, typeface.BoldItalic: fonts.Files.BoldItalic}[st]
}
