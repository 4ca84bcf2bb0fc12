//go:build unix

package deck_test

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used so far: a measure of
// work that other processes on a busy machine do not inflate, as they
// inflate the time on the clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
