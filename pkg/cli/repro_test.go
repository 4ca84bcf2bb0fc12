package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/cardgen/cardgen/internal/testenv"
)

// pdfDate matches a PDF date string such as D:20260101000000 with an
// optional time zone (Z, +01'00', -05'00).
var pdfDate = regexp.MustCompile(`D:\d{14}(Z|[+-]\d{2}'\d{2}'?)?`)

func withoutDates(pdf []byte) []byte {
	return pdfDate.ReplaceAll(pdf, []byte("D:<date>"))
}

// TestReproducibleInProcess: two builds in one process give the same
// bytes (Go's map order changes from one range over a map to the next).
func TestReproducibleInProcess(t *testing.T) {
	t.Parallel()
	for _, layout := range []string{"a4", "tarot"} {
		t.Run(layout, func(t *testing.T) {
			t.Parallel()
			p, _ := buildPDF(t, layout, nil)
			a, b := defaultPDF(t, layout).data, readFile(t, p)
			if !bytes.Equal(a, b) {
				t.Errorf("two builds differ (%d and %d bytes) %s", len(a), len(b), firstDiff(a, b))
			}
		})
	}
}

func TestSourceDateEpoch(t *testing.T) {
	t.Parallel()
	for _, layout := range []string{"a4", "tarot"} {
		t.Run(layout, func(t *testing.T) {
			t.Parallel()
			pEpoch, _ := buildPDF(t, layout, map[string]string{"SOURCE_DATE_EPOCH": "1700000000"})
			unset, epoch := defaultPDF(t, layout).data, readFile(t, pEpoch)
			if bytes.Equal(unset, epoch) {
				t.Fatal("SOURCE_DATE_EPOCH=1700000000 gives the same bytes as no SOURCE_DATE_EPOCH")
			}
			// Without SOURCE_DATE_EPOCH the date is fixed (2026-01-01), never the clock;
			// 1700000000 is 2023-11-14 22:13:20 UTC.
			for _, c := range []struct {
				pdf  []byte
				date string
			}{{unset, "D:20260101000000"}, {epoch, "D:20231114221320"}} {
				for _, key := range []string{"/CreationDate", "/ModDate"} {
					re := regexp.MustCompile(regexp.QuoteMeta(key) + `\s*\((D:[^)]*)\)`)
					m := re.FindSubmatch(c.pdf)
					if m == nil {
						t.Errorf("no %s (D:...) in the PDF", key)
						continue
					}
					if !strings.HasPrefix(string(m[1]), c.date) {
						t.Errorf("%s is %s, want %s", key, m[1], c.date)
					}
				}
			}
			if n := len(pdfDate.FindAll(unset, -1)); n < 2 {
				t.Errorf("found %d dates in the PDF, want at least 2 (creation and modification)", n)
			}
			a, b := withoutDates(unset), withoutDates(epoch)
			if !bytes.Equal(a, b) {
				t.Errorf("builds with and without SOURCE_DATE_EPOCH differ in more than their dates %s", firstDiff(a, b))
			}
		})
	}

	t.Run("invalid", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		r := run(t, map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, "build", "--out", dir)
		if r.code == 0 {
			t.Fatalf("SOURCE_DATE_EPOCH=yesterday: exit 0, want an error")
		}
		if !strings.HasPrefix(r.stderr, "cardgen: ") || !strings.Contains(r.stderr, "SOURCE_DATE_EPOCH") {
			t.Errorf("stderr does not explain the bad SOURCE_DATE_EPOCH:\n%s", r.stderr)
		}
		if got := listDir(t, dir); len(got) != 0 {
			t.Errorf("a failed build left %q", got)
		}
	})
}

// TestReproducibleAcrossProcesses runs the cardgen binary several times,
// each building the default deck for a4 and tarot: anything that depends
// on the process (its random seeds, addresses, which goroutine finishes
// first) would show up as differing bytes. Every run gives the in-process
// build's bytes. (testReproducibleWithPictures does the same for a deck
// with pictures.) Slow: CARDGEN_SLOW=1 runs it, as CI does;
// TestReproducibleInProcess runs every time.
func TestReproducibleAcrossProcesses(t *testing.T) {
	testenv.Slow(t, "runs the cardgen binary three times")
	t.Parallel()
	bin := buildBinary(t)
	const runs = 3
	dirs := make([]string, runs)
	errs := make([]error, runs)
	var wg sync.WaitGroup
	for i := range runs {
		dirs[i] = t.TempDir()
		wg.Go(func() {
			cmd := exec.Command(bin, "build", "--layout", "a4", "--layout", "tarot", "--out", dirs[i])
			cmd.Env = withoutEnv(os.Environ(), "SOURCE_DATE_EPOCH")
			if out, err := cmd.CombinedOutput(); err != nil {
				errs[i] = fmt.Errorf("run %d: %v\n%s", i+1, err, out)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, layout := range []string{"a4", "tarot"} {
		want := defaultPDF(t, layout).data
		for i, dir := range dirs {
			if got := readFile(t, filepath.Join(dir, "personas-"+layout+".pdf")); !bytes.Equal(got, want) {
				t.Errorf("%s: run %d differs from the in-process build %s", layout, i+1, firstDiff(got, want))
			}
		}
	}
}

func withoutEnv(env []string, key string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, key+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// firstDiff describes where a and b first differ, with some context.
func firstDiff(a, b []byte) string {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	if i == n && len(a) == len(b) {
		return "(identical)"
	}
	from := max(0, i-40)
	show := func(x []byte) string {
		return fmt.Sprintf("%q", x[from:min(len(x), i+40)])
	}
	return fmt.Sprintf("at byte %d:\n  %s\n  %s", i, show(a), show(b))
}
