// Package typo applies a language's typographic rules to text when it is
// set on a card. Datasets stay plain (straight ' and ", ordinary spaces) and
// easy to type; the card shows:
//
// French: a narrow no-break space (U+202F) before ; ! ? and inside « »;
// a no-break space (U+00A0) before : and between a number and its unit or
// currency (1,50 $, 0,3 kWh, 40 %); ’ for '; « » for straight double quotes;
// … for three dots.
//
// English: no space before ; : ! ?; ’ for an apostrophe, ‘ ’ and “ ” for
// quotes; … for three dots.
//
// Text that already follows the rules comes out unchanged. Because the spaces
// inserted are no-break spaces, the line breaker (UAX #14) never puts
// « at the end of a line or ; : ! ? » at the start of one.
package typo

import (
	"strings"
	"unicode"

	"golang.org/x/text/language"
)

// The special spaces.
const (
	NBSP  = '\u00A0' // no-break space
	NNBSP = '\u202F' // narrow no-break space
)

// For returns the typesetting function for a language tag: French rules for
// any French tag (fr, fr-CA, fr-BE), English rules otherwise.
func For(tag string) func(string) string {
	t, _ := language.Parse(tag)
	if base, _ := t.Base(); base.String() == "fr" {
		return French
	}
	return English
}

func isSpace(r rune) bool { return r == ' ' || r == NBSP || r == NNBSP || r == '\t' }

// French applies French typography to s.
func French(s string) string {
	in := []rune(strings.ReplaceAll(s, "...", "…"))
	out := make([]rune, 0, len(in)+8)
	openDouble := true
	// trimSpaces removes the spaces just written, and reports whether there were any.
	trimSpaces := func() bool {
		n := len(out)
		for len(out) > 0 && isSpace(out[len(out)-1]) {
			out = out[:len(out)-1]
		}
		return len(out) < n
	}
	prevIsWord := func() bool { return len(out) > 0 && !unicode.IsSpace(out[len(out)-1]) && out[len(out)-1] != '\n' }
	for i := 0; i < len(in); i++ {
		r := in[i]
		next := rune(0)
		if i+1 < len(in) {
			next = in[i+1]
		}
		switch r {
		case '\'':
			out = append(out, '’')
		case '"':
			if openDouble {
				out = append(out, '«', NNBSP)
				for i+1 < len(in) && isSpace(in[i+1]) {
					i++
				}
			} else {
				trimSpaces()
				out = append(out, NNBSP, '»')
			}
			openDouble = !openDouble
		case '«':
			out = append(out, '«', NNBSP)
			for i+1 < len(in) && isSpace(in[i+1]) {
				i++
			}
		case '»':
			trimSpaces()
			out = append(out, NNBSP, '»')
		case ';', '!', '?', ':':
			// Not in a URL (http://), a time or a ratio (10:30), nor inside
			// a run of the same marks (?! gets one space, before the first).
			prev := rune(0)
			if len(out) > 0 {
				prev = out[len(out)-1]
			}
			if r == ':' && (next == '/' || unicode.IsDigit(prev) && unicode.IsDigit(next)) {
				out = append(out, r)
				continue
			}
			if prev == '!' || prev == '?' || prev == ';' || prev == '…' && !hadSpaceBefore(out) {
				out = append(out, r)
				continue
			}
			had := trimSpaces()
			space := NNBSP
			if r == ':' {
				space = NBSP
			}
			if had || prevIsWord() {
				out = append(out, space)
			}
			out = append(out, r)
		case ' ':
			// A number and its unit or currency stay together.
			if len(out) > 0 && unicode.IsDigit(out[len(out)-1]) && isUnitStart(in[i+1:]) {
				out = append(out, NBSP)
				continue
			}
			out = append(out, r)
		default:
			out = append(out, r)
		}
	}
	return string(out)
}

// hadSpaceBefore reports whether the character before the last one written is a space.
func hadSpaceBefore(out []rune) bool {
	return len(out) >= 2 && isSpace(out[len(out)-2])
}

// isUnitStart reports whether rest starts with a unit or currency that stays
// with the number before it.
func isUnitStart(rest []rune) bool {
	s := string(rest)
	for _, u := range []string{"$", "€", "£", "%", "kWh", "kW", "MW", "GW", "TWh", "Wh", "km", "kg", "mm", "cm", "m ", "°C", "heures", "ans", "h "} {
		if strings.HasPrefix(s, u) {
			return true
		}
	}
	return false
}

// English applies English typography to s.
func English(s string) string {
	in := []rune(strings.ReplaceAll(s, "...", "…"))
	out := make([]rune, 0, len(in))
	openDouble := true
	for i := 0; i < len(in); i++ {
		r := in[i]
		prev := rune(0)
		if len(out) > 0 {
			prev = out[len(out)-1]
		}
		switch r {
		case '\'':
			if prev == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '“' {
				out = append(out, '‘')
			} else {
				out = append(out, '’')
			}
		case '"':
			if openDouble {
				out = append(out, '“')
			} else {
				out = append(out, '”')
			}
			openDouble = !openDouble
		case ';', ':', '!', '?':
			for len(out) > 0 && isSpace(out[len(out)-1]) {
				out = out[:len(out)-1]
			}
			out = append(out, r)
		default:
			out = append(out, r)
		}
	}
	return string(out)
}
