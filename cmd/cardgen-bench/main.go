// Command cardgen-bench measures cardgen against the targets of issue 14:
// it builds the cardgen binary, times `cardgen build` as a process on the
// default deck and on decks of 1,000 and 10,000 distinct personas (the
// default deck repeated, ids made unique) on A4, and times the refit of
// one card after an edit, in process, as the web server does it. It prints
// a Markdown table: the best of several runs, every run's time, how many
// met the target, peak memory (the child's maximum resident set size),
// the PDF's size, and the machine's load average (1 minute) before and
// after, since other work on the machine slows every figure.
//
//	go run ./cmd/cardgen-bench              # the four targets, 3 runs each
//	go run ./cmd/cardgen-bench -runs 5 -layout tarot 20 1000
//	go run ./cmd/cardgen-bench -bin old/cardgen -bin new/cardgen 1000  # side by side
//
// With numbers, it times decks of those sizes (20 is the default deck as a
// file) and no refit. Runs of several binaries are interleaved, so that a
// change in the machine's speed affects every binary alike.
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
	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// A row of the table: a build of n cards (0: the embedded default deck,
// built with no --data), and its target.
type row struct {
	what   string
	n      int
	target time.Duration
	memory int64 // bytes; 0 for none
}

var targets = []row{
	{what: "default deck, `cardgen build` as a process", n: 0, target: 40 * time.Millisecond},
	{what: "1,000 cards, a4", n: 1000, target: 250 * time.Millisecond},
	{what: "10,000 cards, a4", n: 10000, target: 2500 * time.Millisecond, memory: 250e6},
}

func main() {
	runs := flag.Int("runs", 3, "runs per row; the best is reported")
	layout := flag.String("layout", "a4", "layout to build")
	refit := flag.Bool("refit", true, "time the refit of one card (with the default rows)")
	var bins binList
	flag.Var(&bins, "bin", "time this cardgen binary instead of building ./cmd/cardgen; repeat to compare binaries, runs interleaved")
	flag.Parse()
	rows := targets
	if flag.NArg() > 0 {
		rows, *refit = nil, false
		for _, a := range flag.Args() {
			n, err := strconv.Atoi(a)
			if err != nil || n < 1 {
				fail(fmt.Errorf("%q is not a number of cards", a))
			}
			rows = append(rows, row{what: fmt.Sprintf("%d cards, %s", n, *layout), n: n})
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
	fmt.Printf("cardgen build --layout %s, best of %d runs, %s/%s, %d CPUs, %s, %s\n\n", *layout, *runs, runtime.GOOS, runtime.GOARCH,
		runtime.NumCPU(), runtime.Version(), time.Now().Format("2006-01-02 15:04"))
	binCol, binSep := "", ""
	if len(bins) > 1 {
		binCol, binSep = " binary |", "--------|"
	}
	fmt.Printf("|%s work | pages | wall time | runs | met | peak memory | PDF size | load |\n", binCol)
	fmt.Printf("|%s------|------:|----------:|-----:|----:|------------:|---------:|-----:|\n", binSep)
	for _, r := range rows {
		var deckArgs []string
		if r.n > 0 {
			deckFile := filepath.Join(dir, fmt.Sprintf("deck-%d.yaml", r.n))
			if err := os.WriteFile(deckFile, repeat(string(src), r.n), 0o644); err != nil {
				fail(err)
			}
			deckArgs = []string{"--data", deckFile}
		}
		type result struct {
			walls  []time.Duration
			peak   int64
			stdout string
			size   int64
		}
		results := make([]result, len(bins))
		before := loadAverage()
		for range *runs {
			for i, bin := range bins {
				out := filepath.Join(dir, fmt.Sprintf("deck-%d-%d.pdf", r.n, i))
				args := append([]string{"build"}, deckArgs...)
				cmd := exec.Command(bin, append(args, "--layout", *layout, "--out", out)...)
				start := time.Now()
				b, err := cmd.Output()
				wall := time.Since(start)
				if err != nil {
					fail(fmt.Errorf("%s, %s: %v", bin, r.what, err))
				}
				res := &results[i]
				res.stdout = string(b)
				res.walls = append(res.walls, wall)
				res.peak = max(res.peak, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss*1024) // KiB on Linux
				if fi, err := os.Stat(out); err == nil {
					res.size = fi.Size()
				}
			}
		}
		load := loadRange(before, loadAverage())
		for i, res := range results {
			col := ""
			if len(bins) > 1 {
				col = " " + bins[i] + " |"
			}
			var all []string
			met := 0
			for _, w := range res.walls {
				all = append(all, fmt.Sprintf("%.2f", w.Seconds()))
				if w <= r.target && (r.memory == 0 || res.peak <= r.memory) {
					met++
				}
			}
			fmt.Printf("|%s %s | %s | %.2f s | %s | %s | %.0f MB | %.1f MB | %s |\n", col, r.what, pages(res.stdout), slices.Min(res.walls).Seconds(),
				strings.Join(all, ", "), metOf(met, len(res.walls), r.target), float64(res.peak)/1e6, float64(res.size)/1e6, load)
		}
	}
	if *refit {
		before := loadAverage()
		times, err := refits(*runs)
		if err != nil {
			fail(err)
		}
		load := loadRange(before, loadAverage())
		met := 0
		var all []string
		for _, t := range times {
			all = append(all, fmt.Sprintf("%.2f", float64(t.Microseconds())/1000))
			if t <= 5*time.Millisecond {
				met++
			}
		}
		col := ""
		if len(bins) > 1 {
			col = " (this source) |"
		}
		fmt.Printf("|%s refit one card after an edit (ms, in process) | — | %.2f ms | %s | %d/%d | — | — | %s |\n", col,
			float64(slices.Min(times).Microseconds())/1000, strings.Join(all, ", "), met, len(times), load)
	}
}

// refits times, runs times, the refit of a card after an edit as the web
// server does it (build.Compose of that card, its text changed), in this
// process, warm (the fonts read and the locator maps made by a first
// pass, as a server has them): each run is the mean of refitting every
// persona of the default deck.
func refits(runs int) ([]time.Duration, error) {
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		return nil, err
	}
	fam, err := typeface.Default()
	if err != nil {
		return nil, err
	}
	spec, err := build.LoadLayout("a4")
	if err != nil {
		return nil, err
	}
	edits := 0
	pass := func() (time.Duration, error) {
		start := time.Now()
		for i := range d.Personas {
			one := *d
			p := d.Personas[i]
			p.Text += fmt.Sprintf(" Édité %d fois.", edits)
			edits++
			one.Personas = []deck.Persona{p}
			if _, err := build.Compose(&one, spec, fam); err != nil {
				return 0, err
			}
		}
		return time.Since(start) / time.Duration(len(d.Personas)), nil
	}
	if _, err := pass(); err != nil {
		return nil, err
	}
	var times []time.Duration
	for range runs {
		t, err := pass()
		if err != nil {
			return nil, err
		}
		times = append(times, t)
	}
	return times, nil
}

func metOf(met, runs int, target time.Duration) string {
	if target == 0 {
		return "—"
	}
	return fmt.Sprintf("%d/%d", met, runs)
}

// loadAverage is the 1-minute load average, or -1.
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}

func loadRange(a, b float64) string {
	if a < 0 || b < 0 {
		return "?"
	}
	return fmt.Sprintf("%.1f–%.1f", min(a, b), max(a, b))
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
