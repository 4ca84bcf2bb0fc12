// Package yamldoc reads YAML documents field by field for loaders that must
// report every problem with its line and column: unknown fields (with a "did
// you mean"), repeated keys, wrong types, missing or empty values, a value
// YAML read as a comment (color: #8A4B14). It wraps go.yaml.in/yaml/v3's
// node tree; the loaders (deck, layout) say which fields exist and what
// they mean. A syntax error is reported at the line of the mistake, which
// the library often does not give, with what it is (syntax.go).
package yamldoc

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"github.com/cardgen/cardgen/pkg/diag"
)

// Node is a YAML node.
type Node = yaml.Node

// Reader collects the problems of one file.
type Reader struct {
	File     string
	Problems diag.List
	// lines is the text Parse read, to find what YAML took for a comment.
	lines []string
	// MaxExpanded bounds what aliases may add to the document once
	// expanded, in bytes of text (each node counts its value plus
	// nodeCost): 0 means DefaultMaxExpanded. See Parse.
	MaxExpanded int64
}

func sizeName(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", max(n>>10, 1))
}

// DefaultMaxExpanded is the most text aliases may add to a document once
// expanded: as much as a dataset file may hold written out (16 MiB).
const DefaultMaxExpanded = 16 << 20

// nodeCost is what each node adds to a document's expanded size, beside its
// value: about what "- " and a line end cost when written out.
const nodeCost = 4

// Parse reads data and returns its document node, or nil after recording a
// problem: a syntax error, a control character YAML does not allow (with
// its line and column), an empty file, a second document after the first
// (--- then anything: a file holds one), or aliases that would expand the
// document past MaxExpanded (named at the alias where it goes past, before
// anything is expanded).
func (r *Reader) Parse(data []byte, emptyHint string) *Node {
	if p, ok := r.controlChar(data); ok {
		r.Problems.Add(p)
		return nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		r.Problems.Add(r.syntaxProblem(data, err))
		return nil
	}
	if line := secondDocument(data); line > 0 {
		r.Problems.Add(diag.Problem{File: r.File, Line: line, Column: 1,
			Msg:  "a second YAML document starts here: the file must hold one",
			Hint: "remove this --- line and what follows it, or move what follows into the document above"})
		return nil
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		r.Add(nil, "", "", "the file is empty", emptyHint)
		return nil
	}
	if !r.checkExpansion(root.Content[0]) {
		return nil
	}
	r.lines = strings.Split(string(data), "\n")
	return root.Content[0]
}

// Commented returns the comment that stands where a value was expected
// after a key or a "- " (color: #8A4B14, which YAML reads as an empty
// value and a comment), and the column of its #; "" when n is not an
// empty value followed by a comment on its line. lines is the text n was
// read from.
func Commented(lines []string, n *Node) (string, int) {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!null" || n.Value != "" || n.Line < 1 || n.Line > len(lines) {
		return "", 0
	}
	l := strings.TrimRight(lines[n.Line-1], "\r")
	col := 0
	for i, c := range l {
		if col++; col < n.Column {
			continue
		}
		switch c {
		case ' ', '\t':
			continue
		case '#':
			return strings.TrimSpace(l[i:]), col
		}
		return "", 0
	}
	return "", 0
}

// CommentHint says how to write a value that YAML took for a comment.
func CommentHint(key, comment string) string {
	return fmt.Sprintf("write %s: %q, in quotes (a # after a space starts a comment)", key, comment)
}

// CommentMsg says that a value is empty because YAML read it as a comment.
const CommentMsg = "empty: YAML reads the # and what follows it as a comment"

// commented reports a value of f that YAML took for a comment.
func (r *Reader) commented(f Fields, key, card string) bool {
	n := f.Values[key]
	c, col := Commented(r.lines, n)
	if c == "" {
		return false
	}
	r.Problems.Add(diag.Problem{File: r.File, Line: n.Line, Column: col, Card: card, Field: f.Path + key, Msg: CommentMsg, Hint: CommentHint(key, c)})
	return true
}

// allowed reports whether YAML allows the character c in a document, as
// go.yaml.in/yaml/v3 checks it.
func allowed(c rune) bool {
	return c == 0x09 || c == 0x0A || c == 0x0D || c >= 0x20 && c <= 0x7E || c == 0x85 ||
		c >= 0xA0 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF
}

// controlChar finds the first character YAML does not allow (the YAML
// library would only say "control characters are not allowed", without
// where).
func (r *Reader) controlChar(data []byte) (diag.Problem, bool) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		c, size := utf8.DecodeRune(data[i:])
		if c == utf8.RuneError && size <= 1 {
			return diag.Problem{}, false // not UTF-8: the YAML library says so
		}
		if !allowed(c) {
			name := fmt.Sprintf("U+%04X", c)
			if c == 0 {
				name += ", NUL"
			}
			return diag.Problem{File: r.File, Line: line, Column: col,
				Msg:  fmt.Sprintf("an invisible control character (%s), which YAML does not allow", name),
				Hint: "remove it; editors show it as a box, as ^@ or not at all (it often comes from pasting, or from a file that is not text)"}, true
		}
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return diag.Problem{}, false
}

// secondDocument returns the line where a second document starts (a ---
// after the first document's content, or anything after a ... that ends
// it), or 0. The YAML library reads the first document and ignores the
// rest, which would silently lose it.
func secondDocument(data []byte) int {
	started, ended := false, false
	line := 0
	for len(data) > 0 {
		line++
		l := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		l = bytes.TrimRight(l, "\r")
		t := bytes.TrimSpace(l)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		marker := func(m string) bool {
			return bytes.HasPrefix(l, []byte(m)) && (len(l) == 3 || l[3] == ' ' || l[3] == '\t')
		}
		switch {
		case ended:
			return line
		case marker("---"):
			if started {
				return line
			}
			started = true
		case marker("..."):
			ended = true
		case l[0] == '%' && !started:
			// a directive, before the document
		default:
			started = true
		}
	}
	return 0
}

// checkExpansion walks the document in order, adding up its size as if
// every alias were written out, and stops at the alias where it goes past
// MaxExpanded. Each anchor's size is computed once, so the walk takes time
// in proportion to the file, not to its expansion (a "billion laughs" file
// is refused at once).
func (r *Reader) checkExpansion(doc *Node) bool {
	limit := r.MaxExpanded
	if limit <= 0 {
		limit = DefaultMaxExpanded
	}
	sizes := map[*Node]int64{}
	var size func(n *Node) int64 // the expanded size of n, at most limit+1
	size = func(n *Node) int64 {
		if n == nil {
			return 0
		}
		if n.Kind == yaml.AliasNode {
			n = n.Alias
			if n == nil {
				return 0
			}
		}
		if s, ok := sizes[n]; ok {
			return s
		}
		sizes[n] = limit + 1 // an anchor inside itself: YAML refuses it anyway
		s := int64(len(n.Value)) + nodeCost
		for _, c := range n.Content {
			if s += size(c); s > limit {
				s = limit + 1
				break
			}
		}
		sizes[n] = s
		return s
	}
	var total int64 // what the aliases so far add to the document
	var walk func(n *Node) bool
	walk = func(n *Node) bool {
		if n.Kind != yaml.AliasNode {
			for _, c := range n.Content {
				if !walk(c) {
					return false
				}
			}
			return true
		}
		if total += size(n); total <= limit {
			return true
		}
		r.Problems.Add(diag.Problem{File: r.File, Line: n.Line, Column: n.Column,
			Msg: fmt.Sprintf("the aliases would add more than %s of text to the document, and this one, *%s, is where they go past it",
				sizeName(limit), n.Value),
			Hint: "an alias repeats everything its anchor holds: write the values out, or use fewer aliases"})
		return false
	}
	return walk(doc)
}

// Add records a problem at node n (nil when the position is unknown).
func (r *Reader) Add(n *Node, card, field, msg, hint string) {
	p := diag.Problem{File: r.File, Card: card, Field: field, Msg: msg, Hint: hint}
	if n != nil {
		p.Line, p.Column = n.Line, n.Column
	}
	r.Problems.Add(p)
}

// Resolve follows aliases.
func Resolve(n *Node) *Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// KindName says what a node is, for messages.
func KindName(n *Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value lines)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return "a single value"
	}
	return "something else"
}

// Fields is a mapping's values by key, and the mapping itself.
type Fields struct {
	Node   *Node
	Values map[string]*Node
	// Path is prefixed to field names in messages: "card." for the fields
	// of a card: mapping, so that "card.width" and "paper.width" differ.
	Path string
	// Misspelt holds the known keys that an unknown key was taken for a typo
	// of: their absence is not reported again as "missing".
	Misspelt map[string]bool
}

// Get returns the value of key, or nil.
func (f Fields) Get(key string) *Node { return f.Values[key] }

// Mapping checks that n is a mapping with only known keys and returns its
// values. Unknown and repeated keys are problems. ok is false when n is not
// a mapping.
func (r *Reader) Mapping(n *Node, card string, known []string) (Fields, bool) {
	return r.MappingAt(n, card, "", known)
}

// MappingAt is Mapping for a nested mapping whose field names, in messages,
// start with path (such as "card.").
func (r *Reader) MappingAt(n *Node, card, path string, known []string) (Fields, bool) {
	n = Resolve(n)
	if n.Kind != yaml.MappingNode {
		r.Add(n, card, strings.TrimSuffix(path, "."), "expected "+strings.Join(known, ", ")+" as key: value lines, found "+KindName(n), "")
		return Fields{}, false
	}
	f := Fields{Node: n, Values: map[string]*Node{}, Path: path, Misspelt: map[string]bool{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		switch {
		case !contains(known, key):
			hint := "the fields here are " + strings.Join(known, ", ")
			if s := Suggest(key, known); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
				f.Misspelt[s] = true
			}
			r.Add(k, card, path+key, "unknown field", hint)
		case f.Values[key] != nil:
			r.Add(k, card, path+key, fmt.Sprintf("given twice (first on line %d)", f.Values[key].Line), "keep one")
		default:
			f.Values[key] = Resolve(v)
		}
	}
	return f, true
}

// Text reads a scalar field as NFC text with outer spaces trimmed. A missing
// or empty required field is a problem, reported at the mapping.
func (r *Reader) Text(f Fields, key, card string, required bool) string {
	n := f.Values[key]
	if n == nil {
		if required && !f.Misspelt[key] {
			r.Add(f.Node, card, f.Path+key, "missing", "add "+key+": ...")
		}
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.Add(n, card, f.Path+key, "expected text, found "+KindName(n), "")
		return ""
	}
	if r.commented(f, key, card) {
		return ""
	}
	v := ""
	if n.Tag != "!!null" {
		v = Clean(n.Value)
	}
	if v == "" && required {
		r.Add(n, card, f.Path+key, "empty", "write a value, or remove the entry")
	}
	return v
}

// Number reads a scalar field as a number. A missing required field is a
// problem; a missing optional one gives def.
func (r *Reader) Number(f Fields, key, card string, required bool, def float64) float64 {
	n := f.Values[key]
	if n == nil {
		if required && !f.Misspelt[key] {
			r.Add(f.Node, card, f.Path+key, "missing", "add "+key+": followed by a number")
		}
		return def
	}
	if r.commented(f, key, card) {
		return def
	}
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		r.Add(n, card, f.Path+key, fmt.Sprintf("expected a number, found %s", describe(n)), "write digits with a dot for decimals, such as 3.5")
		return def
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		r.Add(n, card, f.Path+key, fmt.Sprintf("%s is not a number", diag.Quote(n.Value)), "write digits with a dot for decimals, such as 3.5")
		return def
	}
	return v
}

// Bool reads a true/false field.
func (r *Reader) Bool(f Fields, key, card string, def bool) bool {
	n := f.Values[key]
	if n == nil {
		return def
	}
	if r.commented(f, key, card) {
		return def
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		r.Add(n, card, f.Path+key, fmt.Sprintf("expected true or false, found %s", describe(n)), "")
		return def
	}
	return n.Value == "true"
}

// OneOf reads a text field that must take one of values.
func (r *Reader) OneOf(f Fields, key, card string, values []string, def string) string {
	if f.Values[key] == nil {
		return def
	}
	v := r.Text(f, key, card, true)
	if v != "" && !contains(values, v) {
		hint := "write one of: " + strings.Join(values, ", ")
		if s := Suggest(v, values); s != "" {
			hint = fmt.Sprintf("did you mean %q? (one of: %s)", s, strings.Join(values, ", "))
		}
		r.Add(f.Values[key], card, f.Path+key, fmt.Sprintf("%s is not allowed", diag.Quote(v)), hint)
		return def
	}
	if v == "" {
		return def
	}
	return v
}

func describe(n *Node) string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return diag.Quote(n.Value)
	}
	return KindName(n)
}

// Clean normalises text to NFC, turns CRLF into LF and removes outer spaces
// and the spaces left at line ends, as spreadsheets and editors leave them.
func Clean(s string) string {
	s = norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n"))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Suggest returns the candidate closest to s when s is likely a typo of it.
func Suggest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := Distance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if len([]rune(s)) <= 3 && bestD > 1 {
		return ""
	}
	return best
}

// Distance is the Levenshtein edit distance between a and b, in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Node kinds, re-exported so that loaders need not import yaml themselves.
const (
	MappingNode  = yaml.MappingNode
	SequenceNode = yaml.SequenceNode
	ScalarNode   = yaml.ScalarNode
	AliasNode    = yaml.AliasNode
)
