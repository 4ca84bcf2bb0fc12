// Command cardgen-bench measures cardgen on large decks: it builds the
// cardgen binary, writes decks of 20, 1,000 and 10,000 distinct personas
// (the default deck repeated, ids made unique), builds each on A4 and
// prints a Markdown table of wall time and peak memory (the child's maximum
// resident set size), the best of several runs, and every run's time, to
// see how much this machine's speed varies.
//
//	go run ./cmd/cardgen-bench              # 20, 1000, 10000 cards, 3 runs each
//	go run ./cmd/cardgen-bench -runs 5 -layout tarot 20 1000
//	go run ./cmd/cardgen-bench -bin old/cardgen -bin new/cardgen 1000  # side by side
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cardgen/cardgen/data"
)

func main() {
	runs := flag.Int("runs", 3, "runs per size; the best is reported")
	layout := flag.String("layout", "a4", "layout to build")
	var bins binList
	flag.Var(&bins, "bin", "time this cardgen binary instead of building ./cmd/cardgen; repeat to compare binaries, runs interleaved")
	flag.Parse()
	sizes := []int{20, 1000, 10000}
	if flag.NArg() > 0 {
		sizes = nil
		for _, a := range flag.Args() {
			n, err := strconv.Atoi(a)
			if err != nil || n < 1 {
				fail(fmt.Errorf("%q is not a number of cards", a))
			}
			sizes = append(sizes, n)
		}
	}
	dir, err := os.MkdirTemp("", "cardgen-bench-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	if len(bins) == 0 {
		bin := filepath.Join(dir, "cardgen")
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/cardgen").CombinedOutput(); err != nil {
			fail(fmt.Errorf("go build: %v\n%s", err, out))
		}
		bins = append(bins, bin)
	}
	src, err := data.FS.ReadFile(data.Default)
	if err != nil {
		fail(err)
	}
	fmt.Printf("cardgen build --layout %s, best of %d runs, %s/%s, %d CPUs, %s\n\n", *layout, *runs, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	binCol, binSep := "", ""
	if len(bins) > 1 {
		binCol, binSep = " binary |", "--------|"
	}
	fmt.Printf("|%s cards | pages | wall time | runs | peak memory | PDF size |\n", binCol)
	fmt.Printf("|%s------:|------:|----------:|-----:|------------:|---------:|\n", binSep)
	for _, n := range sizes {
		deck := filepath.Join(dir, fmt.Sprintf("deck-%d.yaml", n))
		if err := os.WriteFile(deck, repeat(string(src), n), 0o644); err != nil {
			fail(err)
		}
		type result struct {
			walls  []time.Duration
			peak   int64
			stdout string
			size   int64
		}
		results := make([]result, len(bins))
		// Runs interleaved, so that a change in the machine's speed
		// affects every binary alike.
		for range *runs {
			for i, bin := range bins {
				out := filepath.Join(dir, fmt.Sprintf("deck-%d-%d.pdf", n, i))
				cmd := exec.Command(bin, "build", "--data", deck, "--layout", *layout, "--out", out)
				start := time.Now()
				b, err := cmd.Output()
				wall := time.Since(start)
				if err != nil {
					fail(fmt.Errorf("%s, %d cards: %v", bin, n, err))
				}
				r := &results[i]
				r.stdout = string(b)
				r.walls = append(r.walls, wall)
				r.peak = max(r.peak, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss*1024) // KiB on Linux
				if fi, err := os.Stat(out); err == nil {
					r.size = fi.Size()
				}
			}
		}
		for i, r := range results {
			col := ""
			if len(bins) > 1 {
				col = " " + bins[i] + " |"
			}
			var all []string
			for _, w := range r.walls {
				all = append(all, fmt.Sprintf("%.2f", w.Seconds()))
			}
			fmt.Printf("|%s %d | %s | %.2f s | %s | %.0f MB | %.1f MB |\n", col, n, pages(r.stdout), slices.Min(r.walls).Seconds(),
				strings.Join(all, ", "), float64(r.peak)/1e6, float64(r.size)/1e6)
		}
	}
}

// binList is the repeatable -bin flag.
type binList []string

func (b *binList) String() string { return strings.Join(*b, ",") }
func (b *binList) Set(s string) error {
	abs, err := filepath.Abs(s)
	if err != nil {
		return err
	}
	*b = append(*b, abs)
	return nil
}

// repeat makes a deck of n distinct personas from the default deck's.
func repeat(src string, n int) []byte {
	head, body, _ := strings.Cut(src, "\npersonas:\n")
	items := strings.Split("\n"+body, "\n  - id: ")[1:]
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("\npersonas:\n")
	for i := range n {
		item := items[i%len(items)]
		id, rest, _ := strings.Cut(item, "\n")
		fmt.Fprintf(&b, "  - id: %s-%d\n%s\n", id, i, strings.TrimRight(rest, "\n"))
	}
	return []byte(b.String())
}

func pages(stdout string) string {
	if i := strings.Index(stdout, " pages"); i > 0 {
		f := strings.Fields(stdout[:i])
		return f[len(f)-1]
	}
	return "?"
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "cardgen-bench:", err)
	os.Exit(1)
}
