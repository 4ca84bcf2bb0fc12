package textfit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cardgen/cardgen/pkg/typeface"
)

// Run is a stretch of text in one style.
type Run struct {
	Text  string
	Style typeface.Style
}

// ParseInline splits s into runs: *italic* and **bold** switch emphasis on
// and off (nesting allowed), \* is a literal asterisk and \\ a backslash.
//
// Asterisks pair as in Markdown (CommonMark's rules for *): a run of them
// can open emphasis when a character other than a space follows it, close
// it when one precedes it, and a closing run pairs with the nearest opening
// run before it. An asterisk that pairs with none is printed as typed:
// 3*4 = 12, a * b, or a *word whose emphasis is never closed keep their
// asterisk, so that nothing typed disappears. The error is always nil; it
// is kept so that callers need not change if a future markup can fail.
func ParseInline(s string, base typeface.Style) ([]Run, error) {
	if !strings.ContainsAny(s, `*\`) {
		if s == "" {
			return nil, nil
		}
		return []Run{{Text: s, Style: base}}, nil
	}
	m := scanInline(s)
	m.match()

	var runs []Run
	var cur strings.Builder
	em, strong := 0, 0
	flush := func() {
		if cur.Len() > 0 {
			runs = append(runs, Run{Text: cur.String(), Style: base.Emphasised(em > 0, strong > 0)})
			cur.Reset()
		}
	}
	// apply opens (by +1) or closes (by -1) the emphasis of event e.
	apply := func(e int32, by int) {
		flush()
		if m.events[e].n == 2 {
			strong += by
		} else {
			em += by
		}
	}
	k := 0 // the next run of asterisks
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '\\'):
			cur.WriteByte(s[i+1])
			i += 2
		case c == '*':
			d := &m.delims[k]
			k++
			// The asterisks used to close come first, then those left as
			// typed, then those used to open (outermost first).
			for e := d.closes; e >= 0; e = m.events[e].next {
				apply(e, -1)
			}
			for range d.n {
				cur.WriteByte('*')
			}
			for e := d.opens; e >= 0; e = m.events[e].next {
				apply(e, +1)
			}
			i += int(d.length)
		default:
			// Copy up to the next character that may be markup.
			j := i + 1
			for j < len(s) && s[j] != '*' && s[j] != '\\' {
				j++
			}
			cur.WriteString(s[i:j])
			i = j
		}
	}
	flush()
	return runs, nil
}

// delimiter is a run of asterisks, and what matching made of it.
type delimiter struct {
	n, length          int32 // asterisks not used yet; asterisks in the run
	canOpen, canClose  bool  // CommonMark's left- and right-flanking
	prev, next         int32 // neighbours among the runs still open to matching, or -1
	opens, closes, end int32 // lists of events: opens outermost first, closes innermost first (end is its last)
}

// event is an emphasis of n asterisks (1 italic, 2 bold) that a run opens
// or closes; next is the following event of the run's list, or -1.
type event struct{ n, next int32 }

type matcher struct {
	delims []delimiter
	events []event
}

// scanInline finds the runs of asterisks of s (\* is not one) and whether
// each can open or close emphasis.
func scanInline(s string) *matcher {
	m := &matcher{delims: make([]delimiter, 0, strings.Count(s, "*"))}
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '\\'):
			i += 2
		case c == '*':
			j := i
			for j < len(s) && s[j] == '*' {
				j++
			}
			before, after := ' ', ' ' // the ends of s count as spaces
			if i > 0 {
				before, _ = utf8.DecodeLastRuneInString(s[:i])
			}
			if j < len(s) {
				after, _ = utf8.DecodeRuneInString(s[j:])
			}
			left := !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before))
			right := !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after))
			k := int32(len(m.delims))
			m.delims = append(m.delims, delimiter{n: int32(j - i), length: int32(j - i), canOpen: left, canClose: right,
				prev: k - 1, next: k + 1, opens: -1, closes: -1, end: -1})
			i = j
		default:
			i++
		}
	}
	if n := len(m.delims); n > 0 {
		m.delims[n-1].next = -1
	}
	return m
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }
func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

func (m *matcher) unlink(k int32) {
	d := &m.delims[k]
	if d.prev >= 0 {
		m.delims[d.prev].next = d.next
	}
	if d.next >= 0 {
		m.delims[d.next].prev = d.prev
	}
}

// match pairs closing runs with opening runs, as CommonMark's "process
// emphasis" does, in time linear in the number of runs: a closer looks
// back for the nearest opener, never below where an earlier closer of its
// kind found none.
func (m *matcher) match() {
	var bottom [2][3]int32 // per (closer can open, length mod 3): the run at which the search stops
	for i := range bottom {
		for j := range bottom[i] {
			bottom[i][j] = -1
		}
	}
	b2i := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	for c := int32(0); c >= 0 && int(c) < len(m.delims); {
		cl := &m.delims[c]
		if !cl.canClose {
			c = cl.next
			continue
		}
		bot := &bottom[b2i(cl.canOpen)][cl.length%3]
		o := cl.prev
		for ; o >= 0 && o != *bot; o = m.delims[o].prev {
			op := &m.delims[o]
			// The rule of three: a run that can both open and close
			// does not pair when the lengths add up to a multiple of 3.
			odd := (op.canClose || cl.canOpen) && (op.length+cl.length)%3 == 0 && (op.length%3 != 0 || cl.length%3 != 0)
			if op.canOpen && !odd {
				break
			}
		}
		if o < 0 || o == *bot {
			*bot = cl.prev
			next := cl.next
			if !cl.canOpen {
				m.unlink(c)
			}
			c = next
			continue
		}
		op := &m.delims[o]
		use := int32(1)
		if op.n >= 2 && cl.n >= 2 {
			use = 2
		}
		op.n -= use
		cl.n -= use
		// The opener's list grows at its head (this pair is inside the
		// earlier ones), the closer's at its end.
		m.events = append(m.events, event{n: use, next: op.opens})
		op.opens = int32(len(m.events) - 1)
		m.events = append(m.events, event{n: use, next: -1})
		e := int32(len(m.events) - 1)
		if cl.end >= 0 {
			m.events[cl.end].next = e
		} else {
			cl.closes = e
		}
		cl.end = e
		// The runs between the pair are left as typed.
		op.next, cl.prev = c, o
		if op.n == 0 {
			m.unlink(o)
		}
		if cl.n == 0 {
			next := cl.next
			m.unlink(c)
			c = next
		}
	}
}

// Plain returns s without its emphasis markers, as a reader sees it.
func Plain(s string) string {
	runs, _ := ParseInline(s, typeface.Regular)
	if len(runs) == 1 {
		return runs[0].Text
	}
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}
