package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// pdfDate matches a PDF date string such as D:20260101000000 with an
// optional time zone (Z, +01'00', -05'00).
var pdfDate = regexp.MustCompile(`D:\d{14}(Z|[+-]\d{2}'\d{2}'?)?`)

func withoutDates(pdf []byte) []byte {
	return pdfDate.ReplaceAll(pdf, []byte("D:<date>"))
}

func TestReproducibleInProcess(t *testing.T) {
	t.Parallel()
	for _, layout := range []string{"a4", "tarot"} {
		t.Run(layout, func(t *testing.T) {
			p1, _ := buildPDF(t, layout, nil)
			p2, _ := buildPDF(t, layout, nil)
			a, b := readFile(t, p1), readFile(t, p2)
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
			pUnset, _ := buildPDF(t, layout, nil)
			pEpoch, _ := buildPDF(t, layout, map[string]string{"SOURCE_DATE_EPOCH": "1700000000"})
			unset, epoch := readFile(t, pUnset), readFile(t, pEpoch)
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

// TestReproducibleAcrossProcesses builds the cardgen binary and runs it many
// times: Go randomises map iteration per process, so anything written in map
// order would show up as differing bytes.
func TestReproducibleAcrossProcesses(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary and runs it 20 times; skipped with -short")
	}
	bin := buildBinary(t)

	const runs = 10
	for _, layout := range []string{"a4", "tarot"} {
		t.Run(layout, func(t *testing.T) {
			dir := t.TempDir()
			outs := make([][]byte, runs)
			errs := make([]error, runs)
			var wg sync.WaitGroup
			sem := make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))
			for i := range runs {
				wg.Go(func() {
					sem <- struct{}{}
					defer func() { <-sem }()
					path := filepath.Join(dir, fmt.Sprintf("%d.pdf", i))
					cmd := exec.Command(bin, "build", "--layout", layout, "--out", path)
					cmd.Env = withoutEnv(os.Environ(), "SOURCE_DATE_EPOCH")
					if out, err := cmd.CombinedOutput(); err != nil {
						errs[i] = fmt.Errorf("run %d: %v\n%s", i+1, err, out)
						return
					}
					outs[i], errs[i] = os.ReadFile(path)
				})
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			for i := 1; i < runs; i++ {
				if !bytes.Equal(outs[0], outs[i]) {
					t.Errorf("run %d differs from run 1 %s", i+1, firstDiff(outs[0], outs[i]))
				}
			}
			// The binary and the in-process command give the same bytes.
			p, _ := buildPDF(t, layout, nil)
			if inProcess := readFile(t, p); !bytes.Equal(outs[0], inProcess) {
				t.Errorf("the binary's PDF differs from the in-process build %s", firstDiff(outs[0], inProcess))
			}
		})
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
