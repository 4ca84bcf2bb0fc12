//go:build unix

package testenv

import (
	"syscall"
	"time"
)

// CPUTime is the processor time this process has used so far, user and
// system: a measure of work that other processes on a busy machine do not
// inflate, as they inflate the time on the clock. A test that bounds its
// own time with it must not run in parallel with other tests, whose time
// would count too.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
