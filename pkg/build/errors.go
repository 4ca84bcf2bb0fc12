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
	if len(other) > 0 {
		return errors.Join(append(other, all.Err())...)
	}
	return all.Err()
}
