package textfit

import (
	"fmt"
	"strings"

	"github.com/cardgen/cardgen/pkg/typeface"
)

// Run is a stretch of text in one style.
type Run struct {
	Text  string
	Style typeface.Style
}

// ParseInline splits s into runs: *italic* and **bold** switch emphasis on
// and off (nesting allowed), \* is a literal asterisk and \\ a backslash.
// An emphasis left open at the end of s is an error.
func ParseInline(s string, base typeface.Style) ([]Run, error) {
	var runs []Run
	var cur strings.Builder
	em, strong := false, false
	flush := func() {
		if cur.Len() > 0 {
			runs = append(runs, Run{Text: cur.String(), Style: base.Emphasised(em, strong)})
			cur.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '\\'):
			cur.WriteByte(s[i+1])
			i++
		case c == '*' && i+1 < len(s) && s[i+1] == '*':
			flush()
			strong = !strong
			i++
		case c == '*':
			flush()
			em = !em
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	switch {
	case strong:
		return nil, fmt.Errorf("a ** (bold) is never closed; close it, or write \\* for a literal asterisk")
	case em:
		return nil, fmt.Errorf("a * (italic) is never closed; close it, or write \\* for a literal asterisk")
	}
	return runs, nil
}

// Plain returns s without its emphasis markers, as a reader sees it.
func Plain(s string) string {
	runs, err := ParseInline(s, typeface.Regular)
	if err != nil {
		return s
	}
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}
