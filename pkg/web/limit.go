package web

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// errBusy says every slot stayed taken while the request waited: the
// server answers 503 with Retry-After.
var errBusy = errors.New("busy")

// limiter lets at most n operations run at once; others wait up to wait,
// at most maxQueue of them, then give up with errBusy.
type limiter struct {
	slots    chan struct{}
	waiting  atomic.Int64
	maxQueue int64
	wait     time.Duration
}

func newLimiter(n, maxQueue int, wait time.Duration) *limiter {
	return &limiter{slots: make(chan struct{}, n), maxQueue: int64(maxQueue), wait: wait}
}

// acquire takes a slot and returns the function that gives it back.
func (l *limiter) acquire(ctx context.Context) (func(), error) {
	var once sync.Once
	release := func() { once.Do(func() { <-l.slots }) }
	select {
	case l.slots <- struct{}{}:
		return release, nil
	default:
	}
	if l.waiting.Add(1) > l.maxQueue {
		l.waiting.Add(-1)
		return nil, errBusy
	}
	defer l.waiting.Add(-1)
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return release, nil
	case <-t.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// busy is how many slots are taken.
func (l *limiter) busy() int { return len(l.slots) }
