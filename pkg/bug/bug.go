// Package bug turns an unexpected panic into an error that says where it
// happened, so that cardgen can ask the user to report it instead of
// printing a Go stack trace.
package bug

import (
	"fmt"
	"path"
	"runtime"
	"strings"
)

// Error is a recovered panic: its value and the place it was raised.
type Error struct {
	Value any
	Where string // such as "face/face.go:123"; "" when unknown
}

func (e *Error) Error() string {
	if e.Where == "" {
		return fmt.Sprint(e.Value)
	}
	return fmt.Sprintf("%v (at %s)", e.Value, e.Where)
}

// Recovered returns v, a value recover returned, as an *Error located where
// the panic was raised. Call it in the deferred function that recovered,
// while the panicking frames are still on the stack. An *Error raised again
// (a goroutine's panic passed on to the one that waits for it) is returned
// as it is.
func Recovered(v any) *Error {
	if e, ok := v.(*Error); ok {
		return e
	}
	return &Error{Value: v, Where: where()}
}

// where finds the first frame below the runtime's panic machinery.
func where() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	panicking := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			panicking = true
		case panicking && !strings.HasPrefix(f.Function, "runtime."):
			return path.Join(path.Base(path.Dir(f.File)), path.Base(f.File)) + fmt.Sprintf(":%d", f.Line)
		}
		if !more {
			return ""
		}
	}
}
