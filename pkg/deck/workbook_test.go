package deck_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
)

// The French Excel CSV, opened in LibreOffice and saved as .xlsx and .ods
// (testdata/datasets/good/excel-fr.*), reads as the CSV does: multi-line
// cells, numbers (copies), accents.
func TestWorkbooksReadAsCSV(t *testing.T) {
	t.Parallel()
	want, err := deck.Load(filepath.Join(good, "excel-fr.csv"), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{"xlsx", "ods"} {
		got, err := deck.Load(filepath.Join(good, "excel-fr."+ext), "")
		if err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		if !reflect.DeepEqual(content(want), content(got)) {
			t.Errorf("%s reads differently from the CSV", ext)
			diff(t, content(want), content(got))
		}
		// Positions are cells of the sheet, named by LibreOffice after the file.
		hao := got.Personas[0]
		if c := hao.Where("copies").Cell; c != "'excel-fr'!I2" {
			t.Errorf("%s: hao's copies are in %q, want 'excel-fr'!I2", ext, c)
		}
		if p := hao.Where("conditions[3]"); p.Line != 2 || p.Column != 7 {
			t.Errorf("%s: conditions[3] at %v, want row 2, column 7 (G)", ext, p)
		}
	}
}

func exportBytes(t *testing.T, d *deck.Deck, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := deck.Export(&buf, d, format); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Export writes the same bytes every time, and a workbook a teacher can
// read: the header in the deck's language, wrapped text, wide enough
// columns, each category cell in its category's colour, strings only.
func TestWorkbookExport(t *testing.T) {
	t.Parallel()
	fr, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	en, err := deck.LoadFS(data.FS, strings.Replace(data.Default, ".yaml", ".en.yaml", 1))
	if err != nil {
		t.Fatal(err)
	}
	// A value a spreadsheet would take for a formula stays text.
	fr.Personas[0].Role = "=1+1"
	for _, format := range []string{"xlsx", "ods"} {
		a, b := exportBytes(t, fr, format), exportBytes(t, fr, format)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two exports differ", format)
		}
	}

	for _, tt := range []struct {
		d            *deck.Deck
		sheet, head0 string
		cats         string
	}{{fr, "personnages", "identifiant", "catégories"}, {en, "personas", "id", "categories"}} {
		f, err := excelize.OpenReader(bytes.NewReader(exportBytes(t, tt.d, "xlsx")))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{tt.sheet, tt.cats, map[string]string{"personas": "deck", "personnages": "jeu"}[tt.sheet]}) {
			t.Errorf("sheets %v", got)
		}
		head, _ := f.GetCellValue(tt.sheet, "A1")
		name, _ := f.GetCellValue(tt.sheet, "B1")
		if head != tt.head0 || name != map[string]string{"personas": "name", "personnages": "nom"}[tt.sheet] {
			t.Errorf("%s: header %q %q", tt.sheet, head, name)
		}
		// Column F is the category: filled with the first persona's colour.
		id, _ := f.GetCellValue(tt.sheet, "F2")
		s, _ := f.GetCellStyle(tt.sheet, "F2")
		st, _ := f.GetStyle(s)
		if c := tt.d.Category(id); c == nil || len(st.Fill.Color) == 0 || !strings.EqualFold("#"+strings.TrimPrefix(st.Fill.Color[0], "#"), c.Color.String()) {
			t.Errorf("%s!F2 (%s): fill %v", tt.sheet, id, st.Fill.Color)
		}
		s, _ = f.GetCellStyle(tt.sheet, "G2")
		if st, _ := f.GetStyle(s); st.Alignment == nil || !st.Alignment.WrapText {
			t.Errorf("%s!G2: text not wrapped", tt.sheet)
		}
		if w, _ := f.GetColWidth(tt.sheet, "G"); w < 50 {
			t.Errorf("the text column is %.0f wide", w)
		}
		if w, _ := f.GetColWidth(tt.sheet, "E"); w < 4 || w > 16 {
			t.Errorf("the country code column is %.0f wide", w)
		}
		if tt.d == fr {
			if v, _ := f.GetCellValue(tt.sheet, "C2"); v != "=1+1" {
				t.Errorf("C2 = %q", v)
			}
			if formula, _ := f.GetCellFormula(tt.sheet, "C2"); formula != "" {
				t.Errorf("C2 is a formula: %q", formula)
			}
		}
		f.Close()
	}

	// The ODS: the same, in content.xml.
	content := zipEntry(t, exportBytes(t, fr, "ods"), "content.xml")
	for _, want := range []string{`table:name="personnages"`, `table:name="catégories"`, `<text:p>identifiant</text:p>`,
		`fo:background-color="#8a4b14"`, `fo:wrap-option="wrap"`, `<text:p>=1+1</text:p>`} {
		if !strings.Contains(content, want) {
			t.Errorf("content.xml has no %s", want)
		}
	}
	if strings.Contains(content, "table:formula") {
		t.Error("content.xml has a formula")
	}
}

func zipEntry(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			defer rc.Close()
			s, _ := io.ReadAll(rc)
			return string(s)
		}
	}
	t.Fatalf("no %s", name)
	return ""
}

// makeODS writes an .ods of one sheet from the rows of content.xml.
func makeODS(t testing.TB, rows string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, _ = zw.Create("content.xml")
	w.Write([]byte(odsHead + rows + odsTail))
	zw.Close()
	return buf.Bytes()
}

const (
	odsHead = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="Feuille1">`
	odsTail = `</table:table></office:spreadsheet></office:body></office:document-content>`
)

func odsRow(cells ...string) string {
	s := "<table:table-row>"
	for _, c := range cells {
		s += `<table:table-cell office:value-type="string">` + c + `</table:table-cell>`
	}
	return s + "</table:table-row>"
}

// An ODS cell's text: each paragraph a line (a condition), text:s spaces,
// text:tab, text:line-break; a comment is not the value; repeated empty
// rows and columns, as LibreOffice writes them, are skipped.
func TestODSCells(t *testing.T) {
	t.Parallel()
	p := func(s string) string { return "<text:p>" + s + "</text:p>" }
	src := makeODS(t, odsRow(p("nom"), p("rôle"), p("pays"), p("texte"), p("conditions"))+
		`<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>`+
		odsRow(p("Zoé"), p("Rôle<text:s/>  et <text:s text:c=\"3\"/>plus"), p("France"),
			p("Un<text:line-break/>texte<text:tab/>long")+`<office:annotation><text:p>commentaire</text:p></office:annotation>`,
			p("Dur")+p("")+p("Mal payé"))+
		`<table:table-row table:number-rows-repeated="1048571"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`)
	d, err := deck.Read("cells.ods", src, "")
	if err != nil {
		t.Fatal(err)
	}
	z := d.Personas[0]
	if z.Role != "Rôle  et    plus" || z.Text != "Un\ntexte\tlong" || !reflect.DeepEqual(z.Conditions, []string{"Dur", "Mal payé"}) {
		t.Errorf("role %q, text %q, conditions %q", z.Role, z.Text, z.Conditions)
	}
	if c := z.Where("name").Cell; c != "Feuille1!A5" {
		t.Errorf("name in %s, want Feuille1!A5", c)
	}
}

// Sheets: a categories sheet and a deck sheet, in French; the personas
// sheet found by name wherever it is; English headers.
func TestWorkbookSheets(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Jeu")
	f.SetSheetRow("Jeu", "A1", &[]string{"Titre", "Mon jeu"})
	f.SetSheetRow("Jeu", "A2", &[]string{"Langue", "en"})
	f.NewSheet("Catégories")
	f.SetSheetRow("Catégories", "A1", &[]string{"Libellé", "Couleur", "Identifiant"})
	f.SetSheetRow("Catégories", "A2", &[]string{"Mines", "#112233", "mines"})
	f.SetSheetRow("Catégories", "A3", &[]string{"Travail du clic"})
	f.NewSheet("Personas")
	f.SetSheetRow("Personas", "A1", &[]string{"name", "role", "country", "text", "conditions", "category"})
	f.SetSheetRow("Personas", "A2", &[]string{"Ana", "Miner", "Chile", "I dig.", "Hard\nLong", "Mines"})
	f.SetSheetRow("Personas", "A3", &[]string{"Bo", "Clicker", "Kenya", "I click.", "Low pay", "clickwork"})
	var buf bytes.Buffer
	f.WriteTo(&buf)
	d, err := deck.Read("sheets.xlsx", buf.Bytes(), "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Mon jeu" || d.Language != "en" || len(d.Categories) != 2 || d.Categories[0].ID != "mines" || d.Categories[0].Label != "Mines" || d.Categories[0].Color != (deck.RGB{R: 0x11, G: 0x22, B: 0x33}) ||
		d.Categories[0].Where("color").Cell != "Catégories!B2" ||
		d.Categories[1].ID != "clickwork" || d.Personas[0].Category != "mines" || !reflect.DeepEqual(d.Personas[0].Conditions, []string{"Hard", "Long"}) {
		t.Errorf("deck %q %q, categories %v, personas %+v", d.Title, d.Language, d.Categories, d.Personas)
	}
}

// The hostile workbooks of the corpus are refused in well under a second.
func TestHostileWorkbooks(t *testing.T) {
	for _, name := range []string{"ods-zip-bomb.ods", "xlsx-zip-bomb.xlsx", "ods-many-files.ods", "ods-entities.ods",
		"xlsx-entities.xlsx", "ods-million-rows.ods", "xlsx-million-rows.xlsx", "ods-formulas.ods"} {
		src, err := os.ReadFile(filepath.Join(bad, name))
		if err != nil {
			t.Fatal(err)
		}
		_, err = within(t, 500e6, func() (*deck.Deck, error) { return deck.Read(name, src, "") })
		if err == nil {
			t.Errorf("%s: read", name)
		}
	}
}
