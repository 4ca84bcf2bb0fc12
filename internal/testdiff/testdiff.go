// Package testdiff is for tests: it compares an output with its golden
// file and, when they differ, shows how as a line diff (lines of the
// golden file marked "-", lines of the output marked "+", a few unchanged
// lines around each change), so that a failure says what broke rather
// than "differs".
package testdiff

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// context is how many unchanged lines Lines shows around a change.
const context = 2

// maxCells bounds the table Lines fills to align two texts (lines of one
// times lines of the other, after their common start and end): beyond it,
// the differing middle is shown as removed and added whole.
const maxCells = 1 << 22

// Lines returns a line diff from want to got: "@@ -w +g @@" where a change
// starts (1-based line numbers in want and got), then "- " before a line
// only want has, "+ " before a line only got has and "  " before an
// unchanged line around them. It returns "" when want and got are equal.
// A missing final newline is shown as its own line, so that it is visible.
func Lines(want, got string) string {
	if want == got {
		return ""
	}
	w, g := split(want), split(got)
	ops := align(w, g)
	var b strings.Builder
	// Show each change with up to context unchanged lines either side,
	// merging changes that are close.
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(0, i-context)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j
				continue
			}
			if j-end > 2*context {
				break
			}
		}
		end = min(len(ops), end+context+1)
		fmt.Fprintf(&b, "@@ -%d +%d @@\n", ops[start].w+1, ops[start].g+1)
		for _, op := range ops[start:end] {
			b.WriteByte(op.kind)
			b.WriteByte(' ')
			b.WriteString(op.line)
			b.WriteByte('\n')
		}
		i = end
	}
	return b.String()
}

// split cuts s into lines, the last one marked when it has no newline.
func split(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\n")
	}
	if last := len(lines) - 1; lines[last] == "" {
		lines = lines[:last]
	} else {
		lines[last] += " ⏎ (no newline at the end)"
	}
	return lines
}

// op is one line of the diff: kind ' ', '-' or '+', and the numbers (from
// 0) of the lines of want and got it stands before.
type op struct {
	kind byte
	w, g int
	line string
}

// align returns the shortest edit from w to g, by a longest common
// subsequence of lines.
func align(w, g []string) []op {
	var ops []op
	// The common start and end need no table.
	pre := 0
	for pre < len(w) && pre < len(g) && w[pre] == g[pre] {
		ops = append(ops, op{' ', pre, pre, w[pre]})
		pre++
	}
	suf := 0
	for suf < len(w)-pre && suf < len(g)-pre && w[len(w)-1-suf] == g[len(g)-1-suf] {
		suf++
	}
	mw, mg := w[pre:len(w)-suf], g[pre:len(g)-suf]
	if len(mw)*len(mg) > maxCells {
		for i, l := range mw {
			ops = append(ops, op{'-', pre + i, pre, l})
		}
		for i, l := range mg {
			ops = append(ops, op{'+', pre + len(mw), pre + i, l})
		}
	} else {
		// lcs[i][j]: the longest common subsequence of mw[i:] and mg[j:].
		n, m := len(mw), len(mg)
		lcs := make([][]int32, n+1)
		for i := range lcs {
			lcs[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if mw[i] == mg[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && mw[i] == mg[j]:
				ops = append(ops, op{' ', pre + i, pre + j, mw[i]})
				i, j = i+1, j+1
			case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
				// Removed lines before added ones, as diff shows them.
				ops = append(ops, op{'-', pre + i, pre + j, mw[i]})
				i++
			default:
				ops = append(ops, op{'+', pre + i, pre + j, mg[j]})
				j++
			}
		}
	}
	for k := suf; k > 0; k-- {
		ops = append(ops, op{' ', len(w) - k, len(g) - k, w[len(w)-k]})
	}
	return ops
}

// Golden compares got with the golden file at path. With update it writes
// got there first (creating its folder), so that the comparison passes.
// When they differ, or the file is missing, t fails with the diff and
// accept, the command that accepts the change, such as
// "go test ./pkg/face -update".
func Golden(t testing.TB, path, got string, update bool, accept string) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Errorf("no golden file %s; if this output is right, run %s to write it:\n%s", path, accept, got)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if d := Lines(string(want), got); d != "" {
		t.Errorf("the output differs from %s (- golden, + now):\n%s\nif the change is intended, run %s", path, d, accept)
	}
}
