package web

// Part of the temporary adapter (backend_build.go): a composed face as the
// SVG renderer draws it, ready to put in the page.

import (
	"bytes"
	"strings"

	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/render/svg"
)

// faceSVG draws d, a face cut at the trim, as an SVG element for the page:
// no XML declaration and no @font-face rules (the page declares Lato
// itself, from the same font files as the PDFs).
func faceSVG(d draw.Drawing, images map[string]draw.Image) string {
	var b bytes.Buffer
	if err := svg.Face(&b, &d, false, svg.Options{Images: images}); err != nil {
		return ""
	}
	s := b.String()
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	return s
}
