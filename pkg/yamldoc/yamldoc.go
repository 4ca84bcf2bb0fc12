// Package yamldoc reads YAML documents field by field for loaders that must
// report every problem with its line and column: unknown fields (with a "did
// you mean"), repeated keys, wrong types, missing or empty values. It wraps
// go.yaml.in/yaml/v3's node tree; the loaders (deck, layout) say which
// fields exist and what they mean.
package yamldoc

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

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
}

// Parse reads data and returns its document node, or nil after recording a
// syntax problem or an empty file.
func (r *Reader) Parse(data []byte, emptyHint string) *Node {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		r.Problems.Add(r.syntaxProblem(err))
		return nil
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		r.Add(nil, "", "", "the file is empty", emptyHint)
		return nil
	}
	return root.Content[0]
}

var yamlLine = regexp.MustCompile(`line (\d+):?\s*`)

func (r *Reader) syntaxProblem(err error) diag.Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.Replace(msg, m[0], "", 1)
	}
	hint := "check indentation and quoting on this line and the one before (a value containing \": \" needs quotes)"
	if strings.Contains(msg, "alphabetic or numeric character") || strings.Contains(msg, "did not find expected alias") {
		// A value starting with * reads as a YAML alias.
		hint = "a value that starts with * (such as *italic* text) must be quoted: \"*Spotify* diffuse …\""
	}
	return diag.Problem{File: r.File, Line: line, Msg: "YAML syntax: " + msg, Hint: hint}
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
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		r.Add(n, card, f.Path+key, fmt.Sprintf("expected a number, found %s", describe(n)), "write digits with a dot for decimals, such as 3.5")
		return def
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		r.Add(n, card, f.Path+key, fmt.Sprintf("%q is not a number", n.Value), "write digits with a dot for decimals, such as 3.5")
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
		r.Add(f.Values[key], card, f.Path+key, fmt.Sprintf("%q is not allowed", v), hint)
		return def
	}
	if v == "" {
		return def
	}
	return v
}

func describe(n *Node) string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return fmt.Sprintf("%q", n.Value)
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
)
