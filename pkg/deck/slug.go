package deck

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Slug turns a name into a lowercase ASCII id: "Li Wei" → "li-wei",
// "Maria Luz" → "maria-luz", "Hélène" → "helene".
func Slug(s string) string {
	plain := s
	if !isASCII(s) {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		var err error
		if plain, _, err = transform.String(t, s); err != nil {
			plain = s
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(plain) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
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
