package deck_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// seed adds the fixtures of a format, good and bad, and the embedded deck
// exported to it.
func seed(f *testing.F, format string, extra ...string) {
	for _, dir := range []string{good, bad} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, file := range files {
			if deck.FormatOf(file) == format {
				if b, err := os.ReadFile(file); err == nil {
					f.Add(b)
				}
			}
		}
	}
	if d, err := deck.LoadFS(data.FS, data.Default); err == nil {
		var buf bytes.Buffer
		if deck.Export(&buf, d, format) == nil {
			f.Add(buf.Bytes())
		}
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// fuzzRead checks what every loader promises: a deck or a list of problems
// in the file, never both, never a panic; a deck has personas; and a deck
// exported to every format reads back the same.
func fuzzRead(t *testing.T, name string, src []byte) {
	d, err := deck.Read(name, src, "")
	if (d == nil) == (err == nil) {
		t.Fatalf("Read returned deck %v and error %v", d != nil, err)
	}
	if err != nil {
		var l diag.List
		if !errors.As(err, &l) || len(l) == 0 {
			t.Fatalf("error is not a diag.List: %v", err)
		}
		for _, p := range l {
			if p.File != name || p.Line < 0 || p.Column < 0 || p.Msg == "" {
				t.Fatalf("bad problem: %#v", p)
			}
		}
		return
	}
	if len(d.Personas) == 0 {
		t.Fatal("a deck with no persona was accepted")
	}
	if deck.Binary(deck.FormatOf(name)) {
		// A workbook's deck goes round through the text formats in
		// TestRoundTrip*; here the reader alone, as fast as it goes.
		return
	}
	for _, format := range deck.Formats {
		if deck.Binary(format) {
			// Text formats go round through the other text formats: a
			// workbook's writer costs a hundred times a CSV's, and
			// TestRoundTrip* take every deck through the workbooks.
			continue
		}
		var buf bytes.Buffer
		if err := deck.Export(&buf, d, format); err != nil {
			continue // a value the format cannot hold, said so
		}
		back, err := deck.Read("back."+format, buf.Bytes(), "")
		if err != nil {
			t.Fatalf("exported to %s, does not read back: %v\n%s", format, err, buf.String())
		}
		if a, b := content(d), content(back); !reflect.DeepEqual(a, b) {
			t.Fatalf("exported to %s, reads back different:\n got %#v\nwant %#v\n%s", format, b, a, buf.String())
		}
	}
}

func FuzzJSON(f *testing.F) {
	seed(f, "json", `{"deck":{"title":"T","language":"fr"},"categories":[{"id":"a","label":"A","color":"#112233"}],"personas":[{"id":"x","name":"X","role":"R","country":"C","country_code":"FR","category":"a","text":"T","conditions":["c"]}]}`,
		`[`, `{"a":`, `{"deck": 1e999}`, "\xef\xbb\xbf{}", `{"personas":[{"copies":1.0}]}`)
	f.Fuzz(func(t *testing.T, src []byte) { fuzzRead(t, "fuzz.json", src) })
}

func FuzzCSV(f *testing.F) {
	seed(f, "csv", "nom;rôle;pays;texte;conditions\nA;B;France;T;\"c\nd\"\n",
		"name,role,country,text,conditions,tags,copies\r\nA,B,Chile,T,c | d,\"a,b\",2\r\n",
		"titre;X\nlangue;en\ncatégorie;;Lab\n\nnom;rôle;pays;texte;conditions;catégorie\nA;B;France;T;c;Lab\n",
		"nom;r\xf4le;pays;texte;conditions\nA;B;France;T\x92;c\n")
	f.Fuzz(func(t *testing.T, src []byte) { fuzzRead(t, "fuzz.csv", src) })
}

func FuzzMarkdown(f *testing.F) {
	seed(f, "md", "### A\n\nB\n\nFrance\n\nT\n\n- c\n",
		"# T\n\nLangue : en\n\n## Catégories\n\n- L (l, #112233)\n\n**A**  \nB\n\nPays : Chili\n\nT\\\nU\n\n* c\n\nI\n\nCatégorie : L\nExemplaires : 2\n",
		"**A**\n- c\n### B\n\nR\n\nGrande-Bretagne\n\nT\n\n1. x\n2) y\n\n---\n")
	f.Fuzz(func(t *testing.T, src []byte) { fuzzRead(t, "fuzz.md", src) })
}

// FuzzODS fuzzes an .ods's content.xml, where its reader does its work,
// inside a well-formed zip; whole files that are not zips end at once.
// The zips are stored, not deflated: archive/zip keeps deflaters in a
// sync.Pool, which makes the coverage of two runs of one input differ and
// the fuzzing engine stall.
func FuzzODS(f *testing.F) {
	for _, name := range []string{filepath.Join(good, "excel-fr.ods"), filepath.Join(bad, "ods-formulas.ods"), filepath.Join(bad, "ods-multiline.ods")} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add([]byte(zipEntryOf(b, "content.xml")))
		}
	}
	if d, err := deck.LoadFS(data.FS, data.Default); err == nil {
		var buf bytes.Buffer
		if deck.Export(&buf, d, "ods") == nil {
			f.Add([]byte(zipEntryOf(buf.Bytes(), "content.xml")))
		}
	}
	f.Add([]byte(odsHead + odsRow("<text:p>nom</text:p>", "<text:p>rôle</text:p>", "<text:p>pays</text:p>", "<text:p>texte</text:p>", "<text:p>conditions</text:p>") +
		`<table:table-row table:number-rows-repeated="5"><table:table-cell table:number-columns-repeated="9"><text:p>x<text:s text:c="9"/></text:p></table:table-cell></table:table-row>` + odsTail))
	f.Fuzz(func(t *testing.T, content []byte) { fuzzRead(t, "fuzz.ods", odsOf(content)) })
}

// FuzzXLSX fuzzes the personas sheet and the shared strings of an .xlsx,
// where excelize and the first pass over the sheet do their work.
func FuzzXLSX(f *testing.F) {
	for _, name := range []string{filepath.Join(good, "excel-fr.xlsx"), filepath.Join(bad, "xlsx-formulas.xlsx"), filepath.Join(bad, "xlsx-multiline.xlsx")} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add([]byte(zipEntryOf(b, "xl/worksheets/sheet1.xml")), []byte(zipEntryOf(b, "xl/sharedStrings.xml")))
		}
	}
	base, err := os.ReadFile(filepath.Join(good, "excel-fr.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, sheet, strings []byte) {
		fuzzRead(t, "fuzz.xlsx", replaceEntries(base, map[string][]byte{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": strings}))
	})
}

func zipEntryOf(b []byte, name string) string {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			defer rc.Close()
			s, _ := io.ReadAll(rc)
			return string(s)
		}
	}
	return ""
}

func odsOf(content []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, _ = zw.CreateHeader(&zip.FileHeader{Name: "content.xml", Method: zip.Store})
	w.Write(content)
	zw.Close()
	return buf.Bytes()
}

// replaceEntries copies a zip with some entries' contents replaced.
func replaceEntries(b []byte, with map[string][]byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return b
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		if c, ok := with[f.Name]; ok {
			w.Write(c)
			continue
		}
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
	return buf.Bytes()
}
