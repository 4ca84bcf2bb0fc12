// Command cardgen-bench measures cardgen on large decks: it builds the
// cardgen binary, writes decks of 20, 1,000 and 10,000 distinct personas
// (the default deck repeated, ids made unique), builds each on A4 and
// prints a Markdown table of wall time and peak memory (the child's maximum
// resident set size), the best of several runs.
//
//	go run ./cmd/cardgen-bench              # 20, 1000, 10000 cards, 3 runs each
//	go run ./cmd/cardgen-bench -runs 5 -layout tarot 20 1000
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cardgen/cardgen/data"
)

func main() {
	runs := flag.Int("runs", 3, "runs per size; the best is reported")
	layout := flag.String("layout", "a4", "layout to build")
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
	bin := filepath.Join(dir, "cardgen")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/cardgen").CombinedOutput(); err != nil {
		fail(fmt.Errorf("go build: %v\n%s", err, out))
	}
	src, err := data.FS.ReadFile(data.Default)
	if err != nil {
		fail(err)
	}
	fmt.Printf("cardgen build --layout %s, best of %d runs, %s/%s, %d CPUs, %s\n\n", *layout, *runs, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	fmt.Println("| cards | pages | wall time | peak memory | PDF size |")
	fmt.Println("|------:|------:|----------:|------------:|---------:|")
	for _, n := range sizes {
		deck := filepath.Join(dir, fmt.Sprintf("deck-%d.yaml", n))
		if err := os.WriteFile(deck, repeat(string(src), n), 0o644); err != nil {
			fail(err)
		}
		out := filepath.Join(dir, fmt.Sprintf("deck-%d.pdf", n))
		best, peak := time.Duration(0), int64(0)
		var stdout string
		for range *runs {
			cmd := exec.Command(bin, "build", "--data", deck, "--layout", *layout, "--out", out)
			start := time.Now()
			b, err := cmd.Output()
			wall := time.Since(start)
			if err != nil {
				fail(fmt.Errorf("%d cards: %v", n, err))
			}
			stdout = string(b)
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024 // KiB on Linux
			if best == 0 || wall < best {
				best = wall
			}
			peak = max(peak, rss)
		}
		fi, _ := os.Stat(out)
		fmt.Printf("| %d | %s | %.2f s | %.0f MB | %.1f MB |\n", n, pages(stdout), best.Seconds(), float64(peak)/1e6, float64(fi.Size())/1e6)
	}
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
