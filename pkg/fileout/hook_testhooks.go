//go:build cardgen_testhooks

package fileout

import (
	"fmt"
	"os"
	"time"
)

// Built only with -tags cardgen_testhooks, for the tests that interrupt a
// write: with CARDGEN_TESTHOOK_PAUSE set, say when every temporary file is
// written, then wait there long enough for the test to send its signal.
func init() {
	if os.Getenv("CARDGEN_TESTHOOK_PAUSE") == "" {
		return
	}
	beforeCommit = func() {
		fmt.Fprintln(os.Stderr, "cardgen-testhook: temporary files written")
		time.Sleep(time.Minute)
	}
}
