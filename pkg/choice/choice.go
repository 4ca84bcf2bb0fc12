// Package choice reads a word from a closed set, such as a duplex edge
// ("long", "short", "none") or the faces to print ("both", "fronts",
// "backs"). Each such set is a type in the package it belongs to, with a
// parse function built on Parse; a word outside the set is an *Error that
// says which set, which value and what is allowed, so that the command line
// and the web server can each name the option as their users know it.
package choice

import (
	"fmt"
	"strconv"
	"strings"
)

// Error says a value is not one of the words allowed.
type Error struct {
	What    string   // the set, in words: "faces", "duplex edge"
	Value   string   // as given
	Allowed []string // every word allowed, in the order to list them
}

func (e *Error) Error() string {
	return e.What + " " + strconv.Quote(e.Value) + ": " + e.Advice()
}

// Advice says what to write instead: "use both, fronts or backs".
func (e *Error) Advice() string {
	return "use " + List(e.Allowed, "or")
}

// Parse returns the word of allowed that s is, ignoring case and the spaces
// around it, or an *Error naming what.
func Parse[T ~string](what, s string, allowed ...T) (T, error) {
	v := strings.TrimSpace(s)
	for _, a := range allowed {
		if strings.EqualFold(v, string(a)) {
			return a, nil
		}
	}
	words := make([]string, len(allowed))
	for i, a := range allowed {
		words[i] = string(a)
	}
	var zero T
	return zero, &Error{What: what, Value: s, Allowed: words}
}

// List joins words as a sentence does: "a", "a or b", "a, b or c".
func List(words []string, conj string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return fmt.Sprintf("%s %s %s", strings.Join(words[:len(words)-1], ", "), conj, words[len(words)-1])
}
