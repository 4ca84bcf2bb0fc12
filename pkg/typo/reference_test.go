package typo

import (
	"strings"
	"unicode"
)

// refFrench is French as it was written first, on runes: the reference
// the faster French is compared with.
func refFrench(s string) string {
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
			if prev == '!' || prev == '?' || prev == ';' || prev == '…' && !refHadSpaceBefore(out) {
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
			// A number and its unit or currency, or the word it counts,
			// stay together; so do the groups of its digits.
			if len(out) > 0 && unicode.IsDigit(out[len(out)-1]) {
				rest := in[i+1:]
				if len(rest) >= 3 && refASCIIDigits(rest[:3]) && (len(rest) == 3 || !refASCIIDigits(rest[3:4])) {
					out = append(out, NNBSP)
					continue
				}
				if refIsUnitStart(rest) || len(rest) > 0 && unicode.IsLetter(rest[0]) {
					out = append(out, NBSP)
					continue
				}
			}
			out = append(out, r)
		default:
			out = append(out, r)
		}
	}
	return string(out)
}

// refASCIIDigits reports whether rs are all digits 0 to 9.
func refASCIIDigits(rs []rune) bool {
	for _, r := range rs {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// hadSpaceBefore reports whether the character before the last one written is a space.
func refHadSpaceBefore(out []rune) bool {
	return len(out) >= 2 && isSpace(out[len(out)-2])
}

// isUnitStart reports whether rest starts with a unit or currency that stays
// with the number before it.
func refIsUnitStart(rest []rune) bool {
	s := string(rest)
	for _, u := range []string{"$", "€", "£", "%", "kWh", "kW", "MW", "GW", "TWh", "Wh", "km", "kg", "mm", "cm", "m ", "°C", "heures", "ans", "h "} {
		if strings.HasPrefix(s, u) {
			return true
		}
	}
	return false
}

// refEnglish is English as it was written first, on runes.
func refEnglish(s string) string {
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
