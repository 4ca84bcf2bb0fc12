//go:build ignore

// mkhostile makes the hostile workbooks of testdata/datasets/bad (zip bombs,
// XML entities, a million rows, formulas) from the LibreOffice fixtures of
// testdata/datasets/good. Run it from the repository root:
//
//	go run testdata/datasets/mkhostile.go

package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

const dir = "testdata/datasets/bad/"

// rezip copies a zip, replacing (or adding) entries.
func rezip(src []byte, replace map[string][]byte, extra int) []byte {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		panic(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	done := map[string]bool{}
	for _, f := range zr.File {
		method := f.Method
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: method})
		if b, ok := replace[f.Name]; ok {
			w.Write(b)
			done[f.Name] = true
			continue
		}
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		w.Write(b.Bytes())
	}
	for name, b := range replace {
		if !done[name] {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
			w.Write(b)
		}
	}
	for i := range extra {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("junk/%d.xml", i), Method: zip.Deflate})
		w.Write([]byte("x"))
	}
	zw.Close()
	return out.Bytes()
}

func entry(src []byte, name string) string {
	zr, _ := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			return b.String()
		}
	}
	panic("no " + name)
}

func main() {
	ods, _ := os.ReadFile("testdata/datasets/good/excel-fr.ods")
	xlsx, _ := os.ReadFile("testdata/datasets/good/excel-fr.xlsx")

	// Zip bombs: 64 MiB of spaces in the sheet, a few hundred KB zipped.
	bomb := []byte(strings.Repeat(" ", 64<<20))
	os.WriteFile(dir+"ods-zip-bomb.ods", rezip(ods, map[string][]byte{"content.xml": bomb}, 0), 0o644)
	os.WriteFile(dir+"xlsx-zip-bomb.xlsx", rezip(xlsx, map[string][]byte{"xl/worksheets/sheet1.xml": bomb}, 0), 0o644)
	// Too many entries.
	os.WriteFile(dir+"ods-many-files.ods", rezip(ods, nil, 1200), 0o644)

	// XML entities: a billion laughs in content.xml.
	content := entry(ods, "content.xml")
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`
	c := strings.Replace(content, `<?xml version="1.0" encoding="UTF-8"?>`, laughs, 1)
	c = strings.Replace(c, "<text:p>Hao</text:p>", "<text:p>&lol3;</text:p>", 1)
	os.WriteFile(dir+"ods-entities.ods", rezip(ods, map[string][]byte{"content.xml": []byte(c)}, 0), 0o644)
	sheet := entry(xlsx, "xl/sharedStrings.xml")
	s := strings.Replace(sheet, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, strings.Replace(laughs, `<?xml version="1.0"?>`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, 1), 1)
	s = strings.Replace(s, "<t xml:space=\"preserve\">Hao</t>", "<t>&lol3;</t>", 1)
	s = strings.Replace(s, "<t>Hao</t>", "<t>&lol3;</t>", 1)
	os.WriteFile(dir+"xlsx-entities.xlsx", rezip(xlsx, map[string][]byte{"xl/sharedStrings.xml": []byte(s)}, 0), 0o644)

	// A sheet claiming a million rows: a row with text repeated 1,048,000
	// times in ODS; a cell on row 1,048,576 in xlsx.
	c = strings.Replace(content, "</table:table>", `<table:table-row table:number-rows-repeated="1048000"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`, 1)
	os.WriteFile(dir+"ods-million-rows.ods", rezip(ods, map[string][]byte{"content.xml": []byte(c)}, 0), 0o644)
	sx := entry(xlsx, "xl/worksheets/sheet1.xml")
	sx = strings.Replace(sx, "</sheetData>", `<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`, 1)
	os.WriteFile(dir+"xlsx-million-rows.xlsx", rezip(xlsx, map[string][]byte{"xl/worksheets/sheet1.xml": []byte(sx)}, 0), 0o644)

	// Formulas, errors and dates, as Excel would store them.
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "personnages")
	f.SetSheetRow("personnages", "A1", &[]string{"nom", "rôle", "pays", "texte", "conditions", "exemplaires", "étiquettes"})
	f.SetSheetRow("personnages", "A2", &[]any{"Hao", "Extractrice", "Chine", "Texte.", "Dur", 2, "mines"})
	f.SetCellFormula("personnages", "B2", "UPPER(\"x\")") // no cached value
	f.SetSheetRow("personnages", "A3", &[]any{"Koffi", "Mineur", "Congo-Kinshasa", "Texte.", "Dur", 1, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)})
	f.SetSheetRow("personnages", "A4", &[]any{"Léa", "Enseignante", "France", "Texte.", "Dur", 3, "x"})
	f.SetCellFormula("personnages", "F4", "1/0")
	var buf bytes.Buffer
	f.WriteTo(&buf)
	sx = entry(buf.Bytes(), "xl/worksheets/sheet1.xml")
	sx = strings.Replace(sx, `<c r="B2" t="str"><f>UPPER(&#34;x&#34;)</f><v>8</v></c>`, `<c r="B2"><f>UPPER(&#34;x&#34;)</f></c>`, 1)
	sx = strings.Replace(sx, `<c r="F4" t="str"><f>1/0</f><v>3</v></c>`, `<c r="F4" t="e"><f>1/0</f><v>#DIV/0!</v></c>`, 1)
	os.WriteFile(dir+"xlsx-formulas.xlsx", rezip(buf.Bytes(), map[string][]byte{"xl/worksheets/sheet1.xml": []byte(sx)}, 0), 0o644)

	// A formula without result, a date, an error, as LibreOffice writes them.
	row := `<table:table-row><table:table-cell office:value-type="string"><text:p>zoe</text:p></table:table-cell>` +
		`<table:table-cell office:value-type="string"><text:p>Zoé</text:p></table:table-cell>` +
		`<table:table-cell table:formula="of:=UPPER(&quot;x&quot;)"/>` +
		`<table:table-cell office:value-type="string"><text:p>France</text:p></table:table-cell>` +
		`<table:table-cell office:value-type="string"><text:p>Travail du clic</text:p></table:table-cell>` +
		`<table:table-cell office:value-type="string"><text:p>Texte.</text:p></table:table-cell>` +
		`<table:table-cell office:value-type="string"><text:p>Dur<text:s text:c="2"/>et<text:tab/>long</text:p><text:p>Mal payé<text:line-break/>Seul</text:p><office:annotation><text:p>a comment, not a condition</text:p></office:annotation></table:table-cell>` +
		`<table:table-cell office:value-type="date" office:date-value="2024-01-02" calcext:value-type="date"><text:p>02/01/2024</text:p></table:table-cell>` +
		`<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>` +
		`<table:table-cell table:number-columns-repeated="16374"/></table:table-row>` +
		`<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`
	c = strings.Replace(content, "</table:table>", row+"</table:table>", 1)
	os.WriteFile(dir+"ods-formulas.ods", rezip(ods, map[string][]byte{"content.xml": []byte(c)}, 0), 0o644)
}
