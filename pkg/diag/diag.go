// Package diag carries problems found in a user's files: where each one is
// (file, line, column, card, field), what is wrong and what to do. Loaders and
// validators collect every problem they find and return them together, so a
// user fixes a file in one pass instead of one error per run.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Problem is one thing wrong with an input file.
type Problem struct {
	File   string // as the user named it
	Line   int    // 1-based; 0 when unknown
	Column int    // 1-based; 0 when meaningless
	Card   string // persona id, when the problem belongs to one
	Field  string // field name, when the problem belongs to one
	Msg    string // what is wrong
	Hint   string // what to do, when Msg does not say it
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Card != "" {
		fmt.Fprintf(&b, "persona %q: ", p.Card)
	}
	if p.Field != "" {
		fmt.Fprintf(&b, "field %q: ", p.Field)
	}
	b.WriteString(p.Msg)
	if p.Hint != "" {
		b.WriteString("; ")
		b.WriteString(p.Hint)
	}
	return b.String()
}

// List is every problem found in one pass. It is an error when not empty.
type List []Problem

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns l as an error, or nil when l is empty, with problems sorted by
// file and position so that reports are stable.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return out
}

// Unique returns l without repeats: a problem found several times (for
// every card, or for every layout) is reported once, where it first came.
func (l List) Unique() List {
	var out List
	seen := map[string]bool{}
	for _, p := range l {
		if key := p.Error(); !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

// Add appends a problem.
func (l *List) Add(p Problem) { *l = append(*l, p) }
