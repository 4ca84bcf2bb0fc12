package build

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/cardgen/cardgen/pkg/bug"
)

// eachParallel calls f(0) … f(n-1), shared out among the cores. A panic in
// f, which on another goroutine would end the process with a stack trace,
// is caught and raised again here, in the caller's goroutine, as a
// *bug.Error that says where it happened and, by what(i), what was being
// done; the command line's recover turns it into a message. When several
// panic, the first by index is raised, whatever the timing.
func eachParallel(n int, f func(i int), what func(i int) string) {
	var wg sync.WaitGroup
	next := make(chan int)
	panics := make([]*bug.Error, n)
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				func() {
					defer func() {
						if v := recover(); v != nil {
							panics[i] = bug.Recovered(v)
						}
					}()
					f(i)
				}()
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, p := range panics {
		if p != nil {
			p.Value = fmt.Sprintf("%s: %v", what(i), p.Value)
			panic(p)
		}
	}
}
