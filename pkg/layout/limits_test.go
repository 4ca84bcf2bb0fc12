package layout_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cardgen/cardgen/internal/testenv"
	"github.com/cardgen/cardgen/pkg/layout"
)

func mustParse(t *testing.T, name, src string) *layout.Spec {
	t.Helper()
	s, err := layout.Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("Parse(%s):\n%s\n%v", name, src, err)
	}
	return s
}

// write writes files (name → content) under dir.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// within runs f and fails the test if it takes longer than d on the clock
// (without waiting for it: a loop over 10¹² slots would never end). The
// limits are seconds, not milliseconds, so that a busy machine does not
// fail them: what they catch takes hours.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	start := time.Now()
	go func() { f(); close(done) }()
	select {
	case <-done:
		t.Logf("%s: %v", what, time.Since(start))
	case <-time.After(testenv.Limit(d)):
		t.Fatalf("%s takes more than %v", what, d)
	}
}

// TestComputedGridBounded: a card of 0.001 mm on 2,000 mm paper, no grid
// given, was a loop over 4 × 10¹² slots (0.05 mm: 20 s). It is refused at
// once for its size, and whatever a spec holds, checking its backs is two
// rectangles, not one per slot.
func TestComputedGridBounded(t *testing.T) {
	for _, size := range []string{"0.001", "0.05", "1"} {
		src := "name: tiny\npaper: {width: 2000, height: 2000}\ncard: {width: " + size + ", height: " + size + "}\nbleed: 0\nsafe: 0\nmargin: 0\ngap: 0\n"
		var err error
		within(t, 2*time.Second, size+" mm cards on 2 m paper", func() { _, err = layout.Parse("tiny.yaml", []byte(src)) })
		if err == nil || !strings.Contains(err.Error(), "the card width must be from 30 to 2000 mm, not "+size) {
			t.Errorf("%s mm cards: %v", size, err)
		}
	}
	// The most a sheet can hold: 30 mm cards, no bleed, gap or margin, on
	// 2 m paper: 66 × 66.
	var s *layout.Spec
	within(t, 2*time.Second, "30 mm cards on 2 m paper", func() {
		s = mustParse(t, "dense.yaml", "name: dense\npaper: {width: 2000, height: 2000}\ncard: {width: 30, height: 30}\nbleed: 0\nsafe: 2\nmargin: 0\ngap: 0\n")
	})
	if s.Columns != 66 || s.Rows != 66 {
		t.Errorf("30 mm cards on 2 m: %d × %d; want 66 × 66", s.Columns, s.Rows)
	}
	// A grid of 2 × 10⁶ × 2 × 10⁶ slots, built by hand past the loader.
	huge := layout.Spec{Paper: layout.Paper{Size: layout.Size{W: 2000, H: 2000}}, Card: layout.Size{W: 0.001, H: 0.001},
		Columns: 2_000_000, Rows: 2_000_000, Duplex: layout.DuplexLong}
	var ok bool
	within(t, 2*time.Second, "BacksOnPaper on 4 × 10¹² slots", func() { ok = huge.BacksOnPaper() })
	if !ok {
		t.Errorf("BacksOnPaper = false; the centred grid's backs are on the paper")
	}
	huge.BackOffset.X = 0.01
	if huge.BacksOnPaper() {
		t.Errorf("BacksOnPaper = true with the backs shifted past the edge")
	}
}

// TestMinCardSize: a card is at least 30 mm each way; 30 mm itself is fine.
func TestMinCardSize(t *testing.T) {
	_, err := layout.Parse("s.yaml", []byte("name: s\npaper: A4\ncard: {width: 29.9, height: 0.001}\nbleed: 3\nsafe: 4\nmargin: 5\ngap: 10\n"))
	checkProblems(t, "s.yaml", err, []want{
		{line: 3, col: 15, field: "card.width", msg: "the card width must be from 30 to 2000 mm, not 29.9", exactMsg: true, hint: "at least 30 mm each way"},
		{line: 3, col: 29, field: "card.height", msg: "the card height must be from 30 to 2000 mm, not 0.001", exactMsg: true},
	})
	s := mustParse(t, "s.yaml", "name: s\npaper: A4\ncard: {width: 30, height: 30}\nbleed: 3\nsafe: 2\nmargin: 5\ngap: 10\n")
	// (200 − 6 + 10) / 40 = 5.1 across, (287 − 6 + 10) / 40 = 7.3 down.
	if s.Columns != 5 || s.Rows != 7 {
		t.Errorf("30 mm cards on A4: %d × %d; want 5 × 7", s.Columns, s.Rows)
	}
}

// TestGridLimit: a given grid past MaxGrid × MaxGrid is refused.
func TestGridLimit(t *testing.T) {
	_, err := layout.Parse("g.yaml", []byte("name: g\npaper: A4\ncard: {width: 30, height: 30}\nbleed: 3\nsafe: 4\nmargin: 5\ngap: 10\ngrid: {columns: 101, rows: 1}\n"))
	if err == nil || !strings.Contains(err.Error(), "columns must be a whole number from 1 to 100, not 101") {
		t.Errorf("101 columns: %v", err)
	}
}
