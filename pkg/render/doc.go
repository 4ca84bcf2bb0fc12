// Package render is where the renderers live, each in its own package,
// each painting the same drawings (package draw) and nothing else:
//
//   - render/pdf: pages of drawings as a print-ready PDF (fpdf, the only
//     package that imports it);
//   - render/svg: a drawing or a page as SVG, with the standard library only;
//   - render/png: a drawing or a page as pixels (x/image/vector, sfnt).
//
// None of them knows a persona, a deck or a layout: composition (packages
// face, guide, calibrate) and imposition (package impose) decide everything,
// and a renderer only draws. The test in this directory checks these import
// rules over the whole repository.
package render
