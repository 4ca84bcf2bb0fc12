package cli_test

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/internal/testenv"
)

// readmeCommand is one cardgen command of the README, as a user would type it.
type readmeCommand struct {
	line     string   // as written
	args     []string // after "cardgen" or "go run ./cmd/cardgen"
	redirect string   // the file after ">", if any
	files    []string // the files its comment says it writes (out/…)
}

// commentFile is a file a command's comment names: a path under out/, with
// no placeholder in it.
var commentFile = regexp.MustCompile(`\bout/[^\s,;:()<>*]+\.(?:pdf|png|svg|txt)\b`)

// readmeExamples returns the cardgen commands of the README's sh blocks, in
// order, and the files its yaml blocks name in their first line ("# mine.yaml: …").
func readmeExamples(t *testing.T) ([]readmeCommand, map[string]string) {
	t.Helper()
	text := string(readFile(t, filepath.Join(testdata, "..", "README.md")))
	var cmds []readmeCommand
	yamls := map[string]string{}
	fence := regexp.MustCompile("(?ms)^```(\\w*)\\n(.*?)^```")
	for _, m := range fence.FindAllStringSubmatch(text, -1) {
		lang, body := m[1], m[2]
		if lang == "yaml" {
			if f := regexp.MustCompile(`^# ([\w.-]+\.yaml)\b`).FindStringSubmatch(body); f != nil {
				yamls[f[1]] = body
			}
			continue
		}
		if lang != "sh" {
			continue
		}
		for _, line := range strings.Split(body, "\n") {
			code, comment, _ := strings.Cut(line, " #")
			var rest string
			switch {
			case strings.HasPrefix(code, "go run ./cmd/cardgen "):
				rest = strings.TrimPrefix(code, "go run ./cmd/cardgen ")
			case strings.HasPrefix(code, "cardgen "):
				rest = strings.TrimPrefix(code, "cardgen ")
			default:
				continue
			}
			c := readmeCommand{line: strings.TrimSpace(line), files: commentFile.FindAllString(comment, -1)}
			if before, after, ok := strings.Cut(rest, ">"); ok {
				rest, c.redirect = before, strings.TrimSpace(after)
			}
			c.args = shellWords(t, rest)
			// serve runs until it is stopped: its examples are the web
			// tests' (pkg/web, pkg/cli/serve_test.go). A maintainers'
			// command remakes a file of the repository on purpose (the
			// README's picture).
			if c.args[0] == "version" || c.args[0] == "completion" || c.args[0] == "serve" ||
				strings.HasPrefix(strings.TrimSpace(comment), "maintainers:") {
				continue
			}
			cmds = append(cmds, c)
		}
	}
	return cmds, yamls
}

// shellWords splits a command line as a shell does, for the quoting the
// README uses: words, "double" and 'single' quotes.
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		t.Fatalf("unclosed quote in %q", s)
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// snapshot returns the hash of every file under dir, by path.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// repoFiles returns the files of the repository, by slash path: those git
// tracks, or, without git, every file but those of .git, out and dist.
func repoFiles(t *testing.T) map[string]bool {
	t.Helper()
	root := filepath.Join(testdata, "..")
	files := map[string]bool{}
	if out, err := exec.Command("git", "-C", root, "ls-files", "-z").Output(); err == nil && len(out) > 0 {
		for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
			files[f] = true
		}
		return files
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() && (rel == ".git" || rel == "out" || rel == "dist") {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			files[rel] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// drawsEveryCard reports whether a command draws every card of the deck as
// a picture (cardgen preview or tabletop on the whole deck, in PNG): a
// second of processor time each, two thirds of TestREADMEExamples' time.
func drawsEveryCard(args []string) bool {
	if args[0] != "preview" && args[0] != "tabletop" && args[0] != "tts" {
		return false
	}
	for _, a := range args {
		switch a {
		case "--only", "--category", "--exclude", "--tag", "svg":
			return false
		}
	}
	return true
}

// TestREADMEExamples: issue 10 §1. The README's examples, run in order in a
// fresh folder as a new user would, leave one file per variant: each
// writes the files its comment names, and none rewrites a file an earlier
// one wrote (before, --ink-saver, --duplex, --faces, --back-offset, a
// selection, calibrate --lang en and preview --lang en all overwrote the
// default files), a file the user wrote as the README says (mine.yaml,
// once overwritten by "layouts --show a4 > mine.yaml"), or a file of the
// repository, were the examples run in a clone (docs/images/cards.png).
// The commands that draw every card as pictures run with CARDGEN_SLOW=1
// (as CI runs the tests) and are left out otherwise: their options are
// tested elsewhere on fewer cards.
func TestREADMEExamples(t *testing.T) {
	cmds, yamls := readmeExamples(t)
	if len(cmds) < 20 {
		t.Fatalf("only %d cardgen commands found in the README", len(cmds))
	}
	tracked := repoFiles(t)
	if !tracked["README.md"] || !tracked["docs/images/cards.png"] {
		t.Fatalf("the repository's files are not found (%d files)", len(tracked))
	}
	if !testenv.SlowOn() {
		cmds = slices.DeleteFunc(cmds, func(c readmeCommand) bool { return drawsEveryCard(c.args) })
	}
	dir := t.TempDir()
	t.Chdir(dir)
	writer := map[string]string{} // file → the command that wrote it
	for name, body := range yamls {
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		writer[name] = "the README's yaml block " + name
	}
	wrote := func(line, p string) {
		if tracked[p] {
			t.Errorf("%s writes %s, a file of the repository: write under out/ or to a file of the user's", line, p)
		}
	}
	for name := range yamls {
		wrote("the README's yaml block", name)
	}
	for _, c := range cmds {
		before := snapshot(t, dir)
		r := run(t, nil, c.args...)
		if r.code != 0 {
			t.Errorf("%s: exit %d\n%s", c.line, r.code, r.stderr)
			continue
		}
		after := snapshot(t, dir)
		for p, h := range after {
			if old, ok := before[p]; ok && old == h {
				continue
			}
			if w, ok := writer[p]; ok {
				t.Errorf("%s rewrote %s, which %s wrote", c.line, p, w)
			}
			writer[p] = c.line
			wrote(c.line, p)
		}
		for _, f := range c.files {
			if _, ok := after[f]; !ok {
				t.Errorf("%s: its comment names %s, which is not there", c.line, f)
			}
		}
		if c.redirect != "" {
			// The shell writes this one, not cardgen: a user's own file,
			// which must not be one written before.
			p := filepath.ToSlash(filepath.Clean(c.redirect))
			if w, ok := writer[p]; ok {
				t.Errorf("%s rewrote %s, which %s wrote", c.line, p, w)
			}
			writer[p] = c.line
			wrote(c.line, p)
			if err := os.WriteFile(c.redirect, []byte(r.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	pdfs := 0
	for p := range writer {
		if strings.HasSuffix(p, ".pdf") {
			pdfs++
		}
	}
	t.Logf("%d commands, %d files written, %d PDFs", len(cmds), len(writer), pdfs)
}
