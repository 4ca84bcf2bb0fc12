package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"io/fs"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
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

// TestFontSetWhereItChanges: the content sets the font only where it
// changes, and every piece of text is drawn in its own style and size: a
// PDF reader's graphics state (q saves it, Q restores it, Tf sets the font)
// run over the content streams finds, at each Tj, the font and size of the
// run it draws, through lines of one font, a change of style within a line,
// a card turned upside down (inside q … Q) and the page after.
func TestFontSetWhereItChanges(t *testing.T) {
	t.Parallel()
	fam, _ := typeface.Default()
	line := func(y float64, runs ...draw.Run) draw.Text {
		return draw.Text{Size: 10, X: 4, Baseline: y, Runs: runs}
	}
	f := &draw.Drawing{W: 70, H: 120, Text: []draw.Text{
		line(10, draw.Run{Text: "un"}), line(15, draw.Run{Text: "deux"}),
		line(20, draw.Run{Text: "trois "}, draw.Run{Text: "gras", Style: typeface.Bold, X: 12}),
		{Size: 12, X: 4, Baseline: 30, Runs: []draw.Run{{Text: "grand", Style: typeface.Bold}}},
		line(35, draw.Run{Text: "quatre", Style: typeface.Bold}),
	}}
	// The turned card ends in another font than the one it started with;
	// the card after it starts with that font, which the Q ending the
	// turned card's state has undone.
	turned := &draw.Drawing{W: 70, H: 120, Text: []draw.Text{line(10, draw.Run{Text: "cinq"}), {Size: 12, X: 4, Baseline: 30, Runs: []draw.Run{{Text: "six", Style: typeface.Italic}}}}}
	after := &draw.Drawing{W: 70, H: 120, Text: []draw.Text{{Size: 12, X: 4, Baseline: 30, Runs: []draw.Run{{Text: "sept", Style: typeface.Italic}}}, line(40, draw.Run{Text: "huit"})}}
	placed := []draw.Placed{{Drawing: f, At: geom.R(0, 0, 70, 120)}, {Drawing: turned, At: geom.R(70, 0, 70, 120), Rotation: 180}, {Drawing: after, At: geom.R(0, 120, 70, 120)}}
	page := draw.Page{W: 140, H: 240, Faces: placed}
	var buf bytes.Buffer
	if err := Write(&buf, Document{Pages: []draw.Page{page, page}, Family: fam}); err != nil {
		t.Fatal(err)
	}
	type drawn struct {
		font string
		size string
	}
	var want []drawn // the style (as a font resource, found below) and size of every run, in order
	for range 2 {
		for _, pl := range placed {
			for _, tx := range pl.Drawing.Text {
				for _, r := range tx.Runs {
					want = append(want, drawn{styleNames[r.Style], fmt.Sprintf("%.2f", tx.Size)})
				}
			}
		}
	}
	var got []drawn
	fontOf := map[string]string{} // font resource → style, as the runs show it
	tfs := 0
	for _, content := range contentStreams(t, buf.Bytes()) {
		type state struct{ font, size string }
		cur, stack := state{}, []state{}
		toks := strings.Fields(content)
		for i, tok := range toks {
			switch tok {
			case "q":
				stack = append(stack, cur)
			case "Q":
				cur, stack = stack[len(stack)-1], stack[:len(stack)-1]
			case "Tf":
				cur = state{toks[i-2], toks[i-1]}
				tfs++
			case "Tj":
				if cur.font == "" {
					t.Fatalf("text drawn with no font set: %s", content)
				}
				got = append(got, drawn(cur))
			}
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d pieces of text drawn, want %d", len(got), len(want))
	}
	for i := range got {
		if style, ok := fontOf[got[i].font]; ok && style != want[i].font || got[i].size != want[i].size {
			t.Fatalf("piece %d drawn in %s %s pt, want style %q at %s pt", i, got[i].font, got[i].size, want[i].font, want[i].size)
		}
		fontOf[got[i].font] = want[i].font
	}
	if len(fontOf) != 3 {
		t.Errorf("%d fonts drawn, want 3 (regular, bold, italic)", len(fontOf))
	}
	// Per page: regular 10, bold 10, bold 12, bold 10 (not the regular 10
	// of the second and third lines); regular 10, italic 12; italic 12
	// again after the turned card, regular 10. fpdf sets the current font
	// at the top of each new page too (twice).
	if n := 2*(4+2+2) + 2; tfs != n {
		t.Errorf("the font is set %d times, want %d (for %d runs)", tfs, n, len(want))
	}
}

// contentStreams returns the decompressed content of every page of pdf.
func contentStreams(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	re := regexp.MustCompile(`(?s)<</Filter /FlateDecode /Length (\d+)>>\nstream\n`)
	for _, m := range re.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			continue // not a zlib stream
		}
		b, err := io.ReadAll(zr)
		if err != nil || !bytes.Contains(b, []byte(" Tj ")) {
			continue // a font file, an image, or no text
		}
		out = append(out, string(b))
	}
	if len(out) == 0 {
		t.Fatal("no content stream with text")
	}
	return out
}
