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
	"unicode/utf8"

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
//
// It works on the bytes of s, character by character as decoded from
// UTF-8 (an invalid byte reads as U+FFFD, as a conversion to runes would
// read it), and copies runs of characters that no rule concerns at once.
func French(s string) string {
	s = strings.ReplaceAll(s, "...", "…")
	out := make([]byte, 0, len(s)+16)
	openDouble := true
	// trimSpaces removes the spaces just written, and reports whether there were any.
	trimSpaces := func() bool {
		n := len(out)
		for {
			r, size := utf8.DecodeLastRune(out)
			if size == 0 || !isSpace(r) {
				break
			}
			out = out[:len(out)-size]
		}
		return len(out) < n
	}
	last := func() rune {
		r, size := utf8.DecodeLastRune(out)
		if size == 0 {
			return 0
		}
		return r
	}
	// skipSpaces returns the index after the spaces that start s[i:].
	skipSpaces := func(i int) int {
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isSpace(r) {
				break
			}
			i += size
		}
		return i
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && !frenchASCII[c] {
			// A run of characters no rule concerns.
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !frenchASCII[s[j]] {
				j++
			}
			out = append(out, s[i:j]...)
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\'':
			out = append(out, "’"...)
		case '"':
			if openDouble {
				out = append(out, "«\u202F"...)
				i = skipSpaces(i)
			} else {
				trimSpaces()
				out = append(out, "\u202F»"...)
			}
			openDouble = !openDouble
		case '«':
			out = append(out, "«\u202F"...)
			i = skipSpaces(i)
		case '»':
			trimSpaces()
			out = append(out, "\u202F»"...)
		case ';', '!', '?', ':':
			// Not in a URL (http://), a time or a ratio (10:30), nor inside
			// a run of the same marks (?! gets one space, before the first).
			prev := last()
			next := rune(0)
			if i < len(s) {
				next, _ = utf8.DecodeRuneInString(s[i:])
			}
			if r == ':' && (next == '/' || unicode.IsDigit(prev) && unicode.IsDigit(next)) {
				out = append(out, byte(r))
				continue
			}
			if prev == '!' || prev == '?' || prev == ';' || prev == '…' && !hadSpaceBefore(out) {
				out = append(out, byte(r))
				continue
			}
			had := trimSpaces()
			if had || prevIsWord(out) {
				if r == ':' {
					out = append(out, "\u00A0"...)
				} else {
					out = append(out, "\u202F"...)
				}
			}
			out = append(out, byte(r))
		case ' ':
			// A number stays with what it counts: its unit or currency,
			// or the word after it ("1 dollar", "20 cartes"); and the
			// groups of a large number stay together ("2 000 tonnes",
			// with a narrow no-break space).
			if unicode.IsDigit(last()) {
				switch {
				case isThousands(s[i:]):
					out = append(out, "\u202F"...)
					continue
				case isUnitStart(s[i:]) || startsWithLetter(s[i:]):
					out = append(out, "\u00A0"...)
					continue
				}
			}
			out = append(out, ' ')
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	return string(out)
}

// frenchASCII marks the ASCII characters French has a rule for.
var frenchASCII = [utf8.RuneSelf]bool{'\'': true, '"': true, ';': true, '!': true, '?': true, ':': true, ' ': true}

// prevIsWord reports whether out ends in a character other than a space or
// a line break.
func prevIsWord(out []byte) bool {
	r, size := utf8.DecodeLastRune(out)
	return size > 0 && !unicode.IsSpace(r) && r != '\n'
}

// hadSpaceBefore reports whether the character before the last one written is a space.
func hadSpaceBefore(out []byte) bool {
	_, size := utf8.DecodeLastRune(out)
	if size == 0 {
		return false
	}
	r, size := utf8.DecodeLastRune(out[:len(out)-size])
	return size > 0 && isSpace(r)
}

// isUnitStart reports whether rest starts with a unit or currency that stays
// with the number before it.
func isUnitStart(rest string) bool {
	for _, u := range units {
		if strings.HasPrefix(rest, u) {
			return true
		}
	}
	return false
}

// isThousands reports whether rest starts with a group of three digits
// that ends the number (the "000" of "2 000").
func isThousands(rest string) bool {
	if len(rest) < 3 {
		return false
	}
	for k := range 3 {
		if rest[k] < '0' || rest[k] > '9' {
			return false
		}
	}
	return len(rest) == 3 || rest[3] < '0' || rest[3] > '9'
}

// startsWithLetter reports whether rest starts with a letter: a word the
// number before it counts.
func startsWithLetter(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLetter(r)
}

var units = []string{"$", "€", "£", "%", "kWh", "kW", "MW", "GW", "TWh", "Wh", "km", "kg", "mm", "cm", "m ", "°C", "heures", "ans", "h "}

// English applies English typography to s (on its bytes, as French).
func English(s string) string {
	s = strings.ReplaceAll(s, "...", "…")
	out := make([]byte, 0, len(s)+16)
	openDouble := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && !englishASCII[c] {
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !englishASCII[s[j]] {
				j++
			}
			out = append(out, s[i:j]...)
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\'':
			prev, n := utf8.DecodeLastRune(out)
			if n == 0 {
				prev = 0
			}
			if prev == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '“' {
				out = append(out, "‘"...)
			} else {
				out = append(out, "’"...)
			}
		case '"':
			if openDouble {
				out = append(out, "“"...)
			} else {
				out = append(out, "”"...)
			}
			openDouble = !openDouble
		case ';', ':', '!', '?':
			for {
				prev, n := utf8.DecodeLastRune(out)
				if n == 0 || !isSpace(prev) {
					break
				}
				out = out[:len(out)-n]
			}
			out = append(out, byte(r))
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	return string(out)
}

// englishASCII marks the ASCII characters English has a rule for.
var englishASCII = [utf8.RuneSelf]bool{'\'': true, '"': true, ';': true, '!': true, '?': true, ':': true}
