package yamldoc

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cardgen/cardgen/internal/testdiff"
	"github.com/cardgen/cardgen/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite the golden files of the YAML syntax corpus")

// corpus holds broken YAML files, datasets and layouts, each named for the
// line where its mistake is: NAME-lineN.yaml, or NAME-lineNorM.yaml when
// the line where the parser notices it will do as well. Beside each,
// NAME-lineN.golden holds the problems read gives.
const corpus = "../../testdata/datasets/yaml-syntax"

var mistakeLine = regexp.MustCompile(`-line(\d+)(?:or(\d+))?\.yaml$`)

// read reads a file as the loaders do: Parse, then every mapping's keys
// (a key given twice) and every value as text (a value YAML took for a
// comment).
func read(name string, data []byte) *Reader {
	r := &Reader{File: name}
	doc := r.Parse(data, "")
	var walk func(n *Node, path string)
	walk = func(n *Node, path string) {
		switch n.Kind {
		case MappingNode:
			var keys []string
			for i := 0; i+1 < len(n.Content); i += 2 {
				keys = append(keys, n.Content[i].Value)
			}
			f, _ := r.MappingAt(n, "", path, keys)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i].Value, Resolve(n.Content[i+1])
				if v.Kind == ScalarNode && f.Values[k] == v {
					r.Text(f, k, "", false)
				} else if v.Kind != ScalarNode {
					walk(v, path+k+".")
				}
			}
		case SequenceNode:
			for _, c := range n.Content {
				walk(Resolve(c), path)
			}
		}
	}
	if doc != nil {
		walk(doc, "")
	}
	return r
}

// TestSyntaxCorpus: every broken file of the corpus is reported at the
// line where its mistake is, and says what it is (the golden files).
func TestSyntaxCorpus(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join(corpus, "*.yaml"))
	if len(files) < 25 {
		t.Fatalf("only %d files in %s", len(files), corpus)
	}
	for _, path := range files {
		name := filepath.Base(path)
		m := mistakeLine.FindStringSubmatch(name)
		if m == nil {
			t.Errorf("%s: the name does not say the mistake's line (NAME-lineN.yaml)", name)
			continue
		}
		want := map[int]bool{}
		for _, s := range m[1:] {
			if n, err := strconv.Atoi(s); err == nil {
				want[n] = true
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r := read(name, data)
		if len(r.Problems) == 0 {
			t.Errorf("%s: no problem", name)
			continue
		}
		if p := r.Problems[0]; !want[p.Line] || p.Column < 1 {
			t.Errorf("%s: reported at %d:%d, want line %s", name, p.Line, p.Column, strings.Join(m[1:], " or "))
		}
		testdiff.Golden(t, strings.TrimSuffix(path, ".yaml")+".golden", r.Problems.Error()+"\n", *update,
			"go test ./pkg/yamldoc -run TestSyntaxCorpus -update")
	}
}

// In a long file, a mistake thousands of lines after the block that holds
// it (the library gives the block's first line) is found where it is, in
// a few parses of the file. Not parallel: it counts the processor time it
// takes.
func TestSyntaxDeepInALongFile(t *testing.T) {
	persona := func(i int) []string {
		return []string{
			"  - id: p" + strconv.Itoa(i),
			"    name: Persona " + strconv.Itoa(i),
			"    role: Rôle",
			"    country_code: FR",
			"    text: >-",
			"      Une ligne de texte,",
			"      puis une autre.",
			"    conditions:",
			"      - Une",
			"      - Deux",
		}
	}
	for _, tt := range []struct {
		name  string
		line  int // of persona 400, from 0
		wrong string
		msg   string
	}{
		{"dash without a space", 0, "  -id: p399", "needs a space"},
		{"key indented one more", 2, "     role: Rôle", "indented by 5 spaces"},
		{"item at the keys' level", 9, "    - Deux", "a list item among key: value lines"},
		{"text less indented", 6, "     puis une autre.", "less than the text"},
	} {
		lines := []string{"deck: {title: T, language: fr}", "personas:"}
		want := 0
		for i := range 500 {
			p := persona(i)
			if i == 399 {
				p[tt.line] = tt.wrong
				want = len(lines) + tt.line + 1
			}
			lines = append(lines, p...)
		}
		r := &Reader{File: "long.yaml"}
		start := testenv.CPUTime()
		if doc := r.Parse([]byte(strings.Join(lines, "\n")+"\n"), ""); doc != nil {
			t.Fatalf("%s: parsed", tt.name)
		}
		took := testenv.CPUTime() - start
		if p := r.Problems[0]; p.Line != want || !strings.Contains(p.Msg, tt.msg) {
			t.Errorf("%s: %v; want line %d, %q", tt.name, p, want, tt.msg)
		}
		if took > testenv.Limit(2*time.Second) {
			t.Errorf("%s: took %v", tt.name, took)
		}
		t.Logf("%s: %v", tt.name, took)
	}
}

// FuzzSyntax: whatever the text, finding where a syntax error is never
// fails, and names a line of the text.
func FuzzSyntax(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(corpus, "*.yaml"))
	for _, path := range files {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("a: [b, {c: 'd\n  - e: \"f\\\n\tg: |\n  h\n i: *j\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		r := &Reader{File: "f.yaml"}
		if r.Parse(data, "") != nil {
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, p := range r.Problems {
			if p.Line < 0 || p.Line > lines {
				t.Fatalf("line %d of %d: %v", p.Line, lines, p)
			}
		}
	})
}
