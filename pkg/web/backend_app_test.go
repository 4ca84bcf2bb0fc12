package web

// Tests of the server over the real backend (package app):
// what a teacher's files give through the API.

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
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
		if p := d.Where.Personas[1]["text"]; p.Line == 0 {
			t.Errorf("%s: no place for koffi's text: %+v", lang, d.Where.Personas[1])
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
		if !p.Typesetting {
			t.Errorf("a text too long is not said to be found setting the cards: %+v", p)
		}
		// Line 4 of the file: the row above holds a cell of two lines.
		if p.Persona != "amina" || p.Field != "text" || p.Cell != "F3" || p.Header != "Texte" || p.File != "mes-personas.csv" || p.Line != 4 || p.Hint == "" {
			t.Errorf("problem %+v, want amina's text at F3 (line 4, column Texte) of mes-personas.csv", p)
		}
		if strings.Contains(p.Message+p.Hint+p.File, s.TempDir()) {
			t.Errorf("a message names the server's folder: %+v", p)
		}
	}
	if c := v.Deck.Where.Personas[2]["text"].Cell; c != "F4" {
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

	// The working copy builds the PDF the teacher's own file builds: the
	// spreadsheet gives no title, and neither copy prints the file's name.
	if !v.Deck.Untitled {
		t.Error("the spreadsheet's deck is not said to be untitled")
	}
	body, ct = multipartBody(t, part{"data", "mes-personas.csv", excelCSV(t)})
	direct := do(t, s, "POST", "/api/build?layout=a4&exclude=amina", body, ct)
	body, ct = multipartBody(t, part{"data", "mes-personas.json", fixed})
	copied := do(t, s, "POST", "/api/build?layout=a4&exclude=amina&no_title=true", body, ct)
	if direct.Code != 200 || copied.Code != 200 || !bytes.Equal(direct.Body.Bytes(), copied.Body.Bytes()) ||
		direct.Header().Get("Content-Disposition") != copied.Header().Get("Content-Disposition") {
		t.Errorf("the working copy's PDF differs from the file's: %d %d %s %s", direct.Code, copied.Code,
			direct.Header().Get("Content-Disposition"), copied.Header().Get("Content-Disposition"))
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
// server, on the 20-card deck and on one of 1,000 cards: the median of ten
// refits of one card, sent alone as the page sends it, with its number in
// the whole deck.
func TestRealRefitIsFast(t *testing.T) {
	s := realServer(t)
	rec := do(t, s, "GET", "/api/deck?lang=fr", nil, "")
	var d Deck
	json.Unmarshal(rec.Body.Bytes(), &d)
	var deck20 map[string]any
	if err := json.Unmarshal(d.Dataset, &deck20); err != nil {
		t.Fatal(err)
	}
	// 1,000 cards: the 20 personas fifty times, with ids of their own.
	personas := deck20["personas"].([]any)
	var many []any
	for i := range 50 {
		for _, p := range personas {
			q := map[string]any{}
			for k, v := range p.(map[string]any) {
				q[k] = v
			}
			q["id"] = fmt.Sprintf("%s-%d", q["id"], i)
			many = append(many, q)
		}
	}
	deck1000 := map[string]any{"deck": deck20["deck"], "categories": deck20["categories"], "personas": many}
	for _, c := range []struct {
		deck       map[string]any
		id, number string
	}{{deck20, "hao", "1/20"}, {deck1000, "koffi-37", "742/1&#xA0;000"}} {
		var times []time.Duration
		for i := range 10 {
			personas := c.deck["personas"].([]any)
			var one map[string]any
			place := 0
			for n, p := range personas {
				if p := p.(map[string]any); p["id"] == c.id {
					p["text"] = strings.Repeat("x", i) + "Je démonte des téléphones."
					one, place = p, n+1
				}
			}
			data, _ := json.Marshal(map[string]any{"deck": c.deck["deck"], "categories": c.deck["categories"], "personas": []any{one}})
			body, ct := multipartBody(t, part{"data", "personas.json", data})
			start := time.Now()
			rec := do(t, s, "POST", fmt.Sprintf("/api/faces?layout=a4&only=%s&number=%d&total=%d", c.id, place, len(personas)), body, ct)
			times = append(times, time.Since(start))
			var f facesAnswer
			if err := json.Unmarshal(rec.Body.Bytes(), &f); rec.Code != 200 || err != nil || len(f.Cards) != 1 || len(f.Problems) != 0 {
				t.Fatalf("%d %s", rec.Code, rec.Body.String()[:min(300, rec.Body.Len())])
			}
			if front := f.Cards[0].Front; !strings.Contains(front, ">"+c.number+"<") || !strings.Contains(front, strings.Repeat("x", i)+"Je") {
				t.Fatalf("%s: the refit face lacks its number %s or its new text", c.id, c.number)
			}
		}
		slices.Sort(times)
		t.Logf("refit of one card of %d: median %s, slowest %s", len(c.deck["personas"].([]any)), times[5], times[9])
		if times[5] > 100*time.Millisecond {
			t.Errorf("refitting one card of %d takes %s (median), more than 100 ms", len(c.deck["personas"].([]any)), times[5])
		}
	}
}

// escapeXML escapes s as the SVG renderer writes character data.
func escapeXML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;").Replace(s)
}

// Messages name the files as the teacher sent them, never the server's
// folders: a .zip with a dataset, its English edition (a card missing from
// it) and a picture it lacks.
func TestRealMessagesNameTheFilesSent(t *testing.T) {
	t.Parallel()
	s := realServer(t)
	fr := "deck: {title: Jeu, language: fr}\ncategories:\n  - {id: ex, label: Extraction, color: \"#8A4B14\"}\npersonas:\n" +
		"  - {id: koffi, name: Koffi, role: Mineur, country_code: CD, category: ex, text: Je creuse., conditions: [Chaleur], image: images/koffi.png}\n" +
		"  - {id: hao, name: Hao, role: Trieuse, country_code: CN, category: ex, text: Je trie., conditions: [Poussière]}\n"
	en := "deck: {title: Game, language: en}\ncategories:\n  - {id: ex, label: Mining, color: \"#8A4B14\"}\npersonas:\n" +
		"  - {id: koffi, name: Koffi, role: Miner, country_code: CD, category: ex, text: I dig., conditions: [Heat], image: images/koffi.png}\n"
	z := zipBytes(t, [2]string{"mon jeu/jeu.yaml", fr}, [2]string{"mon jeu/jeu.en.yaml", en})
	body, ct := multipartBody(t, part{"data", "mon jeu.zip", z})
	rec := do(t, s, "POST", "/api/validate", body, ct)
	var v validateAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	files := map[string]bool{}
	for _, p := range v.Problems {
		files[p.File] = true
		if p.Typesetting {
			t.Errorf("a problem of the files is said to be found setting the cards: %+v", p)
		}
		if strings.Contains(p.File+p.Message+p.Hint, s.TempDir()) || strings.Contains(p.Message+p.Hint, "req-") {
			t.Errorf("a problem names the server's folder: %+v", p)
		}
	}
	if !files["jeu.yaml"] || !files["jeu.en.yaml"] || len(files) != 2 {
		t.Errorf("problems in %v, want jeu.yaml (the picture) and jeu.en.yaml (hao missing): %+v", files, v.Problems)
	}
	// The deck comes back all the same, with its editions.
	if v.Deck == nil || v.Deck.Source != "jeu.yaml" || v.Deck.Folder != "mon jeu/" || !slices.Equal(v.Deck.Languages, []string{"fr", "en"}) {
		t.Errorf("deck %+v", v.Deck)
	}
	// Its summary, once fixed, names the file as sent too.
	z = zipBytes(t, [2]string{"mon jeu/jeu.yaml", strings.ReplaceAll(fr, ", image: images/koffi.png", "")})
	body, ct = multipartBody(t, part{"data", "mon jeu.zip", z})
	rec = do(t, s, "POST", "/api/validate", body, ct)
	v = validateAnswer{}
	json.Unmarshal(rec.Body.Bytes(), &v)
	if !v.OK || !strings.HasPrefix(v.Summary, "jeu.yaml: 2 personas") {
		t.Errorf("summary %q", v.Summary)
	}
}

// A teacher's file with an English edition beside it: the page reads
// either edition, and its working copy of the English one is named as
// cardgen names that edition's files.
func TestRealTeachersEditions(t *testing.T) {
	t.Parallel()
	s := realServer(t)
	fr := "deck: {title: Jeu, language: fr}\ncategories:\n  - {id: ex, label: Extraction, color: \"#8A4B14\"}\npersonas:\n" +
		"  - {id: koffi, name: Koffi, role: Mineur, country_code: CD, category: ex, text: Je creuse., conditions: [Chaleur]}\n"
	en := strings.NewReplacer("Jeu", "Game", "language: fr", "language: en", "Mineur", "Miner", "Je creuse.", "I dig.", "Chaleur", "Heat").Replace(fr)
	z := zipBytes(t, [2]string{"jeu.yaml", fr}, [2]string{"jeu.en.yaml", en})
	body, ct := multipartBody(t, part{"data", "jeu.zip", z})
	rec := do(t, s, "POST", "/api/validate?lang=en", body, ct)
	var v validateAnswer
	json.Unmarshal(rec.Body.Bytes(), &v)
	if rec.Code != 200 || !v.OK || v.Deck.Language != "en" || v.Deck.Source != "jeu.yaml" || !strings.Contains(string(v.Deck.Dataset), "I dig.") {
		t.Fatalf("the English edition: %d %s", rec.Code, rec.Body)
	}
	body, ct = multipartBody(t, part{"data", "jeu.json", v.Deck.Dataset})
	rec = do(t, s, "POST", "/api/build?layout=a4&edition=en", body, ct)
	if rec.Code != 200 || rec.Header().Get("Content-Disposition") != "attachment; filename=jeu-a4-en.pdf" {
		t.Errorf("build of the English working copy: %d %v", rec.Code, rec.Header().Get("Content-Disposition"))
	}
	body, ct = multipartBody(t, part{"data", "jeu.json", v.Deck.Dataset})
	rec = do(t, s, "POST", "/api/export?to=csv&edition=en", body, ct)
	if rec.Code != 200 || rec.Header().Get("Content-Disposition") != "attachment; filename=jeu.en.csv" {
		t.Errorf("export of the English working copy: %d %v", rec.Code, rec.Header().Get("Content-Disposition"))
	}
	// A language the file has no edition in.
	body, ct = multipartBody(t, part{"data", "jeu.zip", z})
	rec = do(t, s, "POST", "/api/validate?lang=de", body, ct)
	if b := errorOf(t, rec); rec.Code != 400 || b.Message != `lang "de": the deck has no edition in this language; it has: fr, en` {
		t.Errorf("German: %d %+v", rec.Code, b)
	}
}

// Spreadsheets: a workbook is read with its cells, and the edited deck
// comes back as a workbook that reads the same.
func TestRealWorkbooks(t *testing.T) {
	t.Parallel()
	s := realServer(t)
	for _, format := range []string{"xlsx", "ods"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "datasets", "good", "excel-fr."+format))
		if err != nil {
			t.Fatal(err)
		}
		body, ct := multipartBody(t, part{"data", "mes cartes." + format, data})
		rec := do(t, s, "POST", "/api/validate?layout=a4", body, ct)
		var v validateAnswer
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || rec.Code != 200 || !v.OK || v.Deck.Format != format {
			t.Fatalf("%s: %d %s", format, rec.Code, rec.Body.String()[:min(300, rec.Body.Len())])
		}
		if c := v.Deck.Where.Personas[0]["text"].Cell; !strings.HasSuffix(c, "!F2") {
			t.Errorf("%s: hao's text is at %q", format, c)
		}
		body, ct = multipartBody(t, part{"data", "mes cartes.json", v.Deck.Dataset})
		rec = do(t, s, "POST", "/api/export?to="+format, body, ct)
		if rec.Code != 200 || rec.Header().Get("Content-Disposition") != `attachment; filename="mes cartes.`+format+`"` ||
			!bytes.HasPrefix(rec.Body.Bytes(), []byte("PK\x03\x04")) {
			t.Fatalf("%s: export %d %v", format, rec.Code, rec.Header())
		}
		body, ct = multipartBody(t, part{"data", "mes cartes." + format, rec.Body.Bytes()})
		rec = do(t, s, "POST", "/api/validate?layout=a4", body, ct)
		var again validateAnswer
		json.Unmarshal(rec.Body.Bytes(), &again)
		if !again.OK || !bytes.Equal(again.Deck.Dataset, v.Deck.Dataset) {
			t.Errorf("%s: the exported workbook reads otherwise: %s", format, rec.Body.String()[:min(300, rec.Body.Len())])
		}
	}
}

// One face through the API, as SVG (fonts inside) or PNG, named as
// cardgen preview names it.
func TestRealPreview(t *testing.T) {
	t.Parallel()
	s := realServer(t)
	want, err := app.Face(app.FaceOptions{Layout: "a4", Card: "koffi", Side: layout.Back, Format: app.PNG})
	if err != nil {
		t.Fatal(err)
	}
	rec := do(t, s, "POST", "/api/preview?id=koffi&side=back&format=png&layout=a4", nil, "")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/png" || rec.Header().Get("Content-Disposition") != "inline; filename="+want.Name ||
		!bytes.Equal(rec.Body.Bytes(), want.Data) {
		t.Errorf("PNG: %d %v", rec.Code, rec.Header())
	}
	rec = do(t, s, "POST", "/api/preview?id=koffi&format=svg", nil, "")
	if rec.Code != 200 || rec.Header().Get("Content-Disposition") != "inline; filename=personas-a4-koffi-front.svg" ||
		!strings.Contains(rec.Body.String(), "data:font/ttf;base64,") || !strings.Contains(rec.Body.String(), "2/20") {
		t.Errorf("SVG: %d %v", rec.Code, rec.Header())
	}
	rec = do(t, s, "POST", "/api/preview?id=kofi", nil, "")
	if b := errorOf(t, rec); rec.Code != 400 || !strings.Contains(b.Message, `id "kofi": unknown persona; did you mean "koffi"?`) {
		t.Errorf("an unknown card: %d %+v", rec.Code, b)
	}
}

// The work of a request stops when its client goes away.
func TestRealBackendStopsWhenAsked(t *testing.T) {
	t.Parallel()
	b := NewAppBackend("")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ds := Dataset{Dir: t.TempDir()}
	for name, call := range map[string]func() error{
		"validate": func() error { _, err := b.Validate(ctx, ds, []string{"a4"}); return err },
		"faces":    func() error { _, err := b.Faces(ctx, ds, FacesOptions{Layout: "a4"}); return err },
		"build":    func() error { _, err := b.Build(ctx, ds, BuildOptions{Layouts: []string{"a4"}}); return err },
		"images":   func() error { _, err := b.Images(ctx, ds, ImagesOptions{Layout: "a4"}); return err },
	} {
		if err := call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// bigDeck is the built-in deck's 20 personas fifty times over, with ids of
// their own: 1,000 cards, as the page's JSON.
func bigDeck(t *testing.T) []byte {
	t.Helper()
	data, _, err := app.Export(app.ExportOptions{To: "json"})
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	var many []any
	for i := range 50 {
		for _, p := range d["personas"].([]any) {
			q := map[string]any{}
			for k, v := range p.(map[string]any) {
				q[k] = v
			}
			q["id"] = fmt.Sprintf("%s-%d", q["id"], i)
			many = append(many, q)
		}
	}
	d["personas"] = many
	out, _ := json.Marshal(d)
	return out
}

// A request whose time limit passes stops its work, not only its answer:
// its slot is free long before the work would have ended.
func TestRealTimeLimitStopsTheWork(t *testing.T) {
	if testing.Short() {
		t.Skip("checks 1,000 cards on every layout")
	}
	data := bigDeck(t)
	layouts := []string{"a4", "letter", "a4-fold", "letter-fold", "a4-poker", "letter-poker", "a3", "tarot", "poker"}
	start := time.Now()
	if _, err := app.Validate(app.ValidateOptions{Dataset: app.Dataset{Path: "big.json", Data: data, FS: emptyFolder{}}, Layouts: layouts}); err != nil {
		t.Fatal(err)
	}
	whole := time.Since(start)

	const limit = 100 * time.Millisecond
	s := newTestServer(t, NewAppBackend(""), func(o *Options) { o.RequestTimeout = limit })
	body, ct := multipartBody(t, part{"data", "big.json", data})
	start = time.Now()
	rec := do(t, s, "POST", "/api/validate?layout="+strings.Join(layouts, ","), body, ct)
	if rec.Code != 503 {
		t.Fatalf("%d %s", rec.Code, rec.Body.String()[:min(200, rec.Body.Len())])
	}
	for s.slots.busy() > 0 && time.Since(start) < whole {
		time.Sleep(5 * time.Millisecond)
	}
	freed := time.Since(start)
	t.Logf("checking 1,000 cards on %d layouts takes %s; stopped at %s, its slot was free after %s", len(layouts), whole.Round(time.Millisecond), limit, freed.Round(time.Millisecond))
	if freed > whole/2 {
		t.Errorf("the slot was free after %s, the whole work takes %s", freed, whole)
	}
}

// TestRealTeachersFile: the file a tester made as a French teacher would
// (a misspelt column, an empty role, a misspelt category, two cards of
// one id, an emoji, a missing picture, a text too long). /api/validate
// lists what cardgen validate lists, each problem with its kind and its
// card by place; the working copy's previews tell the two "awa" apart;
// and the working copy, problems and all, can be saved.
func TestRealTeachersFile(t *testing.T) {
	t.Parallel()
	s := realServer(t)
	data, err := os.ReadFile(filepath.Join("testdata", "trial", "mon-jeu.csv"))
	if err != nil {
		t.Fatal(err)
	}
	body, ct := multipartBody(t, part{"data", "mon-jeu.csv", data})
	rec := do(t, s, "POST", "/api/validate?layout=a4", body, ct)
	var v validateAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || rec.Code != 200 || v.Deck == nil {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	// The command line's list, problem for problem.
	rep, err := app.Validate(app.ValidateOptions{Dataset: app.Dataset{Path: "mon-jeu.csv", Data: data, FS: fstest.MapFS{}}, Layouts: []string{"a4"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Problems) != len(rep.Problems) || len(v.Problems) != 7 {
		t.Fatalf("%d problems, validate finds %d:\n%s", len(v.Problems), len(rep.Problems), rep.Problems)
	}
	card := func(p Problem) int {
		if p.Card == nil {
			return -1
		}
		return *p.Card
	}
	want := []struct {
		cell, code string
		card       int
	}{
		{"H5", "unknown-field", -1}, {"C7", "empty", 1}, {"F7", "near-category", 1}, {"A8", "duplicate-id", 2},
		{"G8", "missing-glyph", 2}, {"J8", "missing-picture", 2}, {"G9", "too-long", 3},
	}
	for i, p := range v.Problems {
		if p.Message != rep.Problems[i].Msg || p.Cell != rep.Problems[i].Cell {
			t.Errorf("problem %d: %+v; validate says %s", i, p, rep.Problems[i].Error())
		}
		if w := want[i]; p.Cell != w.cell || p.Code != w.code || card(p) != w.card {
			t.Errorf("problem %d: cell %s, code %q, card %d; want %s, %q, %d", i, p.Cell, p.Code, card(p), w.cell, w.code, w.card)
		}
	}
	if w := v.Deck.Where.Personas; len(w) != 5 || w[0][""].Cell != "A6" || w[2][""].Cell != "A8" {
		t.Errorf("where the personas are: %+v", w)
	}

	// The working copy's previews: five cards, the two "awa" each its own.
	body, ct = multipartBody(t, part{"data", "mon-jeu.json", v.Deck.Dataset})
	rec = do(t, s, "POST", "/api/faces?layout=a4", body, ct)
	var f facesAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &f); err != nil || rec.Code != 200 || len(f.Cards) != 5 {
		t.Fatalf("faces: %d %s", rec.Code, rec.Body.String()[:min(300, rec.Body.Len())])
	}
	for i, c := range f.Cards {
		if c.Index != i {
			t.Errorf("card %d is said to be %d", i, c.Index)
		}
	}
	if !strings.Contains(f.Cards[0].Front, ">Awa<") || strings.Contains(f.Cards[0].Front, "Aminata") {
		t.Error("the first awa is not drawn as Awa")
	}
	for _, p := range f.Problems {
		if p.Persona == "awa" && card(p) != 2 && p.Code != "empty-list" {
			t.Errorf("a problem of the second awa is given to card %d: %+v", card(p), p)
		}
	}

	// The working copy, problems and all, saved as CSV: both awa, and the
	// count of what remains.
	body, ct = multipartBody(t, part{"data", "mon-jeu.json", v.Deck.Dataset})
	rec = do(t, s, "POST", "/api/export?to=csv", body, ct)
	if rec.Code != 200 || rec.Header().Get("Content-Disposition") != "attachment; filename=mon-jeu.csv" ||
		strings.Count(rec.Body.String(), "\nawa;") != 2 {
		t.Errorf("export: %d %v\n%s", rec.Code, rec.Header(), rec.Body.String()[:min(400, rec.Body.Len())])
	}
	if n, _ := strconv.Atoi(rec.Header().Get("Cardgen-Problems")); n == 0 {
		t.Errorf("export says no problem remains: %v", rec.Header())
	}
	// A file that cannot be read at all is still refused.
	body, ct = multipartBody(t, part{"data", "x.yaml", []byte("deck: [\n")})
	if rec = do(t, s, "POST", "/api/export?to=csv", body, ct); rec.Code != 422 {
		t.Errorf("an unreadable file exported: %d", rec.Code)
	}
}
