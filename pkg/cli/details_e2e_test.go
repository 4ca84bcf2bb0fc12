package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDefaultDeckAuthor: the default deck names no author (its source names
// none), so that neither its PDF nor a teacher's export of it says
// "cardgen" wrote the workshop's personas.
func TestDefaultDeckAuthor(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, lang := range []string{"fr", "en"} {
		out := filepath.Join(dir, lang+".pdf")
		mustRun(t, nil, "build", "--lang", lang, "--out", out)
		if info := readPDF(t, readFile(t, out)).info; info.Author != "" || info.Creator != "cardgen" {
			t.Errorf("%s: author %q, creator %q; want no author, creator cardgen", lang, info.Author, info.Creator)
		}
		r := mustRun(t, nil, "export", "--format", "csv", "--lang", lang)
		if strings.Contains(r.stdout, "cardgen") {
			t.Errorf("%s: the export names cardgen:\n%s", lang, r.stdout[:min(len(r.stdout), 300)])
		}
	}
}

// TestFrenchMetadataTypography: the French PDFs' properties have the
// typographic apostrophe the pages print (calibration sheet, guide, deck).
func TestFrenchMetadataTypography(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, args := range [][]string{{"calibrate"}, {"guide"}, {"build"}} {
		out := filepath.Join(dir, args[0]+".pdf")
		mustRun(t, nil, append(args, "--out", out)...)
		info := readPDF(t, readFile(t, out)).info
		for name, v := range map[string]string{"title": info.Title, "subject": info.Subject, "keywords": strings.Join(info.Keywords, ", ")} {
			if strings.Contains(v, "'") {
				t.Errorf("%s: %s %q has a straight apostrophe", args[0], name, v)
			}
		}
		if args[0] == "calibrate" && info.Title != "Calibrage de l’imprimante\u00a0: où tombe le verso" {
			t.Errorf("calibrate: title %q", info.Title)
		}
	}
}

// TestGuideCaption: the guide's map says where the hidden work of AI
// happens for the workshop's deck (and a copy of it), and where the
// personas work for any other deck.
func TestGuideCaption(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	own := filepath.Join(dir, "mon-jeu.csv")
	if err := os.WriteFile(own, []byte("titre;Mon jeu de classe\nnom;rôle;pays;texte;conditions\nAwa;Livreuse;France;Je livre.;Fatigue\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	copyOf := filepath.Join(dir, "copie.csv")
	if err := os.WriteFile(copyOf, []byte(mustRun(t, nil, "export", "--format", "csv").stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "Où se fait le travail caché de l’IA : 20 personas dans 17 pays"},
		{[]string{"--lang", "en"}, "Where the hidden work of AI happens: 20 personas in 17 countries"},
		{[]string{"--data", copyOf}, "Où se fait le travail caché de l’IA : 20 personas dans 17 pays"},
		{[]string{"--data", own}, "Où travaillent les personas : 1 persona dans 1 pays"},
	} {
		out := filepath.Join(dir, "guide.pdf")
		mustRun(t, nil, append(append([]string{"guide"}, tt.args...), "--out", out)...)
		lines := pdfLines(t, readFile(t, out))[0]
		// French typography puts no-break spaces before ":".
		text := strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(strings.Join(lines, "\n"))
		if !strings.Contains(text, tt.want) {
			t.Errorf("guide %v: no %q in\n%s", tt.args, tt.want, strings.Join(lines[:min(3, len(lines))], "\n"))
		}
	}
}

// TestNoTitleHint: the warning of a deck without a title shows the row to
// add as the file writes rows: its separator (LibreOffice saves CSV with
// commas), its language.
func TestNoTitleHint(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, tt := range map[string]struct{ src, want string }{
		"virgules.csv": {"nom,rôle,pays,texte,conditions\nA,R,France,T,C\n", "give it one: a first row titre,Mon titre above the header row"},
		"points.csv":   {"nom;rôle;pays;texte;conditions\nA;R;France;T;C\n", "give it one: a first row titre;Mon titre above the header row"},
		"english.csv":  {"name,role,country,text,conditions\nA,R,France,T,C\n", "give it one: a first row title,My title above the header row"},
		"notes.md":     {"### A\n\nR\n\nFrance\n\nT\n\n- C\n", "give it one: a first line # Mon titre"},
	} {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(tt.src), 0o644); err != nil {
			t.Fatal(err)
		}
		r := mustRun(t, nil, "validate", "--data", file)
		if !strings.Contains(r.stderr, "the deck has no title: its cards show none; "+tt.want+"\n") {
			t.Errorf("%s: %s", name, r.stderr)
		}
	}
}
