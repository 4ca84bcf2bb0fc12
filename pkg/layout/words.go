package layout

import "github.com/cardgen/cardgen/pkg/choice"

// The closed sets of words a layout, or a build's print options, take: each
// a type with its own parser, whose error (a *choice.Error) says the value
// and what is allowed.

// MarkStyle is what is drawn to cut along.
type MarkStyle string

// The mark styles.
const (
	MarksCrop MarkStyle = "crop" // short marks at each corner, in the margins and gutters
	MarksCut  MarkStyle = "cut"  // dashed lines along each whole cut
	MarksNone MarkStyle = "none"
)

// MarkStyles lists the mark styles, in the order to offer them.
var MarkStyles = []MarkStyle{MarksCrop, MarksCut, MarksNone}

// ParseMarkStyle reads a mark style, in any case.
func ParseMarkStyle(s string) (MarkStyle, error) {
	return choice.Parse("mark style", s, MarkStyles...)
}

// Duplexes lists the duplex edges, in the order to offer them.
var Duplexes = []Duplex{DuplexLong, DuplexShort, DuplexNone}

// ParseDuplex reads a duplex edge, in any case.
func ParseDuplex(s string) (Duplex, error) {
	return choice.Parse("duplex", s, Duplexes...)
}

// Folds lists the fold directions.
var Folds = []Fold{FoldNone, FoldHorizontal, FoldVertical}

// ParseFold reads a fold direction, in any case.
func ParseFold(s string) (Fold, error) {
	return choice.Parse("fold", s, Folds...)
}

// Faces is which sides of the cards a file holds.
type Faces string

// The choices of faces.
const (
	BothFaces  Faces = "both"
	FrontsOnly Faces = "fronts"
	BacksOnly  Faces = "backs"
)

// FacesChoices lists the choices of faces, in the order to offer them.
var FacesChoices = []Faces{BothFaces, FrontsOnly, BacksOnly}

// ParseFaces reads a choice of faces, in any case; "" is both.
func ParseFaces(s string) (Faces, error) {
	if s == "" {
		return BothFaces, nil
	}
	return choice.Parse("faces", s, FacesChoices...)
}

// Sides lists the sides f holds, fronts first.
func (f Faces) Sides() []Side {
	switch f {
	case FrontsOnly:
		return []Side{Front}
	case BacksOnly:
		return []Side{Back}
	}
	return []Side{Front, Back}
}

// One reports whether f holds one side only.
func (f Faces) One() bool { return f == FrontsOnly || f == BacksOnly }

// words lists a set's words as strings, for the file reader.
func words[T ~string](set []T) []string {
	out := make([]string, len(set))
	for i, w := range set {
		out[i] = string(w)
	}
	return out
}
