// Copyright ©2025 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestCompressPagesAsOneByOne checks that a compressed document's pages,
// compressed on several cores at once, are the bytes of compressing them
// one after the other (on one core), that each page's stream holds its
// content, and that the document lets the uncompressed contents go.
func TestCompressPagesAsOneByOne(t *testing.T) {
	var last *Fpdf
	doc := func() []byte {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCompression(true)
		pdf.SetFont("Helvetica", "", 12)
		for p := range 37 {
			pdf.AddPage()
			for l := range p % 9 * 5 {
				pdf.Text(10, float64(10+5*l), fmt.Sprintf("page %d, line %d", p+1, l+1))
			}
		}
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		last = pdf
		return buf.Bytes()
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := doc()
	runtime.GOMAXPROCS(4)
	if many := doc(); !bytes.Equal(one, many) {
		t.Fatal("the document written on four cores differs from the one written on one")
	}
	for n, p := range last.pages[1:] {
		if p != nil {
			t.Fatalf("page %d's content is still held after the document was written", n+1)
		}
	}
	re := regexp.MustCompile(`<</Filter /FlateDecode /Length (\d+)>>\nstream\n`)
	pages := 0
	for _, m := range re.FindAllSubmatchIndex(one, -1) {
		n, _ := strconv.Atoi(string(one[m[2]:m[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(one[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("(page %d, line 1)", pages+1); pages%9 != 0 && !bytes.Contains(content, []byte(want)) {
			t.Errorf("page %d's stream lacks %s", pages+1, want)
		}
		pages++
	}
	if pages != 37 {
		t.Errorf("%d compressed streams, want 37 pages", pages)
	}
}

// TestSubsetUTF8FontsAsOneByOne checks that a document with several UTF-8
// fonts, whose subsets are made on several cores at once, has the bytes of
// one whose subsets are made one after the other (on one core).
func TestSubsetUTF8FontsAsOneByOne(t *testing.T) {
	doc := func() []byte {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCompression(true)
		pdf.SetCatalogSort(true)
		for _, st := range []struct{ style, file string }{{"", "DejaVuSansCondensed.ttf"}, {"B", "DejaVuSansCondensed-Bold.ttf"},
			{"I", "DejaVuSansCondensed-Oblique.ttf"}, {"BI", "DejaVuSansCondensed-BoldOblique.ttf"}} {
			pdf.AddUTF8Font("dejavu", st.style, "font/"+st.file)
		}
		pdf.AddPage()
		for i, style := range []string{"", "B", "I", "BI"} {
			pdf.SetFont("dejavu", style, 12)
			pdf.Text(10, float64(20+10*i), fmt.Sprintf("Style %q: Ĳsselmeer, Œuvre, Ωmega, Жук", style))
		}
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := doc()
	runtime.GOMAXPROCS(4)
	if many := doc(); !bytes.Equal(one, many) {
		t.Fatal("the document written on four cores differs from the one written on one")
	}
	if n := bytes.Count(one, []byte("/Subtype /CIDFontType2")); n != 4 {
		t.Errorf("%d subset fonts, want 4", n)
	}
}

// TestTextAsSprintf checks that Text and SetFont, which format their
// numbers with strconv (as point and Polygon do) rather than fmt, write
// what fmt.Sprintf wrote: text at positions of every sign and rounding, in
// colour and not, underlined, at sizes with and without decimals.
func TestTextAsSprintf(t *testing.T) {
	pdf := New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.AddPage()
	var want []string
	for i, pos := range [][2]float64{{10, 20}, {0, 0}, {-3.125, 400.5}, {1e-9, 296.999}, {105.005, 0.0049}, {-0.001, 12.3456789}} {
		size := []float64{12, 9.25, 7.125, 30}[i%4]
		pdf.SetFont("Helvetica", []string{"", "B", "U", "I"}[i%4], size)
		want = append(want, fmt.Sprintf("BT /F%s %.2f Tf ET", pdf.currentFont.i, pdf.fontSizePt))
		if i%2 == 1 {
			pdf.SetTextColor(200, 10*i, 0)
		} else {
			pdf.SetTextColor(0, 0, 0)
		}
		pdf.Text(pos[0], pos[1], fmt.Sprintf("text (%d)", i))
		s := fmt.Sprintf("BT %.2f %.2f Td (%s) Tj ET", pos[0]*pdf.k, (pdf.h-pos[1])*pdf.k, pdf.escape(fmt.Sprintf("text (%d)", i)))
		if pdf.underline {
			s += " " + pdf.dounderline(pos[0], pos[1], fmt.Sprintf("text (%d)", i))
		}
		if pdf.colorFlag {
			s = fmt.Sprintf("q %s %s Q", pdf.color.text.str, s)
		}
		want = append(want, s)
	}
	got := strings.Split(strings.TrimSpace(pdf.pages[1].String()), "\n")
	if len(got) < len(want) {
		t.Fatalf("%d lines of content, want at least %d:\n%s", len(got), len(want), pdf.pages[1].String())
	}
	got = got[len(got)-len(want):]
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: %q, want %q", i, got[i], want[i])
		}
	}
}
