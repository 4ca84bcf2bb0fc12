// Package svg writes drawings (package draw) as SVG, with the standard
// library only. A card face is one SVG sized in mm with a viewBox in mm;
// each line of text is a real <text>, each run a <tspan> at the x the text
// fitter chose, so that a browser shows the PDF's line breaks; icons and
// polygons are paths; pictures are data URLs.
//
// The font is Lato by name, from a URL the caller gives (@font-face), or
// embedded in the file as a subset (a data URL) so that one file opens
// anywhere. Browsers are told not to kern nor make ligatures: the runs were
// measured without either, as the PDF sets them.
//
// Safe to put in a web page: no script, no event attribute, no id that
// could clash with another SVG on the page, no style rule but @font-face
// (kept in the SVG's own <style>), no external reference unless a font URL
// is given; every character of the text is escaped.
package svg

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/icons"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// FontFamily is the name the SVG gives the family in its @font-face rules;
// text falls back to an installed Lato, then to any sans-serif font.
const FontFamily = "cardgen Lato"

// Options say where an SVG finds its fonts and pictures.
type Options struct {
	Family *typeface.Family
	// Images are the pictures the drawings' ImageBoxes name, by key.
	Images map[string]draw.Image
	// FontURL, when not nil, gives the URL of each style's font file, for
	// @font-face rules (a web server's address, a relative path).
	FontURL func(typeface.Style) string
	// EmbedFonts puts in the file a subset of each style's font holding the
	// characters it shows, as a data URL: the file needs nothing else.
	EmbedFonts bool
}

// Face writes one drawing, cut at its own rectangle or, when bleed is true,
// with its bleed.
func Face(w io.Writer, d *draw.Drawing, bleed bool, opts Options) error {
	return Page(w, draw.Single(d, bleed), opts)
}

// Page writes a page of drawings.
func Page(w io.Writer, p draw.Page, opts Options) error {
	bw := bufio.NewWriter(w)
	e := &writer{w: bw, opts: opts}
	e.page(p)
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

type writer struct {
	w    *bufio.Writer
	opts Options
	err  error
}

func (e *writer) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func (e *writer) write(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// num formats a length in mm: at most four decimals, no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

func (e *writer) page(p draw.Page) {
	e.write(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	e.printf(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%smm" height="%smm" viewBox="0 0 %s %s" font-family="%s" text-rendering="geometricPrecision" style="font-kerning:none;font-variant-ligatures:none;font-feature-settings:'kern' 0,'liga' 0;white-space:pre" xml:space="preserve">`+"\n",
		num(p.W), num(p.H), num(p.W), num(p.H), escape(`'`+FontFamily+`', Lato, sans-serif`))
	e.fonts(p)
	e.printf(`<rect width="%s" height="%s" fill="#FFFFFF"/>`+"\n", num(p.W), num(p.H))
	for _, pl := range p.Faces {
		// A drawing that fills the page is clipped by the page itself.
		whole := pl.Clip && pl.Rotation == 0 && pl.At == geom.R(0, 0, p.W, p.H)
		e.placed(pl, !whole && pl.Clip)
	}
	for _, g := range p.Lines {
		e.printf(`<g stroke="%s" stroke-width="%s"%s>`+"\n", g.Color, num(g.Width), dashAttr(g.Dash))
		for _, s := range g.Segs {
			e.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(s.A.X), num(s.A.Y), num(s.B.X), num(s.B.Y))
		}
		e.write("</g>\n")
	}
	e.write("</svg>\n")
}

// fonts writes the @font-face rules of the styles the page's text uses.
func (e *writer) fonts(p draw.Page) {
	if e.opts.FontURL == nil && !e.opts.EmbedFonts {
		return
	}
	used := map[typeface.Style]map[rune]bool{}
	for _, pl := range p.Faces {
		for _, t := range pl.Drawing.Text {
			for _, r := range t.Runs {
				if used[r.Style] == nil {
					used[r.Style] = map[rune]bool{}
				}
				for _, c := range r.Text {
					used[r.Style][c] = true
				}
			}
		}
	}
	if len(used) == 0 {
		return
	}
	e.write("<style>\n")
	for _, st := range typeface.Styles {
		if used[st] == nil {
			continue
		}
		var src string
		if e.opts.EmbedFonts {
			if e.opts.Family == nil {
				e.err = fmt.Errorf("no font family to embed")
				return
			}
			runes := make([]rune, 0, len(used[st]))
			for r := range used[st] {
				runes = append(runes, r)
			}
			slices.Sort(runes)
			font, err := subset(e.opts.Family.Face(st).Data, runes)
			if err != nil {
				e.err = fmt.Errorf("font %s %s: %w", e.opts.Family.Name, st, err)
				return
			}
			src = "data:font/ttf;base64," + base64.StdEncoding.EncodeToString(font)
		} else {
			src = e.opts.FontURL(st)
		}
		weight, style := weightAndStyle(st)
		e.printf("@font-face { font-family: '%s'; font-weight: %s; font-style: %s; src: url(%s) format('truetype'); }\n",
			FontFamily, weight, style, cssURL(src))
	}
	e.write("</style>\n")
}

func weightAndStyle(st typeface.Style) (weight, style string) {
	weight, style = "400", "normal"
	if st == typeface.Bold || st == typeface.BoldItalic {
		weight = "700"
	}
	if st == typeface.Italic || st == typeface.BoldItalic {
		style = "italic"
	}
	return
}

// cssURL quotes a URL for url(…) inside a <style> element.
func cssURL(u string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range u {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r == '<' || r == '>' || r == '&':
			// Escaped so that neither CSS nor the XML around it sees them.
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func dashAttr(dash []float64) string {
	if len(dash) == 0 {
		return ""
	}
	parts := make([]string, len(dash))
	for i, d := range dash {
		parts[i] = num(d)
	}
	return ` stroke-dasharray="` + strings.Join(parts, " ") + `"`
}

// placed writes a drawing where the page puts it: in a nested <svg> whose
// viewport clips it to its rectangle when asked (no clipPath, so no id).
func (e *writer) placed(pl draw.Placed, clip bool) {
	d := pl.Drawing
	if pl.Rotation != 0 {
		e.printf(`<g transform="rotate(%d %s %s)">`+"\n", pl.Rotation, num(pl.At.X+pl.At.W/2), num(pl.At.Y+pl.At.H/2))
	}
	if clip {
		e.printf(`<svg x="%s" y="%s" width="%s" height="%s" viewBox="0 0 %s %s" overflow="hidden">`+"\n",
			num(pl.At.X), num(pl.At.Y), num(pl.At.W), num(pl.At.H), num(d.W), num(d.H))
	} else if pl.At.X != 0 || pl.At.Y != 0 {
		e.printf(`<g transform="translate(%s %s)">`+"\n", num(pl.At.X), num(pl.At.Y))
	}
	e.drawing(d)
	if clip {
		e.write("</svg>\n")
	} else if pl.At.X != 0 || pl.At.Y != 0 {
		e.write("</g>\n")
	}
	if pl.Rotation != 0 {
		e.write("</g>\n")
	}
}

// drawing writes d's layers in the order package draw gives them.
func (e *writer) drawing(d *draw.Drawing) {
	for _, f := range d.Fills {
		e.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", num(f.Rect.X), num(f.Rect.Y), num(f.Rect.W), num(f.Rect.H), f.Color)
	}
	for _, box := range d.Images {
		img, ok := e.opts.Images[box.Key]
		if !ok {
			e.err = fmt.Errorf("no picture %q to draw", box.Key)
			return
		}
		mime := "image/png"
		if img.Type == "JPG" || img.Type == "JPEG" {
			mime = "image/jpeg"
		}
		e.printf(`<image x="%s" y="%s" width="%s" height="%s" preserveAspectRatio="none" href="data:%s;base64,%s"/>`+"\n",
			num(box.Rect.X), num(box.Rect.Y), num(box.Rect.W), num(box.Rect.H), mime, base64.StdEncoding.EncodeToString(img.Data))
	}
	for _, ic := range d.Icons {
		shapes, ok := icons.For(ic.Name)
		if !ok {
			e.err = fmt.Errorf("no icon named %q", ic.Name)
			return
		}
		for _, sh := range shapes.In(ic.Rect) {
			e.polygon(sh, ic.Color)
		}
	}
	for _, sh := range d.Shapes {
		e.polygon(sh.Points, sh.Color)
	}
	for _, r := range d.Rules {
		e.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>`+"\n",
			num(r.Seg.A.X), num(r.Seg.A.Y), num(r.Seg.B.X), num(r.Seg.B.Y), r.Color, num(r.Width), dashAttr(r.Dash))
	}
	for _, t := range d.Text {
		e.text(t)
	}
}

func (e *writer) polygon(pts []geom.Point, c draw.Color) {
	if len(pts) < 3 {
		return
	}
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			b.WriteByte('M')
		} else {
			b.WriteString(" L")
		}
		b.WriteString(num(p.X))
		b.WriteByte(' ')
		b.WriteString(num(p.Y))
	}
	b.WriteString(" Z")
	e.printf(`<path d="%s" fill="%s"/>`+"\n", b.String(), c)
}

// text writes a line as one <text>, a <tspan> per run at its own x.
func (e *writer) text(t draw.Text) {
	e.printf(`<text x="%s" y="%s" font-size="%s" fill="%s">`, num(t.X), num(t.Baseline), num(geom.PtToMM(t.Size)), t.Color)
	for _, r := range t.Runs {
		weight, style := weightAndStyle(r.Style)
		attrs := ""
		if weight != "400" {
			attrs += ` font-weight="` + weight + `"`
		}
		if style != "normal" {
			attrs += ` font-style="` + style + `"`
		}
		if r.W > 0 {
			// The run's width as measured for the PDF: a browser spreads
			// its own rounding over the gaps between letters.
			attrs = ` textLength="` + num(r.W) + `" lengthAdjust="spacing"` + attrs
		}
		e.printf(`<tspan x="%s"%s>%s</tspan>`, num(t.X+r.X), attrs, escape(r.Text))
	}
	e.write("</text>\n")
}

// escape makes s safe as XML character data or an attribute value: markup
// characters as entities, spaces other than the plain one (no-break,
// narrow no-break, thin…) and invisible format characters as numeric
// references, so that they survive editors and are visible in the source;
// characters XML forbids are dropped.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&apos;")
		case !xmlChar(r):
			// Not allowed in XML 1.0 at all.
		case r != ' ' && (unicode.Is(unicode.Zs, r) || unicode.Is(unicode.Cf, r) || r == '\t' || r == '\n' || r == '\r'):
			fmt.Fprintf(&b, "&#x%X;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
