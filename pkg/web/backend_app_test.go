package web

// Tests of the server over the real backend (package app):
// what a teacher's files give through the API.

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"golang.org/x/text/encoding/charmap"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
)

func TestMain(m *testing.M) {
	// pdfcpu, which reads PDFs back here, would otherwise make a
	// configuration folder in the user's home.
	model.ConfigPath = "disable"
	os.Exit(m.Run())
}

// realServer is a server over the app layer.
func realServer(t *testing.T) *Server {
	return newTestServer(t, NewAppBackend(""), nil)
}

// excelCSV is a French Excel-style CSV (semicolons, Windows-1252, CRLF)
// whose second card's text is far too long for a tarot card.
func excelCSV(t *testing.T) []byte {
	t.Helper()
	long := strings.Repeat("Je trie des images toute la journée pour un salaire de misère. ", 30)
	text := "Identifiant;Nom;Métier;Pays;Catégorie;Texte;Conditions;Impact\r\n" +
		"hao;Hao;Extractrice de terres rares;Chine;extraction;Je démonte de vieux smartphones.;\"Travail mal payé\r\nPas d’équipement\";Produits toxiques.\r\n" +
		"amina;Amina;Annotatrice;Kenya;Travail du clic;" + long + ";Salaire bas;\r\n" +
		"lea;Léa;Enseignante;France;extraction;Je prépare des ateliers où l’on « démonte » l’IA.;Stress | Précarité;\r\n"
	data, err := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestRealDeckAndFaces(t *testing.T) {
	t.Parallel()
	s := realServer(t)
	for _, lang := range []string{"fr", "en"} {
		rec := do(t, s, "GET", "/api/deck?lang="+lang, nil, "")
		var d Deck
		if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil || rec.Code != 200 {
			t.Fatalf("/api/deck?lang=%s: %d %v", lang, rec.Code, err)
		}
		var ds struct {
			Deck     struct{ Title, Language string }
			Personas []struct{ ID, Name string }
		}
		json.Unmarshal(d.Dataset, &ds)
		if len(ds.Personas) != 20 || ds.Deck.Language != lang || d.Language != lang || !slices.Equal(d.Languages, []string{"fr", "en"}) {
			t.Errorf("%s: %d personas, language %q/%q, languages %v", lang, len(ds.Personas), ds.Deck.Language, d.Language, d.Languages)
		}
		if p := d.Where.Personas["koffi"]["text"]; p.Line == 0 {
			t.Errorf("%s: no place for koffi's text: %+v", lang, d.Where.Personas["koffi"])
		}

		rec = do(t, s, "POST", "/api/faces?layout=a4&lang="+lang, nil, "")
		var f facesAnswer
		if err := json.Unmarshal(rec.Body.Bytes(), &f); err != nil || rec.Code != 200 {
			t.Fatalf("/api/faces: %d %v %s", rec.Code, err, rec.Body.String()[:200])
		}
		if len(f.Cards) != 20 || len(f.Problems) != 0 {
			t.Fatalf("%s: %d cards, problems %v", lang, len(f.Cards), f.Problems)
		}
		for i, c := range f.Cards {
			for side, svg := range map[string]string{"front": c.Front, "back": c.Back} {
				checkSVG(t, svg, fmt.Sprintf("%s %s %s", lang, c.ID, side))
				// Every card shows its name, and its number out of 20.
				if side == "front" && !strings.Contains(svg, ">"+escapeXML(c.Name)+"<") {
					t.Errorf("%s %s: the front does not show the name %q", lang, c.ID, c.Name)
				}
				if !strings.Contains(svg, fmt.Sprintf(">%d/20<", i+1)) {
					t.Errorf("%s %s %s: no number %d/20", lang, c.ID, side, i+1)
				}
			}
		}
	}
}

// checkSVG checks that svg is well-formed XML with nothing active in it.
func checkSVG(t *testing.T, svg, what string) {
	t.Helper()
	if !strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg"`) || !strings.Contains(svg, `viewBox="0 0 70 120"`) {
		t.Errorf("%s: starts %q", what, svg[:min(80, len(svg))])
	}
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("%s: not XML: %v", what, err)
			return
		}
		if se, ok := tok.(xml.StartElement); ok {
			if !slices.Contains([]string{"svg", "g", "defs", "clipPath", "rect", "path", "polygon", "line", "text", "tspan", "image", "use"}, se.Name.Local) {
				t.Errorf("%s: element <%s>", what, se.Name.Local)
			}
			for _, a := range se.Attr {
				if strings.HasPrefix(a.Name.Local, "on") || a.Name.Local == "href" && !strings.HasPrefix(a.Value, "data:image/") {
					t.Errorf("%s: attribute %s=%q", what, a.Name.Local, a.Value)
				}
			}
		}
	}
}

func TestRealExcelCSV(t *testing.T) {
	t.Parallel()
	s := realServer(t)
	body, ct := multipartBody(t, part{"data", "mes-personas.csv", excelCSV(t)})
	rec := do(t, s, "POST", "/api/validate?layout=a4", body, ct)
	var v validateAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || rec.Code != 200 {
		t.Fatalf("%d %v %s", rec.Code, err, rec.Body)
	}
	if v.OK || v.Deck == nil || v.Deck.Format != "csv" || v.Deck.Source != "mes-personas.csv" || v.Deck.Name != "mes-personas" {
		t.Fatalf("answer: ok %v, deck %+v", v.OK, v.Deck)
	}
	// The too-long text, at its cell, once per side it does not fit.
	if len(v.Problems) == 0 {
		t.Fatal("no problem for a text far too long")
	}
	for _, p := range v.Problems {
		// Line 4 of the file: the row above holds a cell of two lines.
		if p.Persona != "amina" || p.Field != "text" || p.Cell != "F3" || p.File != "mes-personas.csv" || p.Line != 4 || p.Hint == "" {
			t.Errorf("problem %+v, want amina's text at F3 (line 4) of mes-personas.csv", p)
		}
		if strings.Contains(p.Message+p.Hint+p.File, s.TempDir()) {
			t.Errorf("a message names the server's folder: %+v", p)
		}
	}
	if c := v.Deck.Where.Personas["lea"]["text"].Cell; c != "F4" {
		t.Errorf("lea's text is at %q, want F4", c)
	}

	// The page's working copy: the deck as JSON. Faces for every card but
	// the one that does not fit; the others keep their numbers.
	working := v.Deck.Dataset
	body, ct = multipartBody(t, part{"data", "mes-personas.json", working})
	rec = do(t, s, "POST", "/api/faces?layout=a4", body, ct)
	var f facesAnswer
	json.Unmarshal(rec.Body.Bytes(), &f)
	if rec.Code != 200 || len(f.Cards) != 3 || f.Cards[1].Front != "" || f.Cards[0].Front == "" || !strings.Contains(f.Cards[2].Front, ">3/3<") {
		t.Fatalf("faces of a deck with a card too long: %d %+v", rec.Code, f.Problems)
	}
	if len(f.Problems) == 0 || f.Problems[0].Persona != "amina" {
		t.Errorf("problems %+v", f.Problems)
	}

	// Fixed in the form: the problem goes.
	var deck map[string]any
	json.Unmarshal(working, &deck)
	deck["personas"].([]any)[1].(map[string]any)["text"] = "Je trie des images pour un salaire de misère."
	fixed, _ := json.Marshal(deck)
	body, ct = multipartBody(t, part{"data", "mes-personas.json", fixed})
	rec = do(t, s, "POST", "/api/faces?layout=a4&only=amina", body, ct)
	f = facesAnswer{}
	json.Unmarshal(rec.Body.Bytes(), &f)
	if rec.Code != 200 || len(f.Problems) != 0 || len(f.Cards) != 1 || !strings.Contains(f.Cards[0].Front, "misère") {
		t.Errorf("after the fix: %d %+v", rec.Code, f.Problems)
	}

	// Downloaded in the format it came in, it reads back the same.
	body, ct = multipartBody(t, part{"data", "mes-personas.json", fixed})
	rec = do(t, s, "POST", "/api/export?to=csv", body, ct)
	if rec.Code != 200 || rec.Header().Get("Content-Disposition") != "attachment; filename=mes-personas.csv" ||
		!bytes.HasPrefix(rec.Body.Bytes(), []byte("\xEF\xBB\xBF")) || !strings.Contains(rec.Body.String(), "misère") {
		t.Fatalf("export: %d %v", rec.Code, rec.Header())
	}
	body, ct = multipartBody(t, part{"data", "mes-personas.csv", rec.Body.Bytes()})
	rec = do(t, s, "POST", "/api/validate?layout=a4", body, ct)
	v = validateAnswer{}
	json.Unmarshal(rec.Body.Bytes(), &v)
	if !v.OK {
		t.Errorf("the exported CSV: %s", rec.Body)
	}

	// A file that cannot be read: problems, no deck.
	body, ct = multipartBody(t, part{"data", "cassé.csv", []byte("nom;rôle\r\nKoffi\r\n")})
	rec = do(t, s, "POST", "/api/validate", body, ct)
	v = validateAnswer{}
	json.Unmarshal(rec.Body.Bytes(), &v)
	if rec.Code != 200 || v.OK || v.Deck != nil || len(v.Problems) == 0 || v.Problems[0].File != "cassé.csv" {
		t.Errorf("an unreadable file: %d %s", rec.Code, rec.Body)
	}
	if left := tempEntries(t, s); len(left) > 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

// pages counts a PDF's pages.
func pages(t *testing.T, pdf []byte) int {
	t.Helper()
	n, err := api.PageCount(bytes.NewReader(pdf), nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRealBuildIsTheCommandLinesBuild(t *testing.T) {
	t.Parallel()
	s := realServer(t)
	for _, c := range []struct {
		query string
		cli   app.BuildOptions // what cardgen build runs for the same flags
	}{
		{"layout=a4", app.BuildOptions{}},
		{"layout=a4&lang=en&duplex=short&ink_saver=true", app.BuildOptions{Dataset: app.Dataset{Lang: "en"},
			Print: app.PrintOptions{Duplex: layout.DuplexShort, InkSaver: true}}},
		{"layout=tarot&only=hao,koffi", app.BuildOptions{Layouts: []string{"tarot"}, Select: deck.Selection{Only: []string{"hao", "koffi"}}}},
		{"layout=a4&offset=1,-0.5", app.BuildOptions{Print: app.PrintOptions{BackOffset: &geom.Point{X: 1, Y: -0.5}}}},
	} {
		rec := do(t, s, "POST", "/api/build?"+c.query, nil, "")
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", c.query, rec.Code, rec.Body)
		}
		res, err := app.Build(c.cli)
		if err != nil {
			t.Fatal(err)
		}
		want := res.PDFs[0]
		if got := rec.Header().Get("Content-Disposition"); got != "attachment; filename="+want.Name {
			t.Errorf("%s: %s, want the command line's name %s", c.query, got, want.Name)
		}
		if !bytes.Equal(rec.Body.Bytes(), want.Data) {
			t.Errorf("%s: the PDF differs from the command line's", c.query)
		}
		if n := pages(t, rec.Body.Bytes()); n != want.Pages {
			t.Errorf("%s: %d pages, want %d", c.query, n, want.Pages)
		}
	}

	// The page's edited copy of the English deck is named as the English
	// edition is.
	rec := do(t, s, "GET", "/api/deck?lang=en", nil, "")
	var d Deck
	json.Unmarshal(rec.Body.Bytes(), &d)
	body, ct := multipartBody(t, part{"data", "personas.json", d.Dataset})
	rec = do(t, s, "POST", "/api/build?layout=a4&edition=en", body, ct)
	if rec.Code != 200 || rec.Header().Get("Content-Disposition") != "attachment; filename=personas-a4-en.pdf" || pages(t, rec.Body.Bytes()) != 10 {
		t.Errorf("the English working copy: %d %v", rec.Code, rec.Header())
	}

	// Two layouts: a .zip of both PDFs.
	rec = do(t, s, "POST", "/api/build?layout=a4&layout=a4-fold", nil, "")
	zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatalf("two layouts: %d %v", rec.Code, err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	if !slices.Equal(names, []string{"personas-a4-fold.pdf", "personas-a4.pdf"}) {
		t.Errorf("the .zip holds %v", names)
	}

	// What the command line refuses, the API refuses in words without flags.
	rec = do(t, s, "POST", "/api/build?layout=a4-fold&duplex=short", nil, "")
	if b := errorOf(t, rec); rec.Code != 400 || strings.Contains(b.Message, "--") {
		t.Errorf("duplex on a fold layout: %d %+v", rec.Code, b)
	}
	rec = do(t, s, "POST", "/api/build?only=nobody", nil, "")
	if b := errorOf(t, rec); rec.Code != 400 || !strings.Contains(b.Message, `only "nobody": unknown persona`) {
		t.Errorf("an unknown card: %d %+v", rec.Code, b)
	}
}

func TestRealGuideCalibrateExport(t *testing.T) {
	t.Parallel()
	s := realServer(t)
	// Each is cardgen guide's or cardgen calibrate's, bytes and name.
	guide := func(opts app.GuideOptions) *app.Document {
		doc, err := app.Guide(opts)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	calibrate := func(opts app.CalibrateOptions) *app.Document {
		doc, err := app.Calibrate(opts)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	for _, c := range []struct {
		method, target string
		want           *app.Document
	}{
		{"POST", "/api/guide", guide(app.GuideOptions{})},
		{"POST", "/api/guide?lang=en&paper=letter", guide(app.GuideOptions{Dataset: app.Dataset{Lang: "en"}, Paper: app.PaperLetter})},
		{"GET", "/api/calibrate?layout=a4", calibrate(app.CalibrateOptions{})},
		{"GET", "/api/calibrate?layout=letter&lang=en&duplex=short&offset=1,-1", calibrate(app.CalibrateOptions{Layout: "letter", Lang: "en",
			Print: app.PrintOptions{Duplex: layout.DuplexShort, BackOffset: &geom.Point{X: 1, Y: -1}}})},
	} {
		rec := do(t, s, c.method, c.target, nil, "")
		if rec.Code != 200 || rec.Header().Get("Content-Disposition") != "attachment; filename="+c.want.Name {
			t.Errorf("%s: %d %s, want %s", c.target, rec.Code, rec.Header().Get("Content-Disposition"), c.want.Name)
			continue
		}
		if !bytes.Equal(rec.Body.Bytes(), c.want.Data) {
			t.Errorf("%s: the PDF differs from the command line's", c.target)
		}
		if n := pages(t, rec.Body.Bytes()); n != c.want.Pages {
			t.Errorf("%s: %d pages, want %d", c.target, n, c.want.Pages)
		}
	}
	rec := do(t, s, "POST", "/api/export?to=yaml&lang=en", nil, "")
	if rec.Code != 200 || rec.Header().Get("Content-Disposition") != "attachment; filename=personas.en.yaml" {
		t.Errorf("export of the English deck: %d %v", rec.Code, rec.Header())
	}
	want, _, _ := app.Export(app.ExportOptions{Dataset: app.Dataset{Lang: "en"}, To: "yaml"})
	if !bytes.Equal(rec.Body.Bytes(), want) {
		t.Error("the export differs from cardgen export's")
	}
}

func TestRealPicturesInAZip(t *testing.T) {
	t.Parallel()
	s := realServer(t)
	png := pngBytes(t, 40, 30)
	yaml := `deck: {title: Avec images, language: fr}
categories:
  - {id: extraction, label: Extraction, color: "#8A4B14"}
personas:
  - id: koffi
    name: Koffi
    role: Mineur
    country_code: CD
    category: extraction
    text: Je creuse.
    conditions: [Chaleur]
    image: images/koffi.png
`
	z := zipBytes(t, [2]string{"jeu/deck.yaml", yaml}, [2]string{"jeu/images/koffi.png", string(png)})
	body, ct := multipartBody(t, part{"data", "jeu.zip", z})
	rec := do(t, s, "POST", "/api/validate", body, ct)
	var v validateAnswer
	json.Unmarshal(rec.Body.Bytes(), &v)
	if rec.Code != 200 || !v.OK || v.Deck.Folder != "jeu/" {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	// The working copy with its one picture: the face shows it.
	body, ct = multipartBody(t, part{"data", "deck.json", v.Deck.Dataset}, part{"images", "images/koffi.png", png})
	rec = do(t, s, "POST", "/api/faces?layout=a4", body, ct)
	var f facesAnswer
	json.Unmarshal(rec.Body.Bytes(), &f)
	if rec.Code != 200 || len(f.Cards) != 1 || !strings.Contains(f.Cards[0].Front, `href="data:image/png;base64,`) {
		t.Errorf("faces with a picture: %d %+v", rec.Code, f.Problems)
	}
	// Without it: the problem names the picture.
	body, ct = multipartBody(t, part{"data", "deck.json", v.Deck.Dataset})
	rec = do(t, s, "POST", "/api/faces?layout=a4", body, ct)
	f = facesAnswer{}
	json.Unmarshal(rec.Body.Bytes(), &f)
	if len(f.Problems) != 1 || f.Problems[0].Field != "image" || !strings.Contains(f.Problems[0].Message, `"images/koffi.png" not found`) {
		t.Errorf("faces without the picture: %s", rec.Body)
	}
}

// Refitting one card as a teacher types takes well under 100 ms on the
// server: the median of ten refits of one card of the 20-card deck.
func TestRealRefitIsFast(t *testing.T) {
	s := realServer(t)
	rec := do(t, s, "GET", "/api/deck?lang=fr", nil, "")
	var d Deck
	json.Unmarshal(rec.Body.Bytes(), &d)
	var times []time.Duration
	for i := range 10 {
		edited := bytes.Replace(d.Dataset, []byte("Je démonte"), []byte(strings.Repeat("x", i)+"Je démonte"), 1)
		body, ct := multipartBody(t, part{"data", "personas.json", edited})
		start := time.Now()
		rec := do(t, s, "POST", "/api/faces?layout=a4&only=hao", body, ct)
		times = append(times, time.Since(start))
		if rec.Code != 200 {
			t.Fatal(rec.Body)
		}
	}
	slices.Sort(times)
	t.Logf("refit of one card: median %s, slowest %s", times[5], times[9])
	if times[5] > 100*time.Millisecond {
		t.Errorf("refitting one card takes %s (median), more than 100 ms", times[5])
	}
}

// escapeXML escapes s as the SVG renderer writes character data.
func escapeXML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;").Replace(s)
}
