package cli_test

// End-to-end tests of issue 10's numbered points through the command line,
// in process: numbers kept in a selection (§4), selection (§5), messages
// (§6), the summary of --duplex none (§7), and the flag-level wording of
// the app layer's typed errors (issue 13 §3).

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cardgen/cardgen/pkg/cli"
)

var cardNumber = regexp.MustCompile(`(\d+/\d+)$`)

// numbers returns the card numbers ("2/20") on the fronts of a tarot PDF,
// one face per page, in order.
func numbers(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	for i, lines := range pdfLines(t, pdf) {
		if i%2 == 1 {
			continue // a back
		}
		for _, l := range lines {
			// The footer: the deck's title, then the number.
			if m := cardNumber.FindStringSubmatch(l); m != nil {
				out = append(out, m[1])
			}
		}
	}
	return out
}

// TestBuildKeepsCardNumbers: issue 10 §4. `build --only koffi` prints 2/20,
// not 1/1; `--exclude kim` does not renumber.
func TestBuildKeepsCardNumbers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"--only", "koffi"}, []string{"2/20"}},
		{[]string{"--only", "walter,hao"}, []string{"16/20", "1/20"}},
		{[]string{"--category", "creation", "--exclude", "kim"}, []string{"7/20", "14/20", "16/20"}},
	} {
		out := filepath.Join(dir, "x.pdf")
		mustRun(t, nil, append([]string{"build", "--layout", "tarot", "--out", out}, tt.args...)...)
		if got := numbers(t, readFile(t, out)); !slices.Equal(got, tt.want) {
			t.Errorf("%v: numbers %q, want %q", tt.args, got, tt.want)
		}
	}
}

// TestSelectionFlags: issue 10 §5 through the command line.
func TestSelectionFlags(t *testing.T) {
	t.Parallel()
	ids := func(stdout string) string {
		var out []string
		for _, l := range strings.Split(strings.TrimSpace(stdout), "\n")[1:] {
			out = append(out, strings.Fields(l)[1])
		}
		return strings.Join(out, ",")
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--only", "hao,koffi"}, "hao,koffi"},
		{[]string{"--only", "koffi,hao"}, "koffi,hao"},
		{[]string{"--category", "Travail du clic", "--sort", "name"}, "akinyi,amina,arjun,carlos,fara,li-wei,raj,sana,sofia"},
		{[]string{"--category", "travail-du-clic,CREATION", "--only", "kim,fara,hao"}, "kim,fara"},
		{[]string{"--category", "modération"}, "maria-luz"},
		{[]string{"--only", "walter,hao,koffi", "--sort", "country"}, "hao,walter,koffi"},
		{[]string{"--only", "walter,akinyi,hao", "--sort", "category"}, "hao,akinyi,walter"},
		{[]string{"--only", "walter,hao", "--sort", "deck"}, "hao,walter"},
	} {
		r := mustRun(t, nil, append([]string{"list"}, tt.args...)...)
		if got := ids(r.stdout); got != tt.want {
			t.Errorf("list %v: %s, want %s", tt.args, got, tt.want)
		}
	}
	dir := t.TempDir()
	deck := filepath.Join(dir, "tags.csv")
	if err := os.WriteFile(deck, []byte("titre;T\nnom;rôle;pays;texte;conditions;étiquettes\n"+
		"Ana;R;France;T;C;Mines, Afrique\nBen;R;France;T;C;Asie\nCléo;R;France;T;C;Afrique\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := mustRun(t, nil, "list", "--data", deck, "--tag", "AFRIQUE"); ids(r.stdout) != "ana,cleo" {
		t.Errorf("--tag AFRIQUE: %s", r.stdout)
	}
	// Issue 15: a list flag that names nothing is a usage error, not "all".
	for _, tt := range []struct{ flag, value, want string }{
		{"--only", "", `cardgen: --only "": names no persona`},
		{"--only", ",,,", `cardgen: --only ",,,": names no persona`},
		{"--category", "", `cardgen: --category "": names no category`},
		{"--sort", "age", `cardgen: --sort "age": use deck, name, country or category`},
		{"--only", "kofi", `cardgen: --only "kofi": unknown persona; did you mean "koffi"?`},
		{"--category", "creation", `cardgen: the selection leaves no persona (--only hao; --category creation)`},
	} {
		args := []string{"build", "--out", dir, tt.flag, tt.value}
		if tt.flag != "--only" {
			args = append(args, "--only", "hao")
		}
		r := run(t, nil, args...)
		if r.code != cli.ExitUsage || !strings.HasPrefix(r.stderr, tt.want) {
			t.Errorf("%s %q: exit %d\n%s", tt.flag, tt.value, r.code, r.stderr)
		}
	}
	if got := listDir(t, dir); !slices.Equal(got, []string{"tags.csv"}) {
		t.Errorf("refused builds wrote %q", got)
	}
}

// TestFlagMessages: the app layer's typed errors reach the user worded with
// the flags, in one place (cli.Exit), with exit 2.
func TestFlagMessages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--faces", "sideways"}, `cardgen: --faces "sideways": use both, fronts or backs`},
		{[]string{"build", "--duplex", "Sideways"}, `cardgen: --duplex "Sideways": use long, short or none`},
		{[]string{"build", "--back-offset", "3"}, `cardgen: --back-offset "3": only one number: give X and Y, such as 3,0`},
		{[]string{"build", "--split", "--faces", "fronts"}, "cardgen: --split writes both fronts and backs, each in its own file: leave out --faces, or leave out --split"},
		{[]string{"build", "--layout", "a4-fold", "--duplex", "short"}, "folding: --duplex does not apply to it"},
		{[]string{"build", "--only", "nobody"}, `cardgen: --only "nobody": unknown persona; cardgen list shows the ids`},
		{[]string{"build", "--lang", "de"}, `cardgen: --lang "de": the deck has no edition in this language; it has: fr, en`},
		{[]string{"build", "--format", "xml"}, `cardgen: --format: unknown format "xml"`},
		{[]string{"preview", "--data-format", "xml"}, `cardgen: --data-format: unknown format "xml"`},
		{[]string{"preview", "--format", "gif"}, `cardgen: --format "gif": use png or svg`},
		{[]string{"preview", "--dpi", "10"}, `cardgen: --dpi "10": choose between 30 and 1200`},
		{[]string{"preview", "--embed-fonts"}, "cardgen: --embed-fonts is for SVG pictures"},
		{[]string{"guide", "--paper", "A5"}, `cardgen: --paper "A5": use A4 or Letter`},
		{[]string{"calibrate", "--layout", "nosuch"}, `cardgen: --layout "nosuch": unknown layout`},
		{[]string{"export", "--format", "doc"}, `cardgen: --format: unknown format "doc"`},
	} {
		r := run(t, nil, append(tt.args, "--out", filepath.Join(dir, "x"))...)
		if r.code != cli.ExitUsage || !strings.HasPrefix(r.stderr, "cardgen: --") && !strings.HasPrefix(r.stderr, "cardgen: layout") || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, want 2 and a message starting %q:\n%s", tt.args, r.code, tt.want, r.stderr)
		}
	}
	if got := listDir(t, dir); len(got) != 0 {
		t.Errorf("refused commands wrote %q", got)
	}
}

// TestListCountryFromCode: issue 10 §6. list shows the country as the card
// names it, from the code when the dataset gives only the code.
func TestListCountryFromCode(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := strings.Replace(string(readFile(t, fixture("mini.yaml"))), "    country: Chine\n", "", 1)
	deck := filepath.Join(dir, "deck.yaml")
	if err := os.WriteFile(deck, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, nil, "list", "--data", deck)
	if !strings.Contains(r.stdout, "Chine (CN)") {
		t.Errorf("no Chine (CN) in\n%s", r.stdout)
	}
	r = mustRun(t, nil, "list", "--lang", "en", "--only", "koffi")
	if !regexp.MustCompile(`(?m)^2 +koffi `).MatchString(r.stdout) {
		t.Errorf("list --only koffi does not show card 2:\n%s", r.stdout)
	}
}

// TestValidateEveryEdition: issue 10 §6. Without --lang, validate checks
// every edition found beside the dataset, and names only the ids that
// differ, each where it is.
func TestValidateEveryEdition(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fr := string(readFile(t, fixture("mini.yaml")))
	en := strings.NewReplacer("language: fr", "language: en", "id: fara", "id: farah", "Pas d'équipement", "No equipment \U0001F642").Replace(fr)
	deck := filepath.Join(dir, "deck.yaml")
	os.WriteFile(deck, []byte(fr), 0o644)
	os.WriteFile(filepath.Join(dir, "deck.en.yaml"), []byte(en), 0o644)
	r := run(t, nil, "validate", "--data", deck)
	if r.code != cli.ExitInput {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, w := range []string{
		`deck.en.yaml:` + "", `persona "farah": field "id": not in ` + deck,
		`persona "fara": field "id": missing from the en edition`, "U+1F642",
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("no %q in\n%s", w, r.stderr)
		}
	}
	if strings.Contains(r.stderr, `persona "hao": field "id"`) {
		t.Errorf("a persona both editions share is named:\n%s", r.stderr)
	}
	// The good deck: both editions, one sentence.
	r = mustRun(t, nil, "validate")
	if !strings.Contains(r.stdout, "data/personas.yaml: 20 personas, 7 categories, language fr; data/personas.en.yaml: 20 personas, 7 categories, language en: no problem") {
		t.Errorf("validate: %s", r.stdout)
	}
}

// TestDuplexNoneSaysWhichPages: issue 10 §7.
func TestDuplexNoneSaysWhichPages(t *testing.T) {
	t.Parallel()
	r := mustRun(t, nil, "build", "--duplex", "none", "--out", t.TempDir())
	for _, w := range []string{"personas-a4-none.pdf: 20 cards, 10 pages", "print pages 1–5 (the fronts)", "turned over on their long edge", "print pages 6–10 (the backs)"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("no %q in %s", w, r.stdout)
		}
	}
}

// TestCountsReadRight: issue 10 §6, "1 persona, 1 page", never "(s)".
func TestCountsReadRight(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := mustRun(t, nil, "guide", "--only", "hao", "--out", dir)
	if !strings.Contains(r.stdout, ": 1 persona, 1 page of A4") || strings.Contains(r.stdout, "(s)") {
		t.Errorf("guide: %s", r.stdout)
	}
	r = mustRun(t, nil, "build", "--only", "hao", "--layout", "tarot", "--out", dir)
	if !strings.Contains(r.stdout, ": 1 card, 2 pages") {
		t.Errorf("build: %s", r.stdout)
	}
}

// TestDataSpecialFile: --data naming a named pipe blocked forever; it, a
// folder and a device are refused at once, saying what each is.
func TestDataSpecialFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.yaml")
	paths := map[string]string{dir: "is a folder", os.DevNull: "is a device"}
	if mkfifo(fifo) == nil {
		paths[fifo] = "is a named pipe (FIFO), not a dataset file"
	}
	for path, want := range paths {
		done := make(chan result)
		go func() { done <- run(t, nil, "build", "--data", path, "--out", dir) }()
		select {
		case r := <-done:
			if r.code != cli.ExitInput || !strings.Contains(r.stderr, want) {
				t.Errorf("--data %s: exit %d\n%s", path, r.code, r.stderr)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("--data %s still waits after 10 s", path)
		}
	}
}

// TestSingleFilesToStdout: guide and calibrate with --out - write the PDF
// to standard output and the summary to standard error; they made a
// folder named "-" before. Pictures of every face cannot go there.
func TestSingleFilesToStdout(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, args := range [][]string{{"guide", "--out", "-"}, {"calibrate", "--out", "-"}, {"preview", "--sheet", "--only", "hao", "--out", "-"}} {
		r := run(t, nil, args...)
		magic := "%PDF-"
		if args[0] == "preview" {
			magic = "\x89PNG"
		}
		if r.code != 0 || !strings.HasPrefix(r.stdout, magic) {
			t.Errorf("%v: exit %d, stdout %.10q\n%s", args, r.code, r.stdout, r.stderr)
		}
	}
	// (One card: the pictures are all drawn before the refusal.)
	for _, args := range [][]string{{"preview", "--only", "hao", "--out", "-"}, {"tabletop", "--only", "hao", "--out", "-"}} {
		if r := run(t, nil, args...); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "--out - writes one file to standard output") {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	if got := listDir(t, dir); len(got) != 0 {
		t.Errorf("the folder holds %q", got)
	}
}
