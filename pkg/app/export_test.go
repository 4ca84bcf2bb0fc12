package app

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cardgen/cardgen/pkg/diag"
)

// TestExportAsRead: a deck with problems is written as it was read, with
// its problems beside it; Export refuses it.
func TestExportAsRead(t *testing.T) {
	t.Parallel()
	ds := Dataset{Path: "jeu.csv", Data: []byte(twinsCSV), FS: fstest.MapFS{}}
	if _, _, err := Export(ExportOptions{Dataset: ds, To: "csv"}); err == nil {
		t.Fatal("Export writes a deck with problems")
	}
	data, d, problems, err := ExportAsRead(ExportOptions{Dataset: ds, To: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if len(d.Personas) != 3 || strings.Count(text, "\nawa;") != 2 || !strings.Contains(text, "J'annote 🙂.") {
		t.Errorf("written:\n%s", text)
	}
	codes := map[diag.Code]bool{}
	for _, p := range problems {
		codes[p.Code] = true
	}
	if !codes[diag.CodeDuplicateID] || !codes[diag.CodeNearCategory] {
		t.Errorf("problems: %v", problems)
	}
	// A good deck: no problem; a file that cannot be read: an error.
	if _, _, problems, err := ExportAsRead(ExportOptions{To: "yaml"}); err != nil || problems != nil {
		t.Errorf("the built-in deck: %v %v", problems, err)
	}
	if _, _, _, err := ExportAsRead(ExportOptions{Dataset: Dataset{Path: "x.yaml", Data: []byte("deck: [\n"), FS: fstest.MapFS{}}}); err == nil {
		t.Error("an unreadable file is written")
	}
}
