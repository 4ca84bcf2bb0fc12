package deck

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Slug turns a name into a lowercase ASCII id: "Li Wei" → "li-wei",
// "Maria Luz" → "maria-luz", "Hélène" → "helene", "Łukasz" → "lukasz",
// "Straße" → "strasse".
//
// Letters with marks lose them (NFKD, then the marks removed: é → e,
// ĳ → ij, ﬁ → fi); letters that Unicode does not decompose (Æ, Ø, Ł, ß,
// Đ, Þ, …) are spelt as their languages spell them in ASCII (latinLetters).
// Other scripts have no ASCII spelling here: they are left out, and a
// name of only such letters gives no id.
func Slug(s string) string {
	plain := s
	if !isASCII(s) {
		t := transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		var err error
		if plain, _, err = transform.String(t, s); err != nil {
			plain = s
		}
	}
	var b strings.Builder
	dash := false
	letter := func(r rune) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	for _, r := range plain {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			letter(r)
		case r >= 0x80 && latinLetters[r] != "":
			for _, c := range latinLetters[r] {
				letter(c)
			}
		default:
			dash = true
		}
	}
	return b.String()
}

// latinLetters spells in ASCII the Latin letters that have no
// decomposition into a base letter and marks, as their languages
// transliterate them (Danish and Norwegian æ, ø; Polish ł; German ß; Azerbaijani ə;
// Serbo-Croatian and Vietnamese đ; Icelandic þ, ð; Turkish ı; …).
var latinLetters = map[rune]string{
	'Æ': "ae", 'æ': "ae", 'Ǽ': "ae", 'ǽ': "ae", 'Ǣ': "ae", 'ǣ': "ae",
	'Œ': "oe", 'œ': "oe",
	'Ø': "o", 'ø': "o", 'Ɔ': "o", 'ɔ': "o",
	'ß': "ss", 'ẞ': "ss",
	'Đ': "d", 'đ': "d", 'Ð': "d", 'ð': "d", 'Ɖ': "d", 'ɖ': "d",
	'Þ': "th", 'þ': "th",
	'Ł': "l", 'ł': "l", 'Ƚ': "l", 'ƚ': "l",
	'Ħ': "h", 'ħ': "h",
	'ı': "i", 'Ɨ': "i", 'ɨ': "i",
	'ĸ': "k",
	'Ŋ': "ng", 'ŋ': "ng",
	'Ŧ': "t", 'ŧ': "t",
	'ſ': "s",
	'Ə': "a", 'ə': "a", 'Ɛ': "e", 'ɛ': "e",
	'Ƒ': "f", 'ƒ': "f",
	'Ƴ': "y", 'ƴ': "y",
	'Ʒ': "z", 'ʒ': "z",
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// IsSlug reports whether s is a valid id: lowercase ASCII letters and digits
// in groups joined by single hyphens.
func IsSlug(s string) bool { return s != "" && Slug(s) == s }
