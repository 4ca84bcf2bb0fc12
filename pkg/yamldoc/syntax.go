package yamldoc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/cardgen/cardgen/pkg/diag"
)

// Syntax errors where the mistake is.
//
// The YAML library says what went wrong but often not where: a parser
// error gives the line, counted from 0, where the enclosing block or list
// starts (a key indented one space too far, 22 lines into a persona, is
// reported at the persona's first line, minus one); a scanner error gives
// the line where the value that went wrong starts. The line the library
// gives is never after the mistake, so the mistake is found from there:
//
//   - a list [ or mapping { never closed is found by reading the text
//     (sketch), which notes every one that opens and closes;
//   - for every other error, the first line at which the file, cut after
//     it, fails with the same error is the line the parser could not go
//     past (a gallop, then a bisection, over the lines from the one the
//     library gave, within a budget of bytes parsed).
//
// The message then says what is wrong on that line in a teacher's words,
// and where on the line: a key that lines up with no key above it, a list
// item among keys, a quote never closed (or closed lines later), a tab, a
// value with ": " or starting with @, * or `.

// parserErrors are the YAML library's parser errors, whose line is counted
// from 0 (scanner errors count from 1).
var parserErrors = []string{
	"did not find expected <stream-start>", "did not find expected <document start>",
	"did not find expected node content", "did not find expected '-' indicator",
	"did not find expected key", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"found undefined tag handle", "found duplicate %YAML directive", "found incompatible YAML document",
	"found duplicate %TAG directive",
}

// bisectBudget is how many bytes the search for an error's line may parse
// in all: hundreds of times a real deck (20 KB), once the largest file.
const bisectBudget = 16 << 20

var (
	dashNoSpace   = regexp.MustCompile(`^(\s*)-[^\s-]`)
	fieldName     = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	noSpaceKey    = regexp.MustCompile(`^(\s*(?:- )?)([^\s:#"'][^:#]*?):(\S.*)$`)
	yamlLine      = regexp.MustCompile(`^line (\d+):\s*`)
	unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// splitError returns the library's message without its "yaml: " and
// "line N: " and the line N, or 0.
func splitError(err error) (string, int) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return msg[len(m[0]):], n
	}
	return msg, 0
}

func (r *Reader) syntaxProblem(data []byte, err error) diag.Problem {
	msg, line := splitError(err)
	sk := newSketch(data)
	p := diag.Problem{File: r.File}
	switch {
	case contains(parserErrors, msg):
		line++ // counted from 0
	case line == 0:
		line = 1
	}
	line = min(max(line, 1), len(sk.lines))

	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		// Raised when the tree is built, without a line: find the alias.
		if pos, ok := sk.find("*" + m[1]); ok {
			p.Line, p.Column = pos.line, pos.col
		}
		p.Msg = fmt.Sprintf("YAML syntax: *%s reads as an alias, and no anchor &%s comes before it", m[1], m[1])
		p.Hint = starHint
		return p
	}
	if strings.HasPrefix(msg, "did not find expected ',' or ") {
		if open, ok := sk.unclosedFlow(); ok {
			what, closer := "list", "]"
			if sk.at(open) == '{' {
				what, closer = "mapping", "}"
			}
			p.Line, p.Column = open.line, open.col
			p.Msg = fmt.Sprintf("YAML syntax: the %s opened with %c here is never closed", what, sk.at(open))
			p.Hint = fmt.Sprintf("close it with %s on the same line (and separate its items with commas), or write one \"- item\" per line", closer)
			if what == "mapping" {
				p.Hint = "close it with } on the same line (and separate its key: value pairs with commas), or write one key: value per line"
			}
			return p
		}
	}
	if !strings.HasPrefix(msg, "did not find expected ',' or ") {
		var found bool
		if line, found = firstFailing(data, sk, line, msg); !found {
			p.Line, p.Column = line, sk.indent(line)+1
			p.Msg = "YAML syntax: " + msg + ", on this line or further down"
			p.Hint = "the file is too large to find the line: look below for a line indented differently from its neighbours, a tab, or a quote or a bracket left open"
			return p
		}
	}
	return sk.explain(p, line, msg)
}

// firstFailing returns the first line L from from on such that the text
// up to the end of L fails to parse with msg: the line the parser could
// not go past. It returns from and false when the budget runs out first
// (a file of several megabytes), or when no cut text fails as the whole
// does.
func firstFailing(data []byte, sk *sketch, from int, msg string) (int, bool) {
	budget := bisectBudget
	fails := func(l int) (bool, bool) {
		end := sk.end(l)
		if budget -= end; budget < 0 {
			return false, false
		}
		var n yaml.Node
		err := yaml.Unmarshal(data[:end], &n)
		if err == nil {
			return false, true
		}
		m, _ := splitError(err)
		return m == msg, true
	}
	// Gallop: from, from+1, from+3, from+7, … until the cut text fails.
	lo, hi := from-1, 0 // the text up to lo passes; up to hi fails
	for step := 1; ; step *= 2 {
		l := min(lo+step, len(sk.lines))
		bad, ok := fails(l)
		if !ok {
			return from, false
		}
		if bad {
			hi = l
			break
		}
		if l == len(sk.lines) {
			return from, false // the whole text is needed to see it
		}
		lo = l
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		bad, ok := fails(mid)
		if !ok {
			return from, false
		}
		if bad {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, true
}

const starHint = "a value that starts with * (such as *italic* text) must be quoted: \"*Spotify* diffuse …\""

// explain says what is wrong on line n, in words, and where on the line.
func (sk *sketch) explain(p diag.Problem, n int, msg string) diag.Problem {
	l := sk.lines[n-1]
	p.Line, p.Column = n, sk.indent(n)+1
	ind := sk.indent(n)
	fail := func(column int, m, hint string) diag.Problem {
		if column > 0 {
			p.Column = column
		}
		p.Msg, p.Hint = "YAML syntax: "+m, hint
		return p
	}
	// A quoted value of several lines that ends on this line: it was
	// never meant to go on past its own line.
	if q, ok := sk.quoteEndingOn(n); ok {
		p.Line = q.line
		return fail(q.col, fmt.Sprintf("the quote %c opened here closes only on line %d", sk.at(q), n),
			fmt.Sprintf("close it at the end of its value, on line %d", q.line))
	}
	if tab := strings.IndexByte(l, '\t'); tab >= 0 && tab <= len(l)-len(strings.TrimLeft(l, " \t")) {
		return fail(utf8.RuneCountInString(l[:tab])+1, "a tab in the indentation",
			"indent with spaces only: YAML does not allow tabs there")
	}
	switch {
	case msg == "found unexpected end of stream" || msg == "found unexpected document indicator":
		if q, ok := sk.unclosedQuote(n); ok {
			hint := "close it on the same line; inside it, write \\\" for a quote"
			if sk.at(q) == '\'' {
				hint = "close it on the same line; inside it, write '' for an apostrophe"
			}
			p.Line = q.line
			return fail(q.col, fmt.Sprintf("the quote %c opened here is never closed", sk.at(q)), hint)
		}
	case strings.Contains(msg, "alphabetic or numeric character"):
		if c, ok := sk.valueStarting(n, "*&"); ok {
			return fail(c, "a value that starts with "+string(l[byteAt(l, c)])+" reads as an alias or an anchor", starHint)
		}
	case msg == "found character that cannot start any token":
		if c, ok := sk.valueStarting(n, "@`%"); ok {
			ch := string(l[byteAt(l, c)])
			return fail(c, "a value cannot start with "+ch,
				fmt.Sprintf("put the value in double quotes: %s\"%s\"", strings.TrimLeft(l[:byteAt(l, c)], " "), strings.TrimSpace(l[byteAt(l, c):])))
		}
	}
	key, afterKey, isKey := keyOf(l)
	dash := isDash(l)
	// A line that lines up with nothing above it.
	if isKey || dash {
		levels, children := sk.levels(n)
		lv, aligned := levels[ind]
		switch {
		case children >= 0 && ind > children:
			// The first line of a key's block: any deeper indentation.
		case dash && aligned && lv.key && !lv.dash:
			if deeper, ok := deeperDash(levels, ind); ok {
				return fail(0, "a list item among key: value lines",
					fmt.Sprintf("indent it by %s, like the item on line %d, if it belongs to that list", spaces(deeper), levels[deeper].line))
			}
			return fail(0, "a list item among key: value lines",
				"a list goes under a key of its own: write the key and a colon on the line above (such as conditions:), then the items, indented")
		case dash && aligned, !dash && aligned && lv.key:
			// Lined up with a list or with keys: something else is wrong.
		default:
			if best, ok := closest(levels, ind, !dash); ok {
				what := key + ": is indented by %s, and lines up with no key above it"
				if dash {
					what = "this list item is indented by %s, and lines up with no list above it"
				}
				return fail(0, fmt.Sprintf(what, spaces(ind)),
					fmt.Sprintf("indent it by %s, like %s on line %d", spaces(best), levels[best].what, levels[best].line))
			}
		}
	}
	if m := dashNoSpace.FindStringSubmatch(l); m != nil {
		return fail(len(m[1])+1, "a - that starts a list item needs a space after it",
			fmt.Sprintf("write - %s", strings.TrimSpace(l[len(m[1])+1:])))
	}
	// A line of text less indented than the text it goes on with.
	if prev := n - 1; !isKey && !dash && prev >= 1 && !sk.blankText(prev) && (sk.inside[prev-1] || !isKeyOrDash(sk.lines[prev-1])) && ind < sk.indent(prev) {
		return fail(0, fmt.Sprintf("this line is indented by %s, less than the text it goes on with", spaces(ind)),
			fmt.Sprintf("indent it by %s, like line %d", spaces(sk.indent(prev)), prev))
	}
	// A colon in a value: "role: Microtravailleuse: annotatrice".
	if isKey && msg == "mapping values are not allowed in this context" {
		if i := colonIn(afterKey); i >= 0 {
			value := strings.TrimSpace(afterKey)
			col := utf8.RuneCountInString(l[:len(l)-len(afterKey)+i]) + 1
			if inner := strings.TrimSpace(afterKey[:i]); fieldName.MatchString(inner) {
				// card: width: 70, a key under a key.
				return fail(col, fmt.Sprintf("two keys on one line (%s: and %s:)", key, inner),
					fmt.Sprintf("write %s: alone on its line and %s on the next, indented by %s more; or, if it is text, in quotes: %s: %q",
						key, strings.TrimSpace(afterKey), spaces(2), key, value))
			}
			return fail(col, "a value that contains \": \" must be in quotes", fmt.Sprintf("write %s: %q", key, value))
		}
	}
	// A key without a space after its colon ("title:T") makes its line
	// text, which runs on into the next: the mistake is on this line or
	// the one before.
	for _, at := range []int{n, sk.previous(n)} {
		if at < 1 {
			continue
		}
		pl := sk.lines[at-1]
		if m := noSpaceKey.FindStringSubmatch(pl); m != nil && !strings.Contains(pl, ": ") && !strings.Contains(m[3], "//") {
			p.Line = at
			return fail(utf8.RuneCountInString(m[1]+m[2])+1, "a colon after a key needs a space after it",
				fmt.Sprintf("write %s: %s", strings.TrimLeft(m[1]+m[2], " "), m[3]))
		}
	}
	if msg == "could not find expected ':'" && !isKey && !dash {
		t := strings.TrimSpace(l)
		if f := strings.Fields(t); len(f) >= 2 {
			return fail(0, fmt.Sprintf("%s has no colon after its key", t),
				fmt.Sprintf("write %s: %s", f[0], strings.TrimSpace(strings.TrimPrefix(t, f[0]))))
		}
	}
	// Text after a closing quote: name: "Ana" Maria.
	if isKey {
		v := strings.TrimSpace(afterKey)
		if len(v) > 1 && (v[0] == '"' || v[0] == '\'') {
			if end := closingQuote(v); end > 0 && end < len(v)-1 {
				rest := strings.TrimSpace(v[end+1:])
				if rest != "" && rest[0] != '#' {
					at := strings.LastIndex(l, rest)
					return fail(utf8.RuneCountInString(l[:at])+1, "text after the closing quote",
						fmt.Sprintf("put the whole value inside the quotes: %s: %q", key, v[1:end]+" "+rest))
				}
			}
		}
	}
	hint := "check the indentation and the quotes on this line and the one before (a value containing \": \" needs quotes)"
	return fail(0, msg, hint)
}

// byteAt returns the byte offset of rune column c (from 1) of l.
func byteAt(l string, c int) int {
	i := 0
	for k := range l {
		if i == c-1 {
			return k
		}
		i++
	}
	return len(l)
}

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}

// keyOf returns a line's key ("role" in "    role: x" or "  - role: x")
// and what follows its colon, when the line is a key: value line.
func keyOf(l string) (key, rest string, ok bool) {
	t := strings.TrimLeft(l, " ")
	for strings.HasPrefix(t, "- ") {
		t = strings.TrimLeft(t[2:], " ")
	}
	if t == "" || strings.ContainsRune("\"'[{#&*!|>%@`-", rune(t[0])) {
		return "", "", false
	}
	i := colonIn(t)
	if i < 0 {
		return "", "", false
	}
	return t[:i], t[i+1:], true
}

// colonIn returns the index of the first ": " (or of a final ":") of s, or -1.
func colonIn(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			return i
		}
		if s[i] == '#' && i > 0 && s[i-1] == ' ' {
			return -1
		}
	}
	return -1
}

func isDash(l string) bool {
	t := strings.TrimLeft(l, " ")
	return t == "-" || strings.HasPrefix(t, "- ")
}

// closingQuote returns the index of the quote that closes the quoted
// value at the start of v, or -1.
func closingQuote(v string) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

func isKeyOrDash(l string) bool {
	_, _, key := keyOf(l)
	return key || isDash(l)
}
