package fpdfcheck

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/internal/testenv"
)

// upstreamSum pins upstream fpdf v0.12.0 as the module proxy serves it
// (the lines go.sum had before the copy replaced it): the comparison is
// with those bytes, whatever the module cache holds.
const (
	upstreamPath = "codeberg.org/go-pdf/fpdf"
	upstreamSum  = upstreamPath + " v0.12.0 h1:g8E/1VqGqB2lZUUaqQrrTnA0IEJLPTTX1DZ0qS/ZmhU=\n" +
		upstreamPath + " v0.12.0/go.mod h1:WJNJ2bvCj81rZBdhOf7lKOGoSl+OKMXcIcXqDcP8r5Y=\n"
)

// The files the patches change or add; every other file of the copy is
// upstream's, byte for byte.
var (
	patched = []string{"xcompr.go", "utf8fontfile.go", "def.go", "fpdf.go"}
	added   = []string{"PATCH.md", "xcompr_test.go", "utf8fontfile_test.go", "utf8fontfile_cmap_test.go", "def_fontid_test.go", "fpdf_pages_test.go"}
)

// upstreamModfile writes, in dir, a go.mod and go.sum that are the
// repository's without the replace line, and returns the go.mod's path.
func upstreamModfile(t *testing.T, root, dir string) string {
	t.Helper()
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	replaces := 0
	for _, line := range strings.SplitAfter(string(mod), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "replace") {
			if !strings.Contains(line, upstreamPath+" v0.12.0 => ./pkg/internal/fpdf") {
				t.Fatalf("go.mod has a replace other than fpdf's: %q", line)
			}
			replaces++
			continue
		}
		kept = append(kept, line)
	}
	if replaces != 1 {
		t.Fatalf("go.mod has %d replace lines for fpdf, want 1", replaces)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	modfile := filepath.Join(dir, "go.mod")
	if err := os.WriteFile(modfile, []byte(strings.Join(kept, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), append(sum, upstreamSum...), 0o644); err != nil {
		t.Fatal(err)
	}
	return modfile
}

func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// upstream returns the repository's root, a go.mod without the replace
// line (in a temporary folder) and the folder of upstream fpdf v0.12.0 in
// the module cache, downloaded when it is not there yet (a fresh cache
// holds only the copy, which the build uses).
func upstream(t *testing.T) (root, modfile, dir string) {
	t.Helper()
	gotool := testenv.Tool(t, "install Go", "go")
	root = filepath.Dir(strings.TrimSpace(run(t, ".", gotool, "env", "GOMOD")))
	modfile = upstreamModfile(t, root, t.TempDir())
	var mod struct{ Dir, Sum string }
	if err := json.Unmarshal([]byte(run(t, root, gotool, "mod", "download", "-json", upstreamPath+"@v0.12.0")), &mod); err != nil {
		t.Fatal(err)
	}
	if mod.Dir == "" || !strings.Contains(upstreamSum, " "+mod.Sum+"\n") {
		t.Fatalf("go mod download gave upstream fpdf in %q with the sum %q, not the one pinned:\n%s", mod.Dir, mod.Sum, upstreamSum)
	}
	return root, modfile, mod.Dir
}

// TestCopyIsUpstreamPlusPatch checks that the copy in pkg/internal/fpdf
// differs from upstream only by the patch that PATCH.md shows.
func TestCopyIsUpstreamPlusPatch(t *testing.T) {
	t.Parallel()
	root, _, dir := upstream(t)
	compareCopy(t, dir, filepath.Join(root, "pkg/internal/fpdf"))
}

// TestPatchedFpdfWritesUpstreamBytes builds cardgen twice, against the
// copy (the repository's go.mod) and against upstream (a go.mod without the
// replace line), and checks that both binaries write the same bytes for the
// default decks in every built-in layout and both languages, the ink-saver
// variant, a deck with a picture, the facilitator's guide and the
// calibration sheet in both languages. Slow: CARDGEN_SLOW=1 runs it.
func TestPatchedFpdfWritesUpstreamBytes(t *testing.T) {
	testenv.Slow(t, "builds cardgen twice and 25 PDFs with each")
	t.Parallel()
	root, modfile, _ := upstream(t)
	tmp := t.TempDir()

	bins := map[string]string{"upstream": filepath.Join(tmp, "bin", "upstream"), "patched": filepath.Join(tmp, "bin", "patched")}
	gotool := testenv.Tool(t, "install Go", "go")
	run(t, root, gotool, "build", "-modfile="+modfile, "-o", bins["upstream"], "./cmd/cardgen")
	run(t, root, gotool, "build", "-o", bins["patched"], "./cmd/cardgen")

	entries, err := os.ReadDir(filepath.Join(root, "layouts"))
	if err != nil {
		t.Fatal(err)
	}
	var layoutArgs []string
	layouts := 0
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			layoutArgs = append(layoutArgs, "--layout", name)
			layouts++
		}
	}
	jobs := map[string][]string{
		"fr":           append([]string{"build"}, layoutArgs...),
		"en":           append([]string{"build", "--lang", "en"}, layoutArgs...),
		"ink":          {"build", "--layout", "a4", "--layout", "tarot", "--ink-saver"},
		"picture":      {"build", "--data", "testdata/datasets/good/rich.yaml"},
		"guide":        {"guide"},
		"guide-en":     {"guide", "--lang", "en", "--paper", "Letter"},
		"calibrate":    {"calibrate"},
		"calibrate-en": {"calibrate", "--layout", "letter", "--lang", "en"},
	}
	for name, bin := range bins {
		for job, args := range jobs {
			out := filepath.Join(tmp, name, job) + string(filepath.Separator)
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			run(t, root, bin, append(args, "--out", out)...)
		}
	}
	compared := 0
	err = filepath.WalkDir(filepath.Join(tmp, "upstream"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(tmp, "upstream"), path)
		want, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(tmp, "patched", rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the patched fpdf writes %d bytes, upstream %d; first difference at byte %d",
				rel, len(got), len(want), firstDiff(got, want))
		}
		compared++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Every layout in 2 languages, 2 ink-saver, 1 picture, 2 guides, 2 calibration sheets.
	if want := 2*layouts + 7; compared != want {
		t.Errorf("compared %d PDFs, want %d", compared, want)
	}
	t.Logf("%d PDFs identical", compared)
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// compareCopy checks that the copy has exactly upstream's files, each
// with upstream's bytes, except the patched and added ones, and that
// PATCH.md shows the patch as it is.
func compareCopy(t *testing.T, upstream, copyDir string) {
	files := func(dir string) []string {
		var out []string
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, path)
				out = append(out, filepath.ToSlash(rel))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	up, cp := files(upstream), files(copyDir)
	for _, f := range up {
		if !slices.Contains(cp, f) {
			t.Errorf("the copy lacks upstream's %s", f)
			continue
		}
		a, errA := os.ReadFile(filepath.Join(upstream, f))
		b, errB := os.ReadFile(filepath.Join(copyDir, f))
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if same := bytes.Equal(a, b); same == slices.Contains(patched, f) {
			t.Errorf("%s: same as upstream: %v, but the patch changes exactly %v", f, same, patched)
		}
	}
	for _, f := range cp {
		if !slices.Contains(up, f) && !slices.Contains(added, f) {
			t.Errorf("the copy has %s, which is neither upstream's nor the patch's (%v); "+
				"a test of the copy run by hand leaves files behind: git clean them", f, added)
		}
	}
	// PATCH.md carries the patch as diff -u shows it.
	diff := testenv.Tool(t, "install diffutils", "diff")
	doc, err := os.ReadFile(filepath.Join(copyDir, "PATCH.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range patched {
		cmd := exec.Command(diff, "-u", "--label", "a/"+f, "--label", "b/"+f, filepath.Join(upstream, f), filepath.Join(copyDir, f))
		out, _ := cmd.Output() // diff exits 1 when the files differ
		// A file two patches change shows each patch's hunks under its
		// own patch: every hunk must be there, after the file's header.
		header, hunks, _ := strings.Cut(string(out), "\n@@")
		if len(out) == 0 || !strings.Contains(string(doc), header+"\n@@") {
			t.Errorf("PATCH.md does not show the diff of %s as it is; it should contain:\n%s", f, out)
			continue
		}
		for _, h := range strings.Split("@@"+hunks, "\n@@") {
			if !strings.HasPrefix(h, "@@") {
				h = "@@" + h
			}
			if !strings.Contains(string(doc), "\n"+h) {
				t.Errorf("PATCH.md does not show this hunk of the diff of %s as it is:\n%s", f, h)
			}
		}
	}
	for _, f := range added {
		if f == "PATCH.md" {
			continue
		}
		if !strings.Contains(string(doc), f) {
			t.Errorf("PATCH.md does not mention the added file %s", f)
		}
	}
}
