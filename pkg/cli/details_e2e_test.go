package cli_test

import (
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
		if info := pdfInfo(t, readFile(t, out)); info.Author != "" || info.Creator != "cardgen" {
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
		info := pdfInfo(t, readFile(t, out))
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
