package build

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cardgen/cardgen/pkg/bug"
)

func TestEachParallel(t *testing.T) {
	t.Parallel()
	var sum atomic.Int64
	eachParallel(1000, func(i int) { sum.Add(int64(i)) }, nil)
	if sum.Load() != 999*1000/2 {
		t.Errorf("sum %d: not every index was done once", sum.Load())
	}
	eachParallel(0, func(int) { t.Error("called with n = 0") }, nil)
}

// A panic in a worker comes back to the caller, the first by index, as a
// *bug.Error that says where and what, instead of ending the process.
func TestEachParallelPanic(t *testing.T) {
	t.Parallel()
	var got any
	func() {
		defer func() { got = recover() }()
		eachParallel(100, func(i int) {
			if i%10 == 7 {
				var cards []int
				_ = cards[i] // panics: index out of range
			}
		}, func(i int) string { return "card " + strings.Repeat("I", i%10) + "!" })
	}()
	e, ok := got.(*bug.Error)
	if !ok {
		t.Fatalf("recovered %T %v, want a *bug.Error", got, got)
	}
	if !strings.HasPrefix(e.Error(), "card IIIIIII!: runtime error: index out of range [7] with length 0 (at build/parallel_test.go:") {
		t.Errorf("got %q", e.Error())
	}
}
