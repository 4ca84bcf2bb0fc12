package yamldoc

import (
	"strings"
	"unicode/utf8"
)

// A sketch of a YAML text: enough of its structure, read line by line, to
// say where a syntax error is and what it is, once the YAML library has
// said there is one. It notes which lines start inside a quoted value, a
// [ ] or { } collection or a block of text (| or >), whose indentation
// means nothing; where each quoted value and each collection opens and
// closes. It is not a YAML parser: on a text the library accepts, it is
// never used.

// mark is a place in the text: a line and a column in characters, from 1.
type mark struct{ line, col int }

type quoteSpan struct {
	open mark
	end  int // the line where it closes; 0 if it never does
}

type sketch struct {
	lines  []string
	ends   []int  // byte offset just after each line (its line break included)
	inside []bool // the line starts inside a quoted value, a collection or a block of text
	quotes []quoteSpan
	flows  []mark // collections never closed, outermost first
}

func newSketch(data []byte) *sketch {
	text := string(data)
	sk := &sketch{}
	off := 0
	for {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			sk.lines = append(sk.lines, strings.TrimSuffix(text[off:], "\r"))
			sk.ends = append(sk.ends, len(text))
			break
		}
		sk.lines = append(sk.lines, strings.TrimSuffix(text[off:off+i], "\r"))
		off += i + 1
		sk.ends = append(sk.ends, off)
	}
	sk.scan()
	return sk
}

// end returns the byte offset just after line n.
func (sk *sketch) end(n int) int { return sk.ends[n-1] }

// indent returns how many spaces begin line n.
func (sk *sketch) indent(n int) int {
	l := sk.lines[n-1]
	return len(l) - len(strings.TrimLeft(l, " "))
}

// blank reports whether line n holds nothing but spaces or a comment.
func (sk *sketch) blank(n int) bool {
	t := strings.TrimSpace(sk.lines[n-1])
	return t == "" || t[0] == '#'
}

// at returns the character at m.
func (sk *sketch) at(m mark) rune {
	l := sk.lines[m.line-1]
	r, _ := utf8.DecodeRuneInString(l[byteAt(l, m.col):])
	return r
}

// previous returns the line before n that holds structure (not blank, not
// inside a value of several lines), or 0.
func (sk *sketch) previous(n int) int {
	for m := n - 1; m >= 1; m-- {
		if !sk.inside[m-1] && !sk.blank(m) {
			return m
		}
	}
	return 0
}

// find returns where s first appears, not followed by a letter or digit.
func (sk *sketch) find(s string) (mark, bool) {
	for n, l := range sk.lines {
		for off := 0; ; {
			i := strings.Index(l[off:], s)
			if i < 0 {
				break
			}
			i += off
			r, _ := utf8.DecodeRuneInString(l[i+len(s):])
			if i+len(s) == len(l) || !isWordRune(r) {
				return mark{n + 1, utf8.RuneCountInString(l[:i]) + 1}, true
			}
			off = i + 1
		}
	}
	return mark{}, false
}

func isWordRune(r rune) bool {
	return r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80
}

// unclosedFlow returns where the outermost collection that is never
// closed opens.
func (sk *sketch) unclosedFlow() (mark, bool) {
	if len(sk.flows) == 0 {
		return mark{}, false
	}
	return sk.flows[0], true
}

// unclosedQuote returns where a quoted value that never closes opens.
func (sk *sketch) unclosedQuote(n int) (mark, bool) {
	for _, q := range sk.quotes {
		if q.end == 0 && q.open.line <= n {
			return q.open, true
		}
	}
	return mark{}, false
}

// quoteEndingOn returns where a quoted value that closes on line n opens,
// when it opens on an earlier line and has swallowed a line that does not
// continue it (one indented no deeper than its own): a quote left open
// by mistake and closed by the next value's opening quote.
func (sk *sketch) quoteEndingOn(n int) (mark, bool) {
	for _, q := range sk.quotes {
		if q.end != n || q.open.line >= n {
			continue
		}
		for m := q.open.line + 1; m <= n; m++ {
			if !sk.blankText(m) && sk.indent(m) <= sk.indent(q.open.line) {
				return q.open, true
			}
		}
	}
	return mark{}, false
}

func (sk *sketch) blankText(n int) bool { return strings.TrimSpace(sk.lines[n-1]) == "" }

// valueStarting returns the column of a value on line n (after the
// indentation, a "- " or a key's ": ") that starts with one of chars.
func (sk *sketch) valueStarting(n int, chars string) (int, bool) {
	l := sk.lines[n-1]
	i := len(l) - len(strings.TrimLeft(l, " "))
	for {
		for strings.HasPrefix(l[i:], "- ") {
			i += 2
			for i < len(l) && l[i] == ' ' {
				i++
			}
		}
		if i < len(l) && strings.IndexByte(chars, l[i]) >= 0 {
			return utf8.RuneCountInString(l[:i]) + 1, true
		}
		c := colonIn(l[i:])
		if c < 0 {
			return 0, false
		}
		i += c + 1
		for i < len(l) && l[i] == ' ' {
			i++
		}
	}
}

// level is an indentation that lines above a line set: a key's, or a
// list item's.
type level struct {
	key, dash bool
	line      int    // the nearest line that sets it
	what      string // "name:", "the item"
}

// levels returns the indentations that the lines above line n set, each
// with the nearest line that sets it: the keys and items that n may line
// up with (its siblings, and those of its parents). children is the
// indentation beyond which a line is a child of the line above it (a key
// with no value on its line, a "-" alone), or -1.
func (sk *sketch) levels(n int) (map[int]level, int) {
	out := map[int]level{}
	children := -1
	limit := 1 << 30
	first := true
	for m := n - 1; m >= 1 && limit > 0; m-- {
		if sk.inside[m-1] || sk.blank(m) {
			continue
		}
		l := sk.lines[m-1]
		ind := sk.indent(m)
		key, rest, isKey := keyOf(l)
		dash := isDash(l)
		if first {
			first = false
			if isKey && strings.TrimSpace(strings.SplitN(rest, " #", 2)[0]) == "" || dash && strings.TrimSpace(strings.TrimLeft(l, " -")) == "" {
				children = ind
				if isKey {
					children = contentColumn(l)
				}
			}
		}
		if !isKey && !dash || ind >= limit {
			continue
		}
		add := func(col int, lv level) {
			if _, ok := out[col]; !ok {
				out[col] = lv
			}
		}
		if dash {
			add(ind, level{dash: true, line: m, what: "the item"})
			if isKey {
				add(contentColumn(l), level{key: true, line: m, what: key + ":"})
			}
		} else {
			add(ind, level{key: true, line: m, what: key + ":"})
		}
		limit = ind
	}
	return out, children
}

// contentColumn returns the indentation of a line's content after its
// dashes: 4 for "  - id: a".
func contentColumn(l string) int {
	t := strings.TrimLeft(l, " ")
	for strings.HasPrefix(t, "- ") {
		t = strings.TrimLeft(t[2:], " ")
	}
	return len(l) - len(t)
}

// closest returns the level nearest to ind that a line may line up with:
// a key's for a key; a list item's, else a key's, for an item. Of two as
// near, the one set by the nearer line.
func closest(levels map[int]level, ind int, key bool) (int, bool) {
	best, found := 0, false
	better := func(col int) bool {
		if !found {
			return true
		}
		d, bd := abs(col-ind), abs(best-ind)
		return d < bd || d == bd && levels[col].line > levels[best].line
	}
	for _, pass := range []bool{false, true} {
		for col, lv := range levels {
			ok := lv.key
			if !key && !pass {
				ok = lv.dash
			}
			if ok && col != ind && better(col) {
				best, found = col, true
			}
		}
		if found || key {
			break
		}
	}
	return best, found
}

// deeperDash returns the nearest list item's indentation deeper than ind.
func deeperDash(levels map[int]level, ind int) (int, bool) {
	best, found := 0, false
	for col, lv := range levels {
		if lv.dash && col > ind && (!found || lv.line > levels[best].line) {
			best, found = col, true
		}
	}
	return best, found
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// scan reads the text once, noting for each line whether it starts inside
// a value of several lines, and where quoted values and collections open
// and close.
func (sk *sketch) scan() {
	const (
		block = iota
		flow
		quote
		text // a block of text after | or >
	)
	mode, back := block, block // back: the mode a quote returns to
	var q byte                 // the quote character
	var stack []mark           // open collections
	textIndent := 0            // a block of text holds the lines indented deeper
	sk.inside = make([]bool, len(sk.lines))
	for n, l := range sk.lines {
		line := n + 1
		if mode == text {
			if strings.TrimSpace(l) == "" || len(l)-len(strings.TrimLeft(l, " ")) > textIndent {
				sk.inside[n] = true
				continue
			}
			mode = block
		}
		sk.inside[n] = mode != block
		start := true // at the start of a value
		tokenCol := -1
		col := 0 // in characters
		for i := 0; i < len(l); {
			c := l[i]
			size := 1
			if c >= utf8.RuneSelf {
				_, size = utf8.DecodeRuneInString(l[i:])
			}
			col++
			switch mode {
			case quote:
				switch {
				case q == '"' && c == '\\':
					size++
					col++
				case q == '\'' && c == '\'' && i+1 < len(l) && l[i+1] == '\'':
					size++
					col++
				case c == q:
					sk.quotes[len(sk.quotes)-1].end = line
					mode, start = back, false
				}
			case flow:
				switch {
				case c == ' ' || c == '\t':
				case c == '#' && i > 0 && (l[i-1] == ' ' || l[i-1] == '\t'):
					i = len(l)
					continue
				case (c == '"' || c == '\'') && start:
					sk.quotes = append(sk.quotes, quoteSpan{open: mark{line, col}})
					mode, back, q = quote, flow, c
				case c == '[' || c == '{':
					stack = append(stack, mark{line, col})
					start = true
				case c == ']' || c == '}':
					if len(stack) > 0 {
						stack = stack[:len(stack)-1]
					}
					if len(stack) == 0 {
						mode = block
					}
					start = false
				case c == ',' || c == ':' && (i+1 == len(l) || l[i+1] == ' '):
					start = true
				default:
					start = false
				}
			default: // block
				switch {
				case c == ' ' || c == '\t':
				case c == '#' && (i == 0 || l[i-1] == ' ' || l[i-1] == '\t'):
					i = len(l)
					continue
				case start && (c == '-' || c == '?') && (i+1 == len(l) || l[i+1] == ' '):
				case start && (c == '"' || c == '\''):
					sk.quotes = append(sk.quotes, quoteSpan{open: mark{line, col}})
					mode, back, q = quote, block, c
				case start && (c == '[' || c == '{'):
					stack = append(stack, mark{line, col})
					mode, start = flow, true
				case start && (c == '|' || c == '>'):
					mode = text
					textIndent = len(l) - len(strings.TrimLeft(l, " "))
					if tokenCol >= 0 {
						textIndent = tokenCol
					}
					i = len(l)
					continue
				case c == ':' && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t'):
					start = true
				default:
					if start {
						tokenCol = i
					}
					start = false
				}
			}
			i += size
		}
	}
	sk.flows = stack
}
