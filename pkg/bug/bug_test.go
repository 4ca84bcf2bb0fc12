package bug

import (
	"strings"
	"testing"
)

func TestRecoveredSaysWhere(t *testing.T) {
	t.Parallel()
	var got *Error
	func() {
		defer func() { got = Recovered(recover()) }()
		var s []int
		_ = s[3] // the line below names this one
	}()
	if !strings.Contains(got.Error(), "index out of range") || !strings.HasSuffix(got.Where, "bug/bug_test.go:14") {
		t.Errorf("got %q at %q", got.Error(), got.Where)
	}
	if again := Recovered(got); again != got {
		t.Error("an *Error passed on was wrapped again")
	}
}
