// Package fonts embeds the typeface cards are set in: Lato 2.007 (regular,
// bold, italic, bold italic), TrueType outlines, SIL Open Font License 1.1
// (see OFL.txt beside this file).
package fonts

import "embed"

// FS holds the font files and their licence.
//
//go:embed *.ttf OFL.txt
var FS embed.FS

// Files names the file of each style in FS.
var Files = struct{ Regular, Bold, Italic, BoldItalic string }{
	Regular:    "Lato-Regular.ttf",
	Bold:       "Lato-Bold.ttf",
	Italic:     "Lato-Italic.ttf",
	BoldItalic: "Lato-BoldItalic.ttf",
}
