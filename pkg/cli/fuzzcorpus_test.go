package cli_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
)

// corpusBytes returns the byte and string values of a file of a Go fuzz
// corpus ("go test fuzz v1", then one value a line such as []byte("…")),
// or nil when it is not one.
func corpusBytes(data []byte) [][]byte {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	if !sc.Scan() || sc.Text() != "go test fuzz v1" {
		return nil
	}
	var out [][]byte
	for sc.Scan() {
		line := sc.Text()
		for _, prefix := range []string{"[]byte(", "string("} {
			if rest, ok := strings.CutPrefix(line, prefix); ok && strings.HasSuffix(rest, ")") {
				if s, err := strconv.Unquote(strings.TrimSuffix(rest, ")")); err == nil {
					out = append(out, []byte(s))
				}
			}
		}
	}
	return out
}

func corpusValues(t *testing.T, path string) [][]byte {
	t.Helper()
	v := corpusBytes(readFile(t, path))
	if v == nil {
		t.Fatalf("%s is not a Go fuzz corpus file, or holds no bytes or string", path)
	}
	return v
}

// readers lists the extensions of the dataset formats cardgen reads.
func readers() []string {
	var exts []string
	for _, ext := range []string{".yaml", ".json", ".csv", ".md", ".xlsx", ".ods"} {
		if deck.FormatOf("x"+ext) != "" {
			exts = append(exts, ext)
		}
	}
	return exts
}

// throughCLI runs every command that reads a dataset on value, saved with
// each extension of exts, and every command that reads a layout on it
// (when layout is true). Whatever it is, cardgen must end with exit 0, 1 or
// 2 and a message, never a panic (which Main reports as a bug) or a stack
// trace.
func throughCLI(t *testing.T, value []byte, exts []string, layout bool) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	var runs [][]string
	for _, ext := range exts {
		data := filepath.Join(dir, "data"+ext)
		os.WriteFile(data, value, 0o644)
		runs = append(runs,
			[]string{"validate", "--data", data},
			[]string{"build", "--data", data, "--out", out},
			[]string{"export", "--data", data, "--format", "json"},
			[]string{"guide", "--data", data, "--out", out})
	}
	if layout {
		file := filepath.Join(dir, "layout.yaml")
		os.WriteFile(file, value, 0o644)
		runs = append(runs, []string{"validate", "--layout", file}, []string{"calibrate", "--layout", file, "--out", out})
	}
	for _, args := range runs {
		r := run(t, nil, args...)
		if r.code < 0 || r.code > 2 || r.code != 0 && !strings.HasPrefix(r.stderr, "cardgen: ") ||
			strings.Contains(r.stderr, "bug in cardgen") || strings.Contains(r.stderr, "goroutine ") {
			t.Errorf("cardgen %s: exit %d, stderr:\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}

// TestFuzzCorporaThroughCLI feeds every input of every fuzz corpus
// (pkg/*/testdata/fuzz/**) to the whole command line, as a dataset in every
// format and as a layout, and the bad-input corpus (testdata/bad,
// testdata/datasets/bad) as what it is.
func TestFuzzCorporaThroughCLI(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join("..", "*", "testdata", "fuzz", "*", "*"))
	if len(files) == 0 {
		t.Fatal("no fuzz corpus found under pkg/*/testdata/fuzz")
	}
	exts := readers()
	for _, file := range files {
		for i, value := range corpusValues(t, file) {
			name := filepath.Base(filepath.Dir(file)) + "/" + filepath.Base(file) + "/" + strconv.Itoa(i)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				throughCLI(t, value, exts, true)
			})
		}
	}
	var bad []string
	for _, pattern := range []string{"bad/*", "datasets/bad/*"} {
		m, _ := filepath.Glob(fixture(pattern))
		bad = append(bad, m...)
	}
	for _, file := range bad {
		ext := filepath.Ext(file)
		if deck.FormatOf(file) == "" {
			continue // a golden file, or a picture
		}
		value := readFile(t, file)
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			throughCLI(t, value, []string{ext}, ext == ".yaml")
		})
	}
}

// FuzzCLI runs the whole command line on arbitrary datasets and layouts.
// Its seeds are the fuzz corpora of every loader; run it with
// go test ./pkg/cli -run '^$' -fuzz FuzzCLI -fuzztime 60s.
func FuzzCLI(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "*", "testdata", "fuzz", "*", "*"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, v := range corpusBytes(data) {
			f.Add(v, uint8(0))
		}
	}
	f.Add([]byte("deck: {title: T, language: fr}\npersonas: [{id: a, name: A, role: R, country_code: FR, text: T, conditions: [c], image: a.png}]\n"), uint8(0))
	exts := readers()
	f.Fuzz(func(t *testing.T, value []byte, format uint8) {
		i := int(format) % (len(exts) + 1)
		if i == len(exts) {
			throughCLI(t, value, nil, true)
			return
		}
		throughCLI(t, value, exts[i:i+1], false)
	})
}
