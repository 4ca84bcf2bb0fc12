package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The embedded deck has 20 personas.
const deckCards = 20

func TestBuildA4(t *testing.T) {
	t.Parallel()
	built := defaultPDF(t, "a4")
	path, stdout := built.path, built.stdout

	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("stdout has %d lines, want 1 per PDF:\n%s", len(lines), stdout)
	}
	if !strings.HasPrefix(lines[0], path+": ") {
		t.Errorf("stdout line does not start with the PDF's path %q:\n%s", path, lines[0])
	}
	for _, want := range []string{"20 cards, 10 pages", "A4", "210 × 297 mm", "double-sided", "long edge", "100 %"} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("stdout line lacks %q:\n%s", want, lines[0])
		}
	}

	pdf := readPDF(t, built.data)
	checkPages(t, pdf, 10, 210, 297)
	for i, d := range pdf.dims {
		// A4 in points, as PDF readers and printers see it.
		if abs(d.Width-595.28) > 0.03 || abs(d.Height-841.89) > 0.03 {
			t.Errorf("page %d is %.2f × %.2f pt, want 595.28 × 841.89", i+1, d.Width, d.Height)
		}
	}
	checkFonts(t, pdf)

	info := pdf.info
	if info.Title != "Les visages cachés de l’IA" {
		t.Errorf("title %q", info.Title)
	}
	if info.Creator != "cardgen" {
		t.Errorf("creator %q, want cardgen", info.Creator)
	}
}

func TestBuildTarot(t *testing.T) {
	t.Parallel()
	built := defaultPDF(t, "tarot")
	if !strings.HasPrefix(built.stdout, built.path+": ") || !strings.Contains(built.stdout, "20 cards, 40 pages") {
		t.Errorf("stdout does not name %s with 20 cards, 40 pages:\n%s", built.path, built.stdout)
	}
	pdf := readPDF(t, built.data)
	checkPages(t, pdf, 2*deckCards, 76, 126)
	checkFonts(t, pdf)

	boxes := pdf.boxes
	if len(boxes) != 2*deckCards {
		t.Fatalf("boxes for %d pages, want %d", len(boxes), 2*deckCards)
	}
	for i, pb := range boxes {
		media := pb.MediaBox()
		if media == nil || !near(media.LL.X, 0) || !near(media.LL.Y, 0) || !near(media.UR.X, 76) || !near(media.UR.Y, 126) {
			t.Errorf("page %d: MediaBox %s, want [0 0 76 126] mm", i+1, rectMM(media))
		}
		if pb.Trim == nil || pb.Trim.Rect == nil {
			t.Errorf("page %d has no TrimBox", i+1)
			continue
		}
		trim := pb.Trim.Rect
		if !near(trim.LL.X, 3) || !near(trim.LL.Y, 3) || !near(trim.UR.X, 73) || !near(trim.UR.Y, 123) ||
			!near(trim.Width(), 70) || !near(trim.Height(), 120) {
			t.Errorf("page %d: TrimBox %s, want [3 3 73 123] mm (70 × 120, 3 mm in from every edge)", i+1, rectMM(trim))
		}
	}
}

func TestBuildBothLayoutsIntoDirectory(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "release") // does not exist yet
	r := mustRun(t, nil, "build", "--layout", "a4", "--layout", "tarot", "--out", dir)

	want := []string{"personas-a4.pdf", "personas-tarot.pdf"}
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Fatalf("%s holds %q, want %q", dir, got, want)
	}
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("stdout has %d lines, want one per PDF:\n%s", len(lines), r.stdout)
	}
	for i, name := range want {
		if p := filepath.Join(dir, name); !strings.HasPrefix(lines[i], p+": ") {
			t.Errorf("stdout line %d does not name %s:\n%s", i+1, p, lines[i])
		}
	}
	// The same PDFs as one layout at a time builds.
	for i, layout := range []string{"a4", "tarot"} {
		if !bytes.Equal(readFile(t, filepath.Join(dir, want[i])), defaultPDF(t, layout).data) {
			t.Errorf("%s differs from the PDF of --layout %s alone", want[i], layout)
		}
	}

	// The same layout asked for twice is built once.
	dir2 := t.TempDir()
	mustRun(t, nil, "build", "--layout", "tarot", "--layout", "tarot", "--out", dir2)
	if got := listDir(t, dir2); !slices.Equal(got, []string{"personas-tarot.pdf"}) {
		t.Errorf("--layout tarot twice wrote %q", got)
	}
}

func TestBuildDefaultOutput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	r := mustRun(t, nil, "build")
	want := filepath.Join("out", "personas-a4.pdf")
	if !strings.HasPrefix(r.stdout, want+": ") {
		t.Errorf("stdout does not name %s:\n%s", want, r.stdout)
	}
	if got := listDir(t, "out"); !slices.Equal(got, []string{"personas-a4.pdf"}) {
		t.Fatalf("out/ holds %q, want only personas-a4.pdf (no temporary file left)", got)
	}
	checkPages(t, readPDF(t, readFile(t, want)), 10, 210, 297)
	if got := listDir(t, dir); !slices.Equal(got, []string{"out"}) {
		t.Errorf("the working directory holds %q, want only out/", got)
	}
}

// A dataset file of one's own: the output is named after it, and a
// two-card deck gives one front sheet and one back sheet.
func TestBuildOwnDataset(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := mustRun(t, nil, "build", "--data", fixture("mini.yaml"), "--layout", "a4", "--layout", "tarot", "--out", dir)
	if got, want := listDir(t, dir), []string{"mini-a4.pdf", "mini-tarot.pdf"}; !slices.Equal(got, want) {
		t.Fatalf("%s holds %q, want %q", dir, got, want)
	}
	for _, want := range []string{"2 cards, 2 pages", "2 cards, 4 pages"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	checkPages(t, readPDF(t, readFile(t, filepath.Join(dir, "mini-a4.pdf"))), 2, 210, 297)
	tarot := readPDF(t, readFile(t, filepath.Join(dir, "mini-tarot.pdf")))
	checkPages(t, tarot, 4, 76, 126)
	checkFonts(t, tarot)
}

// --out naming a .pdf file with one layout writes exactly that file,
// creating its directory, and replaces an earlier file there.
func TestBuildOutFile(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "a", "b")
	path := filepath.Join(dir, "deck.pdf")
	mustRun(t, nil, "build", "--layout", "tarot", "--out", path)
	first := readFile(t, path)
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, nil, "build", "--layout", "tarot", "--out", path)
	if got := listDir(t, dir); !slices.Equal(got, []string{"deck.pdf"}) {
		t.Errorf("%s holds %q, want only deck.pdf", dir, got)
	}
	if string(readFile(t, path)) != string(first) {
		t.Error("the rebuilt PDF differs from the first build")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o444 != 0o444 {
		t.Errorf("the PDF's mode is %v, want readable by everyone (0644)", perm)
	}
}

func TestLayouts(t *testing.T) {
	t.Parallel()
	r := mustRun(t, nil, "layouts")
	rows := map[string]string{}
	for _, line := range strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")[1:] {
		if f := strings.Fields(line); len(f) > 0 {
			rows[f[0]] = line
		}
	}
	for _, name := range []string{"a4", "tarot"} {
		line, ok := rows[name]
		if !ok {
			t.Errorf("layouts does not list %s:\n%s", name, r.stdout)
			continue
		}
		if !strings.Contains(line, "70 × 120 mm") {
			t.Errorf("layout %s: no card size 70 × 120 mm:\n%s", name, line)
		}
	}
	if line := rows["a4"]; !regexp.MustCompile(`A4 210 × 297 mm\s+4\b`).MatchString(line) {
		t.Errorf("layout a4: want sheet A4 210 × 297 mm with 4 cards per sheet:\n%s", line)
	}
	if line := rows["tarot"]; !regexp.MustCompile(`76 × 126 mm\s+1\b`).MatchString(line) {
		t.Errorf("layout tarot: want sheet 76 × 126 mm with 1 card per sheet:\n%s", line)
	}
}

func TestList(t *testing.T) {
	t.Parallel()
	r := mustRun(t, nil, "list")
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	personas := lines[1:] // after the header
	if len(personas) != deckCards {
		t.Fatalf("list prints %d persona lines, want %d:\n%s", len(personas), deckCards, r.stdout)
	}
	ids := map[string]bool{}
	for _, line := range personas {
		if f := strings.Fields(line); len(f) > 1 {
			ids[f[1]] = true
		}
	}
	for _, id := range []string{"hao", "maria-luz"} {
		if !ids[id] {
			t.Errorf("list does not show persona %s:\n%s", id, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "Chine (CN)") || !strings.Contains(r.stdout, "extraction") {
		t.Errorf("list lacks hao's country or category:\n%s", r.stdout)
	}

	r = mustRun(t, nil, "list", "--data", fixture("mini.yaml"))
	if n := strings.Count(strings.TrimRight(r.stdout, "\n"), "\n"); n != 2 {
		t.Errorf("list --data mini.yaml prints %d persona lines, want 2:\n%s", n, r.stdout)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
