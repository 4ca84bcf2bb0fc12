package edition

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cardgen/cardgen/pkg/diag"
)

func TestLoadBuiltin(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		lang, want string
		def        bool
	}{{"", "fr", true}, {"fr-CA", "fr", true}, {"en", "en", false}, {"en-GB", "en", false}} {
		ed, err := Load(Source{}, tt.lang)
		if err != nil || ed.Language != tt.want || ed.Default != tt.def || ed.Name != "personas" {
			t.Errorf("Load(%q) = %+v, %v", tt.lang, ed, err)
		}
	}
	var le *LanguageError
	if _, err := Load(Source{}, "de"); !errors.As(err, &le) || err.Error() != "the deck has no de edition; it has: fr, en" {
		t.Errorf("Load(de): %v", err)
	}
	if _, err := Load(Source{}, "français"); !errors.As(err, &le) || le.Have != nil {
		t.Errorf("Load(français): %v", err)
	}
	if got := Languages(Source{}); strings.Join(got, ",") != "fr,en" {
		t.Errorf("Languages = %v", got)
	}
}

const base = `deck: {title: T, language: fr}
categories:
  - {id: a, label: A, color: "#1D6A80"}
  - {id: b, label: B, color: "#1D6A80"}
personas:
  - {id: p1, name: N, role: R, country_code: FR, category: a, text: T., conditions: [X]}
  - {id: p2, name: N, role: R, country_code: FR, category: a, text: T., conditions: [X]}
  - {id: p3, name: N, role: R, country_code: FR, category: b, text: T., conditions: [X]}
  - {id: p4, name: N, role: R, country_code: FR, category: b, text: T., conditions: [X]}
`

func writeDecks(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestEditionDiffers: issue 10 §6. When an edition's ids differ from the
// base deck's, the problems name only the differing ids, each where it is
// (before, one message listed every id of both files).
func TestEditionDiffers(t *testing.T) {
	t.Parallel()
	en := strings.NewReplacer("language: fr", "language: en",
		"id: p2,", "id: p9,", // p2 renamed p9
		"category: b, text: T., conditions: [X]}\n  - {id: p4", "category: b, text: T., conditions: [X]}\n  - {id: p4x", // p4 renamed
	).Replace(base)
	// p3 moved before p1: one problem, not one per card after it.
	lines := strings.Split(en, "\n")
	lines[5], lines[6], lines[7] = lines[7], lines[5], lines[6]
	en = strings.Join(lines, "\n")
	en = strings.Replace(en, "id: p1, name: N, role: R, country_code: FR, category: a", "id: p1, name: N, role: R, country_code: DE, category: b", 1)
	dir := writeDecks(t, map[string]string{"d.yaml": base, "d.en.yaml": en})
	_, err := Load(Source{Path: filepath.Join(dir, "d.yaml")}, "en")
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("Load: %v", err)
	}
	msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
	for _, want := range []string{
		`d.en.yaml:8:10: persona "p9": field "id": not in d.yaml;`,
		`d.en.yaml:9:10: persona "p4x": field "id": not in d.yaml;`,
		`d.yaml:7:10: persona "p2": field "id": missing from the en edition (d.en.yaml);`,
		`d.yaml:9:10: persona "p4": field "id": missing from the en edition (d.en.yaml);`,
		`d.en.yaml:7:60: persona "p1": field "category": "b" here, "a" in d.yaml (line 6)`,
		`d.en.yaml:7:46: persona "p1": field "country_code": "DE" here, "FR" in d.yaml (line 6)`,
		`d.en.yaml:6:10: persona "p3": field "id": not in the place it has in d.yaml (line 8)`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("no %q in:\n%s", want, msg)
		}
	}
	if n := strings.Count(msg, "\n") + 1; n != 7 {
		t.Errorf("%d problems, want 7 (one moved card is one problem):\n%s", n, msg)
	}
}

// TestAll: validate reads every edition, and reports the problems of all.
func TestAll(t *testing.T) {
	t.Parallel()
	en := strings.Replace(strings.Replace(base, "language: fr", "language: en", 1), "text: T.,", "text: ,", 1)
	dir := writeDecks(t, map[string]string{"d.yaml": base, "d.en.yaml": en, "d.de.yaml": strings.Replace(base, "language: fr", "language: de", 1)})
	eds := All(Source{Path: filepath.Join(dir, "d.yaml")})
	if len(eds) != 3 || eds[0].Language != "fr" || eds[1].Language != "de" || eds[2].Edition == nil || eds[2].Language != "en" {
		t.Fatalf("All: %d editions", len(eds))
	}
	if eds[0].Err != nil || eds[1].Err != nil {
		t.Errorf("problems in good editions: %v, %v", eds[0].Err, eds[1].Err)
	}
	if err := eds[2].Err; err == nil || !strings.Contains(err.Error(), `d.en.yaml:6:`) {
		t.Errorf("the English edition's problem is not reported: %v", err)
	}
}

// TestSpecialFile: a dataset that is a named pipe blocked forever; a folder
// or a device is no dataset either. Each is refused at once, saying what it is.
func TestSpecialFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for path, want := range map[string]string{dir: "this is a folder, not a dataset file", os.DevNull: "this is a device, not a dataset file"} {
		if _, err := Load(Source{Path: path}, ""); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load(%s): %v", path, err)
		}
	}
}

// A dataset in an fs.FS (an upload's folder): its editions are found
// there, by the names given, and nothing is read from the file system.
func TestSourceFS(t *testing.T) {
	t.Parallel()
	en := strings.Replace(strings.ReplaceAll(base, "text: T.", "text: In English."), "language: fr", "language: en", 1)
	fsys := fstest.MapFS{
		"jeu[1].yaml":    {Data: []byte(base)},
		"jeu[1].en.yaml": {Data: []byte(en)},
		"jeu[1].de.yaml": {Mode: fs.ModeDir}, // not a file: no edition
		"jeu.it.yaml":    {Data: []byte(base)},
	}
	src := Source{Path: "jeu[1].yaml", Data: []byte(base), FS: fsys}
	if got := Languages(src); strings.Join(got, ",") != "fr,en" {
		t.Errorf("Languages = %v", got)
	}
	ed, err := Load(src, "en-GB")
	if err != nil || ed.Source != "jeu[1].en.yaml" || ed.Language != "en" || ed.Default || ed.Name != "jeu-1" || ed.Personas[0].Text != "In English." {
		t.Fatalf("Load(en-GB) = %+v, %v", ed, err)
	}
	if all := All(src); len(all) != 2 || all[1].Err != nil || all[1].Source != "jeu[1].en.yaml" {
		t.Errorf("All = %+v", all)
	}
	// The bytes may come from the folder too; an edition that differs is
	// reported at its name in the folder.
	fsys["jeu[1].en.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(en, "id: p4", "id: p5", 1))}
	_, err = Load(Source{Path: "jeu[1].yaml", FS: fsys}, "en")
	var l diag.List
	if !errors.As(err, &l) || len(l) != 2 || l[0].File != "jeu[1].en.yaml" && l[1].File != "jeu[1].en.yaml" {
		t.Errorf("an edition that differs: %v", err)
	}
	// The file system is not read: a path that exists there is not found.
	dir := writeDecks(t, map[string]string{"deck.yaml": base})
	if _, err := Load(Source{Path: filepath.Join(dir, "deck.yaml"), FS: fsys}, ""); err == nil {
		t.Error("a path outside the folder was read")
	}
}

// The editions of a dataset with problems are listed all the same.
func TestLanguagesOfADeckWithProblems(t *testing.T) {
	t.Parallel()
	en := strings.Replace(base, "language: fr", "language: en", 1)
	fsys := fstest.MapFS{"d.en.yaml": {Data: []byte(en)}}
	if got := Languages(Source{Path: "d.yaml", Data: []byte(strings.Replace(base, "name: N", "name: ''", 1)), FS: fsys}); strings.Join(got, ",") != "fr,en" {
		t.Errorf("Languages = %v", got)
	}
	if got := Languages(Source{Path: "d.yaml", Data: []byte("personas: ["), FS: fsys}); got != nil {
		t.Errorf("Languages of a file that cannot be read = %v", got)
	}
}
