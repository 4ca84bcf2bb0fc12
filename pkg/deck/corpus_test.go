package deck_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// bad is the corpus of datasets that must not load. The exact problems
// each gives, as the command line prints them, are pkg/cli's golden files
// (TestBadInputs, testdata/golden/datasets/bad).
const bad = "../../testdata/datasets/bad"

// TestBadDatasets: every dataset of the corpus fails to load with a list
// of problems of that file, each at its line but for a problem with the
// whole file; every format has at least 5 bad datasets.
func TestBadDatasets(t *testing.T) {
	t.Parallel()
	files, err := os.ReadDir(bad)
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]int{}
	for _, f := range files {
		name := f.Name()
		format := deck.FormatOf(name)
		if format == "" {
			continue // a picture a dataset points at
		}
		formats[format]++
		d, err := deck.Load(filepath.Join(bad, name), "")
		if err == nil {
			t.Errorf("%s: loaded a deck of %d personas; want problems", name, len(d.Personas))
			continue
		}
		var l diag.List
		if !errors.As(err, &l) || len(l) == 0 {
			t.Errorf("%s: the error is not a list of problems: %v", name, err)
			continue
		}
		for _, p := range l {
			if p.File != filepath.Join(bad, name) {
				t.Errorf("%s: a problem of file %q: %v", name, p.File, p)
			}
			// An empty file and a file in UTF-16 have no line: their
			// problem is the whole file, and the only one. A workbook has
			// cells, not lines (TestSpreadsheetProblemsHaveCells).
			whole := len(l) == 1 && (strings.HasSuffix(name, "-empty"+filepath.Ext(name)) || strings.HasSuffix(name, "-utf16"+filepath.Ext(name)))
			if p.Line == 0 && !whole && !deck.Binary(format) {
				t.Errorf("%s: a problem without a line: %v", name, p)
			}
		}
	}
	total := 0
	for _, format := range deck.Formats {
		if formats[format] < 5 {
			t.Errorf("%d bad %s datasets, want at least 5", formats[format], format)
		}
		total += formats[format]
	}
	if total < 25 {
		t.Errorf("%d bad datasets, want at least 25", total)
	}
}

// Every problem of a spreadsheet (CSV, .xlsx, .ods) names its cell: the
// teacher sees cells, not the lines of a CSV file, whose cells of several
// lines put row 34 on line 80. Only a problem with the whole file (empty,
// not text, a workbook that cannot be opened) has no place, and it is
// then the file's only problem.
func TestSpreadsheetProblemsHaveCells(t *testing.T) {
	t.Parallel()
	files, err := os.ReadDir(bad)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		switch deck.FormatOf(f.Name()) {
		case "csv", "xlsx", "ods":
		default:
			continue
		}
		n++
		_, err := deck.Load(filepath.Join(bad, f.Name()), "")
		var l diag.List
		if !errors.As(err, &l) {
			t.Fatalf("%s: %v", f.Name(), err)
		}
		for _, p := range l {
			if p.Cell == "" && (p.Line != 0 || len(l) != 1) {
				t.Errorf("%s: no cell: %v", f.Name(), p)
			}
			// A category's colour is reported at the colour's cell, not
			// at the id's or the label's: catégorie;pale;Pâle;#EEEEEE.
			if strings.HasSuffix(f.Name(), "-cells"+filepath.Ext(f.Name())) && p.Field == "color" && !strings.HasSuffix(p.Cell, "D2") {
				t.Errorf("%s: the colour at %s, want D2", f.Name(), p.Cell)
			}
		}
	}
	if n < 30 {
		t.Errorf("only %d bad spreadsheets", n)
	}
}

// A character found inside a cell of several lines (a control character,
// a glyph the font lacks) is on a line of its own in a CSV file, and in
// the cell it belongs to.
func TestLocateKeepsCell(t *testing.T) {
	t.Parallel()
	src := "nom;rôle;pays;texte;conditions\r\nAna;Mineuse;Chili;\"Ligne un\r\nligne deux 🙂\";\"Dur\r\nLong 🙂\"\r\n"
	d, err := deck.Read("locate.csv", []byte(src), "csv")
	if err != nil {
		t.Fatal(err)
	}
	ana := &d.Personas[0]
	if got, want := d.Locate('🙂', ana.Where("text")), (deck.Pos{Line: 3, Column: 12, Cell: "D2", Header: "texte"}); got != want {
		t.Errorf("in the text: %v, want %v", got, want)
	}
	if got, want := d.Locate('🙂', ana.Where("conditions[2]")), (deck.Pos{Line: 4, Column: 6, Cell: "E2", Header: "conditions"}); got != want {
		t.Errorf("in the conditions: %v, want %v", got, want)
	}
	// Not in the name's cell: the search stops where the next field starts.
	if got, want := d.Locate('🙂', ana.Where("name")), ana.Where("name"); got != want {
		t.Errorf("in the name: %v, want %v (not found)", got, want)
	}
}

// The broken YAML files of testdata/datasets/yaml-syntax (see
// pkg/yamldoc's TestSyntaxCorpus), read as datasets: the first problem is
// on the line where the mistake is, which each file's name gives.
func TestYAMLSyntaxCorpusAsDatasets(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("../../testdata/datasets/yaml-syntax/*.yaml")
	line := regexp.MustCompile(`-line(\d+)(?:or(\d+))?\.yaml$`)
	n := 0
	for _, path := range files {
		name := filepath.Base(path)
		m := line.FindStringSubmatch(name)
		if strings.HasPrefix(name, "layout-") || m == nil {
			continue
		}
		n++
		_, err := deck.Load(path, "")
		var l diag.List
		if !errors.As(err, &l) {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := strconv.Itoa(l[0].Line); got != m[1] && got != m[2] {
			t.Errorf("%s: first problem at line %s, want %s:\n%v", name, got, m[1], err)
		}
	}
	if n < 20 {
		t.Errorf("only %d broken datasets", n)
	}
}
