package deck_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// xlsxOf writes a workbook of one sheet, "personas", from rows of cells.
func xlsxOf(t *testing.T, rows ...[]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "personas")
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("personas", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// odsOfRows writes an .ods of one sheet from rows of cells.
func odsOfRows(t *testing.T, rows ...[]string) []byte {
	var s strings.Builder
	for _, r := range rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, "<text:p>"+c+"</text:p>")
		}
		s.WriteString(odsRow(cells...))
	}
	return makeODS(t, s.String())
}

// The README's promise: a persona's country may be left out when its code
// is given, in every format: a table without a country column, or with
// the country's cell empty; Markdown without the country's paragraph.
func TestCountryMayBeLeftOut(t *testing.T) {
	t.Parallel()
	noColumn := [][]string{{"nom", "rôle", "code_pays", "texte", "conditions"}, {"Hao", "Mineuse", "CN", "Je démonte.", "Froid"}}
	emptyCell := [][]string{{"nom", "rôle", "pays", "code_pays", "texte", "conditions"}, {"Hao", "Mineuse", "", "CN", "Je démonte.", "Froid"}}
	csv := func(rows [][]string) []byte {
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, ";") + "\n")
		}
		return []byte(b.String())
	}
	for _, tt := range []struct {
		name string
		src  []byte
		text string
	}{
		{"no-column.csv", csv(noColumn), "Je démonte."},
		{"empty-cell.csv", csv(emptyCell), "Je démonte."},
		{"no-column.xlsx", xlsxOf(t, noColumn...), "Je démonte."},
		{"empty-cell.xlsx", xlsxOf(t, emptyCell...), "Je démonte."},
		{"no-column.ods", odsOfRows(t, noColumn...), "Je démonte."},
		{"empty-cell.ods", odsOfRows(t, emptyCell...), "Je démonte."},
		{"code-line.md", []byte("# T\n\n### Hao\n\nMineuse\n\nCode pays : CN\n\nJe démonte.\n\n- Froid\n"), "Je démonte."},
		{"two-paragraphs.md", []byte("# T\n\n### Hao\n\nMineuse\n\nCode pays : CN\n\nJe démonte\ndes téléphones.\n\nTous les jours.\n\n- Froid\n"), "Je démonte des téléphones.\nTous les jours."},
	} {
		d, err := deck.Read(tt.name, tt.src, "")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if p := d.Personas[0]; p.Country != "" || p.CountryCode != "CN" || p.Text != tt.text {
			t.Errorf("%s: country %q, code %q, text %q; want none, CN, %q", tt.name, p.Country, p.CountryCode, p.Text, tt.text)
		}
	}

	// With neither, the cell to fill is named: the country's, or the
	// code's when there is no country column.
	for _, tt := range []struct {
		name string
		src  []byte
		cell string
	}{
		{"both-empty.csv", []byte("nom;pays;code_pays;rôle;texte;conditions\nHao;Chine;;M;T;C\nLi;;;M;T;C\n"), "B3"},
		{"no-column.csv", []byte("nom;code_pays;rôle;texte;conditions\nHao;CN;M;T;C\nLi;;M;T;C\n"), "B3"},
		{"no-column.xlsx", xlsxOf(t, []string{"nom", "code_pays", "rôle", "texte", "conditions"}, []string{"Li", "", "M", "T", "C"}), "personas!B2"},
	} {
		_, err := deck.Read(tt.name, tt.src, "")
		var l diag.List
		if !errors.As(err, &l) || len(l) != 1 || l[0].Cell != tt.cell || l[0].Card != "li" {
			t.Errorf("%s: %v; want one problem of li's at %s", tt.name, err, tt.cell)
		}
	}
	// Markdown without the country nor its code says where to write it.
	_, err := deck.Read("none.md", []byte("# T\n\n### Hao\n\nMineuse\n\nJe démonte.\n\n- Froid\n"), "")
	if err == nil || !strings.Contains(err.Error(), `field "country": missing; write the country in the paragraph after the role`) || strings.Contains(err.Error(), "Je démonte") {
		t.Errorf("no country in Markdown: %v", err)
	}
}

// A deck whose personas have a code and no country, or a country that
// reads like a sentence, or a text that reads like a country, goes
// through every format and back unchanged.
func TestRoundTripWithoutCountry(t *testing.T) {
	t.Parallel()
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	d.Personas[0].Country = ""
	d.Personas[1].Country, d.Personas[1].Text = "", "Bonjour"
	d.Personas[2].Country = "Un pays dont le nom est une phrase entière."
	roundTrip(t, d, ".")
}
