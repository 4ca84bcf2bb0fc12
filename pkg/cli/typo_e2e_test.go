package cli_test

import (
	"bytes"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
)

// tdTj finds each piece of text: fpdf writes each styled piece of a line as
// a literal string and Tj after a Td at the line's baseline; with its
// Unicode fonts the string holds the characters' code points as UTF-16BE.
var tdTj = regexp.MustCompile(`BT ([\d.]+) ([\d.]+) Td \(`)

// literal reads a PDF literal string starting just after its "(", and
// returns its bytes.
func literal(s string) []byte {
	var out []byte
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			switch e := s[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := 0
				for k := 0; k < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; k++ {
					v = v*8 + int(s[i]-'0')
					i++
				}
				i--
				out = append(out, byte(v))
			default:
				out = append(out, e)
			}
		case c == '(':
			depth++
			out = append(out, c)
		case c == ')' && depth == 0:
			return out
		case c == ')':
			depth--
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

// pdfLines reads back every line of text of every page, in pure Go: the
// pieces of a line share their baseline; they are joined in x order.
func pdfLines(t *testing.T, pdf []byte) [][]string {
	t.Helper()
	var pages [][]string
	err := api.ExtractContent(bytes.NewReader(pdf), nil, func(r io.Reader, page int) error {
		content, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		type piece struct {
			x    float64
			text string
		}
		lines := map[string][]piece{}
		var ys []string
		text := string(content)
		for _, m := range tdTj.FindAllStringSubmatchIndex(text, -1) {
			x, _ := strconv.ParseFloat(text[m[2]:m[3]], 64)
			y := text[m[4]:m[5]]
			b := literal(text[m[1]:])
			var s strings.Builder
			for i := 0; i+2 <= len(b); i += 2 {
				s.WriteRune(rune(b[i])<<8 | rune(b[i+1]))
			}
			if _, ok := lines[y]; !ok {
				ys = append(ys, y)
			}
			lines[y] = append(lines[y], piece{x, s.String()})
		}
		var out []string
		for _, y := range ys {
			ps := lines[y]
			slices.SortFunc(ps, func(a, b piece) int {
				if a.x < b.x {
					return -1
				}
				return 1
			})
			var s strings.Builder
			for _, p := range ps {
				s.WriteString(p.text)
			}
			out = append(out, s.String())
		}
		for len(pages) < page {
			pages = append(pages, nil)
		}
		pages[page-1] = out
		return nil
	}, relaxed())
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// TestFrenchTypographyOnPaper reads the French deck's lines back from the
// PDF: no line starts with ; : ! ? », none ends with «, a narrow no-break
// space stands before every ? ! ; and inside « », a no-break space before
// every colon, and apostrophes are typographic.
func TestFrenchTypographyOnPaper(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"tarot", "poker"} { // one face per page: a baseline is one line
		pages := pdfLines(t, defaultPDF(t, name).data)
		n := 0
		for p, lines := range pages {
			for _, l := range lines {
				n++
				where := func(msg string) { t.Errorf("%s page %d: %s: %q", name, p+1, msg, l) }
				if strings.ContainsAny(l[:1], ";:!?»") {
					where("line starts with punctuation")
				}
				if strings.HasSuffix(l, "«") || strings.HasSuffix(l, "«\u202F") {
					where("line ends with «")
				}
				rs := []rune(l)
				for i, r := range rs {
					switch {
					case strings.ContainsRune("?!;", r) && i > 0 && !strings.ContainsRune("?!;\u202F", rs[i-1]):
						where("no narrow no-break space before " + string(r))
					case r == ':' && i > 0 && rs[i-1] != '\u00A0' && !(i+1 < len(rs) && (rs[i+1] == '/' || isDigit(rs[i+1]))):
						where("no no-break space before :")
					case r == '«' && (i+1 >= len(rs) || rs[i+1] != '\u202F'):
						where("no narrow no-break space after «")
					case r == '»' && (i == 0 || rs[i-1] != '\u202F'):
						where("no narrow no-break space before »")
					case r == '\'':
						where("straight apostrophe")
					}
				}
			}
		}
		if n < 300 {
			t.Errorf("%s: read only %d lines back", name, n)
		}
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
