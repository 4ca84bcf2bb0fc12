// Package textfit sets text in boxes: it parses inline emphasis, breaks
// paragraphs into lines at the places the Unicode line-breaking algorithm
// (UAX #14) allows, and finds the largest type size, between a maximum and a
// minimum, at which a block of paragraphs fits a box.
//
// Everything is measured with the font's own advance widths (package
// typeface), so the lines computed here are the lines the renderer draws:
// a test can check that no text leaves its box without opening a PDF.
//
// Fitting is fast enough to run on every keystroke: a paragraph is cut at
// its break opportunities and its pieces are measured once, in thousandths
// of an em, and each size tried only scales and adds those widths (widths
// are linear in the size, so the lines are bit for bit those of measuring
// anew). Prepare keeps a block so measured for every box and size a
// caller tries it in (a card tries its text with the map and without). Since a block that fits at a size fits at every smaller one, Fit
// finds the largest size by galloping down from the maximum and halving,
// not by trying each size in turn; and a block that needs many times its
// box even counting only its characters' widths is rejected from that
// alone. reference_test.go keeps the straightforward implementation, which
// the tests compare with on the default decks and on random text.
//
// Why not fpdf's MultiCell or SplitText: MultiCell breaks only at U+0020 and
// SplitText breaks at no-break spaces, which splits « guillemets » and
// "1,50 $" from their words. Here a no-break space never breaks, a hyphen or
// slash may, and a word longer than the line is an error, never silently cut.
package textfit
