package build

import (
	"errors"

	"github.com/cardgen/cardgen/pkg/diag"
)

// joinErrors returns one error; when it is a single error it keeps its type,
// so that callers can still tell an unknown layout from a bad file.
func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	var all diag.List
	var other []error
	for _, e := range errs {
		var l diag.List
		if errors.As(e, &l) {
			all = append(all, l...)
		} else {
			other = append(other, e)
		}
	}
	// The same problem found for several layouts (a deck-wide one) is
	// reported once.
	unique := all.Unique()
	if len(other) > 0 {
		return errors.Join(append(other, unique.Err())...)
	}
	return unique.Err()
}

// flatten returns the leaves of a tree of joined errors.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
