package face

import (
	"fmt"
	"strconv"
)

// Part is what a field of a card shows: a field of the persona, of its
// category or of the deck, or a word of cardgen's own.
type Part uint8

// The parts of a card that can fail to compose.
const (
	Name Part = iota + 1
	Role
	Country
	Text       // the first-person text on the front
	Condition  // one condition (Field.Index says which)
	Conditions // the conditions, set together on the back
	// ConditionsAndImpact is the conditions and the impact when they are
	// fitted as one block (a portrait back).
	ConditionsAndImpact
	Impact
	Heading       // a heading of the back (cardgen's own words)
	DeckTitle     // the deck's title, in the footer
	CommonTitle   // the deck's title, on the common back
	CategoryLabel // the category's label, in the front's band
	CardNumber    // the card's number in the footer
)

// Field names the part of a card a problem is about, as a value: callers
// map it to where the part is written without reading any text.
type Field struct {
	Part Part
	// Index is the 1-based index of the condition, for Condition.
	Index int
}

// String is the field as messages name it: "name", "conditions[2]",
// "conditions and impact", "deck title".
func (f Field) String() string {
	switch f.Part {
	case Name:
		return "name"
	case Role:
		return "role"
	case Country:
		return "country"
	case Text:
		return "text"
	case Condition:
		return "conditions[" + strconv.Itoa(f.Index) + "]"
	case Conditions:
		return "conditions"
	case ConditionsAndImpact:
		return "conditions and impact"
	case Impact:
		return "impact"
	case Heading:
		return "heading"
	case DeckTitle:
		return "deck title"
	case CommonTitle:
		return "deck title on the common back"
	case CategoryLabel:
		return "category"
	case CardNumber:
		return "card number"
	}
	return fmt.Sprintf("Part(%d)", f.Part)
}

// Side is the face of a card.
type Side uint8

// The two faces.
const (
	Front Side = iota
	Back
)

func (s Side) String() string {
	if s == Back {
		return "back"
	}
	return "front"
}

// FieldError says a field cannot be set on its card.
type FieldError struct {
	Card  string // the persona's id
	Side  Side
	Field Field
	Err   error
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Side, e.Field, e.Err)
}

func (e *FieldError) Unwrap() error { return e.Err }
