// Package pdf paints pages of drawings (package draw) into a PDF. It is the
// only package that imports fpdf.
//
// What it guarantees for print: every font embedded and subset; page boxes
// from the pages (a TrimBox on print-shop pages, nothing else, so the
// BleedBox defaults to the MediaBox); RGB colours only, no transparency. And
// for CI: the same input gives the same bytes, because dates come from the
// caller, the catalog is sorted, and nothing fpdf writes in map order is used
// (one page box per page, no spot colours, pictures of distinct pixel
// widths registered in key order).
package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	iconset "github.com/cardgen/cardgen/pkg/icons"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// Meta is the document's metadata.
type Meta struct {
	Title, Author, Subject, Keywords string
	Creator                          string
	Lang                             string // BCP 47, written as /Lang
	Date                             time.Time
}

// Document is everything the renderer needs.
type Document struct {
	Pages  []draw.Page
	Family *typeface.Family
	Meta   Meta
	// Images are the pictures the drawings' ImageBoxes name, by key. Every
	// one is embedded, in key order, whether a page shows it or not.
	Images map[string]draw.Image
}

// fpdf writes a template's images in map order unless its package-wide
// default asks for sorting (it reads that default, not the document's own
// SetCatalogSort, when writing templates): the icon templates, which copy
// the document's images, would make a deck with two pictures or more
// differ from one build to the next.
func init() { fpdf.SetDefaultCatalogSort(true) }

var styleNames = map[typeface.Style]string{
	typeface.Regular: "", typeface.Bold: "B", typeface.Italic: "I", typeface.BoldItalic: "BI",
}

// Write renders doc as PDF to w.
func Write(w io.Writer, doc Document) error {
	if len(doc.Pages) == 0 {
		return fmt.Errorf("nothing to print: the document has no page")
	}
	first := doc.Pages[0]
	pw, err := NewWriter(doc.Family, doc.Meta, doc.Images, first.W, first.H)
	if err != nil {
		return err
	}
	for _, page := range doc.Pages {
		pw.Page(page)
	}
	b, err := pw.Bytes()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Writer paints pages into a PDF one at a time, so that a caller can make
// a page's drawings, paint them and let them go before it makes the next:
// a document of thousands of pages never holds all of its drawings at once.
// A Writer is not safe for use by several goroutines at once; writers of
// different documents run in parallel.
type Writer struct {
	pdf       *fpdf.Fpdf
	fam       *typeface.Family
	family    string
	templates iconTemplates
	used      [4]runeSet // the characters drawn in each style, for the subsets' tags
	pages     int
}

// NewWriter starts a document in the family fam with the pictures images
// (by key; every one is embedded, in key order, whether a page shows it or
// not). w and h are the size of its first page, in mm, which the PDF
// names as the size of its pages (each page different says so).
func NewWriter(fam *typeface.Family, m Meta, images map[string]draw.Image, w, h float64) (*Writer, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: w, Ht: h}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(m.Date)
	pdf.SetModificationDate(m.Date)
	pdf.SetTitle(m.Title, true)
	pdf.SetAuthor(m.Author, true)
	pdf.SetSubject(m.Subject, true)
	pdf.SetKeywords(m.Keywords, true)
	pdf.SetCreator(m.Creator, true)
	if m.Lang != "" {
		pdf.SetLang(m.Lang)
	}
	family := fontPrefix + fam.Name
	for _, st := range typeface.Styles {
		pdf.AddUTF8FontFromBytes(family, styleNames[st], fam.Face(st).Data)
		// A font that fails to parse only shows up later as "undefined
		// font": check now, while we know which one it was.
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("font %s %s: %w", fam.Name, st, err)
		}
	}
	// Register pictures in a fixed order (their widths are all different,
	// which keeps fpdf's image table in a fixed order too).
	keys := make([]string, 0, len(images))
	for k := range images {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		img := images[k]
		pdf.RegisterImageOptionsReader(k, fpdf.ImageOptions{ImageType: img.Type}, bytes.NewReader(img.Data))
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("image %s: %w", k, err)
		}
	}
	return &Writer{pdf: pdf, fam: fam, family: family, templates: iconTemplates{}}, nil
}

// Page paints a page. Its drawings may be let go once it returns.
func (w *Writer) Page(page draw.Page) {
	pdf := w.pdf
	w.pages++
	pdf.AddPageFormat("P", fpdf.SizeType{Wd: page.W, Ht: page.H})
	if page.TrimBox != nil {
		t := *page.TrimBox
		// PDF page boxes count y from the bottom of the page.
		pdf.SetPageBox("trim", t.X, page.H-t.Bottom(), t.W, t.H)
	}
	var font fontState // a page starts with no font set
	for _, pl := range page.Faces {
		paint(pdf, w.family, pl, w.templates, &font)
		for _, t := range pl.Drawing.Text {
			for _, r := range t.Runs {
				w.used[r.Style].addString(r.Text)
			}
		}
	}
	lines(pdf, page.Lines)
}

// Bytes ends the document and returns it.
func (w *Writer) Bytes() ([]byte, error) {
	if w.pages == 0 {
		return nil, fmt.Errorf("nothing to print: the document has no page")
	}
	if err := w.pdf.Error(); err != nil {
		return nil, fmt.Errorf("rendering the PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := w.pdf.Output(&buf); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	tagSubsets(b, w.fam.Name, w.subsetTags())
	return b, nil
}

// fpdf names an embedded font "utf8" + its lowercased family + style, such as
// /utf8latoB. PDF readers and print shops' preflight tools recognise a
// subset by a six-capital tag and a plus sign before its name (ISO 32000-1,
// 9.6.4): /ABCDEF+Lato. Registering the family as "cg+Lato" makes fpdf write
// /utf8cg+latoB, in which "utf8cg" has the tag's length, so the tag is put in
// place without changing any byte offset of the file.
const fontPrefix = "cg+"

// runeSet is a set of characters: a bit per character of the Basic
// Multilingual Plane, a map for the others.
type runeSet struct {
	bmp   [0x10000 / 64]uint64
	other map[rune]bool
}

func (s *runeSet) addString(text string) {
	for _, r := range text {
		if r >= 0 && r < 0x10000 {
			s.bmp[r/64] |= 1 << (r % 64)
			continue
		}
		if s.other == nil {
			s.other = map[rune]bool{}
		}
		s.other[r] = true
	}
}

// sorted lists the set's characters in increasing order.
func (s *runeSet) sorted() []rune {
	var runes []rune
	for i, word := range s.bmp {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			runes = append(runes, rune(i*64+b))
			word &^= 1 << b
		}
	}
	others := make([]rune, 0, len(s.other))
	for r := range s.other {
		others = append(others, r)
	}
	slices.Sort(others)
	return append(runes, others...)
}

// subsetTags names each style's subset after the characters it holds: the
// same text gives the same tag (reproducible), different subsets different
// tags, so that software merging files from several decks never takes one
// subset for another.
func (w *Writer) subsetTags() map[typeface.Style]string {
	tags := map[typeface.Style]string{}
	for _, st := range typeface.Styles {
		sum := sha256.Sum256([]byte(st.String() + string(w.used[st].sorted())))
		tag := make([]byte, 6)
		for i := range tag {
			tag[i] = 'A' + sum[i]%26
		}
		tags[st] = string(tag)
	}
	return tags
}

// tagSubsets puts the subset tags in place in pdf, which it changes: each
// /utf8cg+lato[B|I|BI] becomes /TAG+Lato[B|I|BI], of the same length. The
// regular face's name is followed by a delimiter.
func tagSubsets(pdf []byte, family string, subsetTags map[typeface.Style]string) {
	from := []byte("/utf8" + strings.ToLower(fontPrefix+family))
	for i := 0; ; {
		j := bytes.Index(pdf[i:], from)
		if j < 0 {
			return
		}
		at := i + j
		i = at + len(from)
		rest := pdf[i:]
		st := typeface.Regular
		switch {
		case bytes.HasPrefix(rest, []byte("BI")):
			st = typeface.BoldItalic
		case bytes.HasPrefix(rest, []byte("B")):
			st = typeface.Bold
		case bytes.HasPrefix(rest, []byte("I")):
			st = typeface.Italic
		case len(rest) > 0 && strings.IndexByte("\n >/", rest[0]) >= 0:
		default:
			continue
		}
		copy(pdf[at:], "/"+subsetTags[st]+"+"+family)
	}
}

// fontState is the font a page's content has set, which the text that
// follows is drawn in: fpdf writes "BT /F… size Tf ET" at every SetFont,
// even of the font already set, which was a third of the text's bytes to
// write and compress (two lines in three set the font of the line before).
type fontState struct {
	style typeface.Style
	size  float64
	set   bool
}

// paint draws a placed drawing, layer by layer (see package draw). font is
// the page's font so far: paint sets the font only where it changes, and
// forgets it after a drawing turned or clipped, whose graphics state (font
// included) ends with it.
func paint(pdf *fpdf.Fpdf, family string, pl draw.Placed, icons iconTemplates, font *fontState) {
	if pl.Rotation != 0 || pl.Clip {
		// Registered first, so run last: after the Q that ends the state.
		defer func() { *font = fontState{} }()
	}
	f := pl.Drawing
	ox, oy := pl.At.X, pl.At.Y
	if pl.Rotation != 0 {
		pdf.TransformBegin()
		pdf.TransformRotate(float64(pl.Rotation), pl.At.X+pl.At.W/2, pl.At.Y+pl.At.H/2)
		defer pdf.TransformEnd()
	}
	if pl.Clip {
		pdf.ClipRect(pl.At.X, pl.At.Y, pl.At.W, pl.At.H, false)
		defer pdf.ClipEnd()
	}
	for _, fill := range f.Fills {
		setFill(pdf, fill.Color)
		r := fill.Rect.Translate(ox, oy)
		pdf.Rect(r.X, r.Y, r.W, r.H, "F")
	}
	for _, img := range f.Images {
		r := img.Rect.Translate(ox, oy)
		pdf.ImageOptions(img.Key, r.X, r.Y, r.W, r.H, false, fpdf.ImageOptions{}, 0, "")
	}
	for _, ic := range f.Icons {
		r := ic.Rect.Translate(ox, oy)
		pdf.UseTemplateScaled(icons.get(pdf, ic), fpdf.PointType{X: r.X, Y: r.Y}, fpdf.SizeType{Wd: r.W, Ht: r.H})
	}
	for _, sh := range f.Shapes {
		setFill(pdf, sh.Color)
		pts := make([]fpdf.PointType, len(sh.Points))
		for i, p := range sh.Points {
			pts[i] = fpdf.PointType{X: ox + p.X, Y: oy + p.Y}
		}
		pdf.Polygon(pts, "F")
	}
	for _, rule := range f.Rules {
		setDraw(pdf, rule.Color)
		pdf.SetLineWidth(rule.Width)
		if len(rule.Dash) > 0 {
			pdf.SetDashPattern(rule.Dash, 0)
		}
		pdf.Line(ox+rule.Seg.A.X, oy+rule.Seg.A.Y, ox+rule.Seg.B.X, oy+rule.Seg.B.Y)
		if len(rule.Dash) > 0 {
			pdf.SetDashPattern(nil, 0)
		}
	}
	for _, t := range f.Text {
		pdf.SetTextColor(int(t.Color.R), int(t.Color.G), int(t.Color.B))
		for _, p := range t.Runs {
			if !font.set || font.style != p.Style || font.size != t.Size {
				pdf.SetFont(family, styleNames[p.Style], t.Size)
				*font = fontState{p.Style, t.Size, true}
			}
			pdf.Text(ox+t.X+p.X, oy+t.Baseline, p.Text)
		}
	}
}

// iconSize is the size, in mm, icons are drawn at in their templates.
const iconSize = 10.0

// iconTemplates holds, per document, each icon drawn once in each colour as
// a Form XObject that every card then places and scales: a deck of 10,000
// cards carries 7 icons, not 20,000 copies of their outlines. fpdf names a
// template by the SHA-1 of its content and writes its templates sorted, so
// the bytes stay reproducible.
type iconTemplates map[string]fpdf.Template

func (cache iconTemplates) get(pdf *fpdf.Fpdf, ic draw.Icon) fpdf.Template {
	key := ic.Name + ic.Color.String()
	if t, ok := cache[key]; ok {
		return t
	}
	shapes, _ := iconset.For(ic.Name)
	t := pdf.CreateTemplateCustom(fpdf.PointType{}, fpdf.SizeType{Wd: iconSize, Ht: iconSize}, func(tpl *fpdf.Tpl) {
		tpl.SetFillColor(int(ic.Color.R), int(ic.Color.G), int(ic.Color.B))
		for _, sh := range shapes.In(geom.R(0, 0, iconSize, iconSize)) {
			pts := make([]fpdf.PointType, len(sh))
			for i, p := range sh {
				pts[i] = fpdf.PointType{X: p.X, Y: p.Y}
			}
			tpl.Polygon(pts, "F")
		}
	})
	// fpdf asks a template its ID (the SHA-1 of its content) at every
	// use: compute it once.
	t = cachedID{Template: t, id: t.ID()}
	cache[key] = t
	return t
}

// cachedID is a template whose ID is computed once.
type cachedID struct {
	fpdf.Template
	id string
}

func (t cachedID) ID() string { return t.id }

// lines draws a page's lines over its faces, each group with its pen set
// once, and ends every group with a solid pen again.
func lines(pdf *fpdf.Fpdf, groups []draw.Lines) {
	pdf.SetLineCapStyle("butt")
	for _, g := range groups {
		setDraw(pdf, g.Color)
		pdf.SetLineWidth(g.Width)
		if len(g.Dash) > 0 {
			pdf.SetDashPattern(g.Dash, 0)
		}
		for _, s := range g.Segs {
			pdf.Line(s.A.X, s.A.Y, s.B.X, s.B.Y)
		}
		pdf.SetDashPattern(nil, 0)
	}
}

func setFill(pdf *fpdf.Fpdf, c draw.Color) { pdf.SetFillColor(int(c.R), int(c.G), int(c.B)) }
func setDraw(pdf *fpdf.Fpdf, c draw.Color) { pdf.SetDrawColor(int(c.R), int(c.G), int(c.B)) }
