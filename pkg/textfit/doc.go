// Package textfit sets text in boxes: it parses inline emphasis, breaks
// paragraphs into lines at the places the Unicode line-breaking algorithm
// (UAX #14) allows, and finds the largest type size, between a maximum and a
// minimum, at which a block of paragraphs fits a box.
//
// Everything is measured with the font's own advance widths (package
// typeface), so the lines computed here are the lines the renderer draws:
// a test can check that no text leaves its box without opening a PDF.
//
// Why not fpdf's MultiCell or SplitText: MultiCell breaks only at U+0020 and
// SplitText breaks at no-break spaces, which splits « guillemets » and
// "1,50 $" from their words. Here a no-break space never breaks, a hyphen or
// slash may, and a word longer than the line is an error, never silently cut.
package textfit
