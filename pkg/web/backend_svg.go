package web

// ============================================================================
// TEMPORARY: part of the adapter (backend_build.go). A minimal SVG drawing
// of a composed face, cut at the trim, for the page's previews until the
// SVG renderer of pkg/render/svg lands; the lead replaces faceSVG with it.
//
// It draws what render.Write draws, in the same order and at the same
// positions (in mm, the viewBox's unit): fills, pictures, icons, shapes,
// rules, then each piece of text where the fitter put it. Text is set in
// the font family "Lato", which the page declares with @font-face (the
// same files as the PDFs), so the page shows the PDF's line breaks. No
// script, no style element, no external reference: safe to put in the page.
// ============================================================================

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/face"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/icons"
	"github.com/cardgen/cardgen/pkg/render"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// faceSVG draws f, a face of a w × h mm card, as an SVG document.
func faceSVG(f face.Face, w, h float64, images map[string]render.Image) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%smm" height="%smm" class="face" xml:space="preserve" font-family="Lato">`,
		num(w), num(h), num(w), num(h))
	for _, fill := range f.Fills {
		r := fill.Rect
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, num(r.X), num(r.Y), num(r.W), num(r.H), colour(fill.Color))
	}
	for _, img := range f.Images {
		data, ok := images[img.Key]
		if !ok {
			continue
		}
		typ := "image/png"
		if data.Type == "JPG" {
			typ = "image/jpeg"
		}
		r := img.Rect
		fmt.Fprintf(&b, `<image x="%s" y="%s" width="%s" height="%s" preserveAspectRatio="none" href="data:%s;base64,%s"/>`,
			num(r.X), num(r.Y), num(r.W), num(r.H), typ, base64.StdEncoding.EncodeToString(data.Data))
	}
	for _, ic := range f.Icons {
		shapes, ok := icons.For(ic.Name)
		if !ok {
			continue
		}
		for _, sh := range shapes.In(ic.Rect) {
			polygon(&b, sh, ic.Color)
		}
	}
	for _, sh := range f.Shapes {
		polygon(&b, sh.Points, sh.Color)
	}
	for _, r := range f.Rules {
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"/>`,
			num(r.Seg.A.X), num(r.Seg.A.Y), num(r.Seg.B.X), num(r.Seg.B.Y), colour(r.Color), num(r.Width))
	}
	for _, t := range f.Text {
		size := num(t.Size * 25.4 / 72) // points to mm
		for _, p := range t.Pieces {
			if strings.TrimSpace(p.Text) == "" {
				continue
			}
			weight, style := "", ""
			if p.Style == typeface.Bold || p.Style == typeface.BoldItalic {
				weight = ` font-weight="bold"`
			}
			if p.Style == typeface.Italic || p.Style == typeface.BoldItalic {
				style = ` font-style="italic"`
			}
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s"%s%s fill="%s">%s</text>`,
				num(t.X+p.X), num(t.Baseline), size, weight, style, colour(t.Color), escapeXML(p.Text))
		}
	}
	b.WriteString("</svg>")
	return b.String()
}

func polygon[P ~[]geom.Point](b *strings.Builder, pts P, c deck.RGB) {
	if len(pts) == 0 {
		return
	}
	b.WriteString(`<path d="`)
	for i, p := range pts {
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString("L")
		}
		b.WriteString(num(p.X) + " " + num(p.Y))
	}
	fmt.Fprintf(b, `Z" fill="%s"/>`, colour(c))
}

func colour(c deck.RGB) string { return c.String() }

// num writes a length in mm to a thousandth.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

func escapeXML(s string) string { return xmlEscaper.Replace(s) }
