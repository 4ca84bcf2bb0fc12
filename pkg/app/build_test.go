package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cardgen/cardgen/pkg/build"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// mini is the test deck of the command line's tests.
var mini = filepath.Join("..", "..", "testdata", "mini.yaml")

func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func names(res *BuildResult) []string {
	var out []string
	for _, p := range res.PDFs {
		out = append(out, p.Name)
	}
	return out
}

// TestBuildNames: issue 10 §1. Each variant of a build has its own name;
// a custom layout is named after its file, never after a built-in.
func TestBuildNames(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mine := writeFile(t, dir, "mine.yaml", "base: a4\nduplex: short\n")
	// A file that calls itself a4: its name must not write the built-in's file.
	impostor := writeFile(t, dir, "school.yaml", "name: a4\nbase: a4\nink_saver: true\n")
	builtinStem := writeFile(t, dir, "tarot.yaml", "base: tarot\n")
	offset := geom.Point{X: 1, Y: 0}
	for _, tt := range []struct {
		opts BuildOptions
		want []string
	}{
		{BuildOptions{}, []string{"personas-a4.pdf"}},
		{BuildOptions{Dataset: Dataset{Lang: "en"}, Print: PrintOptions{Duplex: layout.DuplexShort, InkSaver: true}}, []string{"personas-a4-en-short-ink.pdf"}},
		{BuildOptions{Print: PrintOptions{Faces: layout.BacksOnly}}, []string{"personas-a4-backs.pdf"}},
		{BuildOptions{Print: PrintOptions{Split: true}}, []string{"personas-a4-fronts.pdf", "personas-a4-backs.pdf"}},
		{BuildOptions{Print: PrintOptions{BackOffset: &offset}}, []string{"personas-a4-offset.pdf"}},
		{BuildOptions{Print: PrintOptions{Duplex: layout.DuplexLong}}, []string{"personas-a4.pdf"}}, // the layout's own
		{BuildOptions{Print: PrintOptions{Duplex: layout.DuplexNone}}, []string{"personas-a4-none.pdf"}},
		{BuildOptions{Select: deck.Selection{Only: []string{"koffi", "hao"}}}, []string{"personas-a4-koffi-hao.pdf"}},
		{BuildOptions{Select: deck.Selection{Exclude: []string{"kim"}}}, []string{"personas-a4-selection.pdf"}},
		{BuildOptions{Select: deck.Selection{Sort: deck.SortName}}, []string{"personas-a4-by-name.pdf"}},
		{BuildOptions{Layouts: []string{mine}}, []string{"personas-mine.pdf"}},
		{BuildOptions{Layouts: []string{impostor}}, []string{"personas-school.pdf"}},
		{BuildOptions{Layouts: []string{builtinStem, "tarot"}}, []string{"personas-tarot-custom.pdf", "personas-tarot.pdf"}},
		{BuildOptions{Dataset: Dataset{Path: mini}, Layouts: []string{"a4-fold"}}, []string{"mini-a4-fold.pdf"}},
	} {
		res, err := Build(tt.opts)
		if err != nil {
			t.Errorf("%+v: %v", tt.opts, err)
			continue
		}
		if got := names(res); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: %q, want %q", tt.opts, got, tt.want)
		}
	}
}

// TestBuildKeepsNumbers: issue 10 §4. A card printed alone, or with others
// left out, keeps its number in the whole deck (Koffi is 2/20; Lucia, 7th,
// stays 7/20 without Kim).
func TestBuildKeepsNumbers(t *testing.T) {
	t.Parallel()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	ed, _, err := Load(Dataset{})
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := LoadLayout("a4")
	for _, tt := range []struct {
		sel  deck.Selection
		id   string
		want string
	}{
		{deck.Selection{Only: []string{"koffi"}}, "koffi", "2/20"},
		{deck.Selection{Exclude: []string{"kim"}}, "walter", "16/20"},
		{deck.Selection{Categories: []string{"creation"}, Sort: deck.SortName}, "lucia", "7/20"},
	} {
		d, err := selectCards(ed.Deck, tt.sel)
		if err != nil {
			t.Fatal(err)
		}
		cards, err := build.Compose(d, spec, fam)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(d.Personas, func(p deck.Persona) bool { return p.ID == tt.id })
		var found []string
		for _, tx := range cards.Faces[i][0].Text {
			if strings.Contains(tx.String(), "/") {
				found = append(found, tx.String())
			}
		}
		if !slices.Contains(found, tt.want) {
			t.Errorf("%+v: %s shows %q, want %s", tt.sel, tt.id, found, tt.want)
		}
	}
}

// TestEveryProblemAtOnce: issue 10 §6. A dataset's own problems and those
// found when its cards are set (a character the font lacks, a text too
// long) come out in the same run.
func TestEveryProblemAtOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, err := os.ReadFile(mini)
	if err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(string(src), "    role: Extractrice de terres rares\n", "    role: Extractrice de terres rares\n    rôle: x\n", 1)
	yaml = strings.Replace(yaml, "Pas d'équipement", "Pas d'équipement \U0001F642", 1)
	csv := "titre;Deck\nnom;rôle;pays;texte;conditions;identifiant\n" +
		"Hao;Extractrice;Chine;Je démonte ☃.;Mal payé;hao\n" +
		"Hao;Annotatrice;Chine;Je classe.;Répétitif;hao\n"
	for _, tt := range []struct {
		file  string
		wants []string
	}{
		{writeFile(t, dir, "deck.yaml", yaml), []string{`field "rôle": unknown field`, "U+1F642"}},
		{writeFile(t, dir, "deck.csv", csv), []string{"id used twice", "U+2603"}},
	} {
		for _, op := range []func() error{
			func() error { _, err := Build(BuildOptions{Dataset: Dataset{Path: tt.file}}); return err },
			func() error {
				rep, err := Validate(ValidateOptions{Dataset: Dataset{Path: tt.file}})
				return errors.Join(err, rep.Problems.Err())
			},
		} {
			err := op()
			var l diag.List
			if !errors.As(err, &l) {
				t.Fatalf("%s: %v", tt.file, err)
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%s: no %q in\n%v", filepath.Base(tt.file), w, err)
				}
			}
		}
	}
}

// TestUntitledDeck: issue 10 §6. A spreadsheet without a title prints none
// (not its file's name on every card) and says how to give one, without
// failing the build.
func TestUntitledDeck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	body := "nom;rôle;pays;texte;conditions\nHao;Extractrice;Chine;Je démonte.;Mal payé\n"
	for _, tt := range []struct {
		file, data string
		warn       string // "" for a titled deck
	}{
		{"mes-personas.csv", body, "titre;"},
		{"notes.md", "### Hao\n\nExtractrice\n\nChine\n\nJe démonte.\n\n- Mal payé\n", "# Mon titre"},
		{"titled.csv", "titre;Mon jeu\n" + body, ""},
		{"titled.md", "# Mon jeu\n\n### Hao\n\nExtractrice\n\nChine\n\nJe démonte.\n\n- Mal payé\n", ""},
	} {
		path := writeFile(t, dir, tt.file, tt.data)
		res, err := Build(BuildOptions{Dataset: Dataset{Path: path}, Layouts: []string{"tarot"}})
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		// The SVG of the front has its text as text.
		pics, err := Preview(PreviewOptions{Dataset: Dataset{Path: path}, Format: SVG, EmbedFonts: true, Faces: layout.FrontsOnly})
		if err != nil {
			t.Fatal(err)
		}
		front := string(pics.Files[0].Data)
		stem := strings.TrimSuffix(tt.file, filepath.Ext(tt.file))
		if tt.warn == "" {
			if len(res.Warnings) != 0 || len(pics.Warnings) != 0 {
				t.Errorf("%s: warnings %v", tt.file, res.Warnings)
			}
			if !strings.Contains(front, "Mon jeu") {
				t.Errorf("%s: the front does not show the title", tt.file)
			}
			continue
		}
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings.Error(), tt.warn) {
			t.Errorf("%s: warnings %v, want one saying %q", tt.file, res.Warnings, tt.warn)
		}
		if strings.Contains(front, stem) || !strings.Contains(front, "Hao") {
			t.Errorf("%s: the front shows the file's name %q, or not the persona", tt.file, stem)
		}
	}
}

// TestDuplexNoneSummary: issue 10 §7. Printing every front, then every
// back, the summary says which pages come first, how to put the stack
// back, and which pages next.
func TestDuplexNoneSummary(t *testing.T) {
	t.Parallel()
	res, err := Build(BuildOptions{Print: PrintOptions{Duplex: layout.DuplexNone}})
	if err != nil {
		t.Fatal(err)
	}
	p := res.PDFs[0]
	got := p.HowToPrint()
	for _, w := range []string{"print pages 1–5 (the fronts)", "put the printed sheets back in the paper tray, turned over on their long edge", "print pages 6–10 (the backs)"} {
		if !strings.Contains(got, w) {
			t.Errorf("no %q in %q", w, got)
		}
	}
	if p.FrontPages != 5 || p.Pages != 10 {
		t.Errorf("front pages %d of %d, want 5 of 10", p.FrontPages, p.Pages)
	}
	res, _ = Build(BuildOptions{Select: deck.Selection{Only: []string{"hao"}}, Print: PrintOptions{Duplex: layout.DuplexNone}})
	if got := res.PDFs[0].HowToPrint(); !strings.Contains(got, "print page 1 (the fronts)") || !strings.Contains(got, "print page 2 (the backs)") {
		t.Errorf("one card: %q", got)
	}
}

// TestOptionErrors: what is wrong with options names the option and what is
// allowed, never a flag.
func TestOptionErrors(t *testing.T) {
	t.Parallel()
	big := geom.Point{X: 20, Y: 20}
	for _, tt := range []struct {
		opts BuildOptions
		opt  Option
		want string
	}{
		{BuildOptions{Print: PrintOptions{Faces: "sides"}}, OptFaces, `faces "sides": use both, fronts or backs`},
		{BuildOptions{Print: PrintOptions{Duplex: "sideways"}}, OptDuplex, `duplex "sideways": use long, short or none`},
		{BuildOptions{Print: PrintOptions{Split: true, Faces: layout.FrontsOnly}}, OptSplit, "split writes both fronts and backs, each in its own file: leave out faces, or leave out split"},
		// Only the options given are named: the web server offers no faces or split.
		{BuildOptions{Layouts: []string{"a4-fold"}, Print: PrintOptions{Duplex: layout.DuplexShort}}, OptLayout, "folding: duplex does not apply to it"},
		{BuildOptions{Layouts: []string{"a4-fold"}, Print: PrintOptions{Duplex: layout.DuplexShort, BackOffset: &geom.Point{X: 1}}}, OptLayout, "folding: duplex and back offset do not apply to it"},
		{BuildOptions{Print: PrintOptions{BackOffset: &big}}, OptBackOffset, `back offset "20,20": moves the backs of layout a4 off the printable area`},
		{BuildOptions{Layouts: []string{"a5"}}, OptLayout, `layout "a5": unknown layout: did you mean`},
		{BuildOptions{Dataset: Dataset{Lang: "de"}}, OptLang, `language "de": the deck has no edition in this language; it has: fr, en`},
		{BuildOptions{Select: deck.Selection{Only: []string{}}}, OptOnly, `only "": names no persona`},
		{BuildOptions{Select: deck.Selection{Categories: []string{"extration"}}}, OptCategory, `category "extration": unknown category; did you mean "extraction"?`},
	} {
		_, err := Build(tt.opts)
		var oe *OptionError
		if !errors.As(err, &oe) || oe.Option != tt.opt || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v; want an error about %s: %q", tt.opts, err, tt.opt, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "--") {
			t.Errorf("%+v: %v names a flag", tt.opts, err)
		}
	}
}

// TestProgress: a long build reports its stages; a short one says nothing.
func TestProgress(t *testing.T) {
	t.Parallel()
	var buf strings.Builder
	if _, err := Build(BuildOptions{Progress: &buf}); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("a 20-card build reported progress: %q", buf.String())
	}
	if _, err := Build(BuildOptions{Progress: &buf, ProgressFrom: 1}); err != nil {
		t.Fatal(err)
	}
	for _, stage := range []string{"composing 20 cards for layout a4", "rendering layout a4"} {
		if !strings.Contains(buf.String(), stage) {
			t.Errorf("no %q in:\n%s", stage, buf.String())
		}
	}
}

// TestFace: one face of one card, as the web page previews it: named as
// preview names it, numbered as in the whole deck.
func TestFace(t *testing.T) {
	t.Parallel()
	f, err := Face(FaceOptions{Card: "koffi", Side: layout.Front, Format: SVG, EmbedFonts: true, Dataset: Dataset{Lang: "en"}})
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "personas-tarot-en-koffi-front.svg" || !strings.Contains(string(f.Data), "2/20") || !strings.Contains(string(f.Data), "<svg") {
		t.Errorf("%s: %.80q", f.Name, f.Data)
	}
	if _, err := Face(FaceOptions{Card: "kofi"}); err == nil || !strings.Contains(err.Error(), `did you mean "koffi"`) {
		t.Errorf("unknown card: %v", err)
	}
}

// TestBuildFromBytes: the web server sends a dataset's bytes, named.
func TestBuildFromBytes(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(mini)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(BuildOptions{Dataset: Dataset{Path: "upload/mon-jeu.yaml", Data: data}, Layouts: []string{"a4", "tarot"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res); !slices.Equal(got, []string{"mon-jeu-a4.pdf", "mon-jeu-tarot.pdf"}) {
		t.Errorf("names %q", got)
	}
	// A working copy of an edition is named as that edition is.
	en := strings.Replace(string(data), "language: fr", "language: en", 1)
	res, err = Build(BuildOptions{Dataset: Dataset{Path: "upload/mon-jeu.yaml", Data: []byte(en), Edition: "en"}})
	if err != nil || names(res)[0] != "mon-jeu-a4-en.pdf" {
		t.Errorf("an edition's copy: %v, %v", names(res), err)
	}
	for _, p := range res.PDFs {
		if !strings.HasPrefix(string(p.Data), "%PDF-") || p.Cards != 2 {
			t.Errorf("%s: %d cards, %.8q", p.Name, p.Cards, p.Data)
		}
	}
}

// TestBuildFromFS: a dataset read from a folder given as an fs.FS (the web
// server's upload) gives the PDF the same dataset gives from the file
// system, pictures included; messages name the file as given, and nothing
// outside the folder is read.
func TestBuildFromFS(t *testing.T) {
	t.Parallel()
	good := filepath.Join("..", "..", "testdata", "datasets", "good")
	want, err := Build(BuildOptions{Dataset: Dataset{Path: filepath.Join(good, "rich.yaml")}})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(good, "rich.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ds := range []Dataset{{Path: "rich.yaml", FS: os.DirFS(good)}, {Path: "rich.yaml", Data: data, FS: os.DirFS(good)}} {
		got, err := Build(BuildOptions{Dataset: ds})
		if err != nil {
			t.Fatal(err)
		}
		if got.PDFs[0].Name != want.PDFs[0].Name || string(got.PDFs[0].Data) != string(want.PDFs[0].Data) {
			t.Errorf("from the folder (bytes given: %v): %s differs from %s", ds.Data != nil, got.PDFs[0].Name, want.PDFs[0].Name)
		}
	}
	// The same folder without its pictures: each problem names the file
	// as given.
	_, err = Build(BuildOptions{Dataset: Dataset{Path: "rich.yaml", Data: data, FS: os.DirFS(t.TempDir())}})
	var l diag.List
	if !errors.As(err, &l) || len(l) == 0 {
		t.Fatalf("without the pictures: %v", err)
	}
	for _, p := range l {
		if p.File != "rich.yaml" || p.Field != "image" || !strings.Contains(p.Msg, "not found") {
			t.Errorf("problem %+v", p)
		}
	}
}

// TestFaceNamesTheCard: an unknown card is the card option's error.
func TestFaceNamesTheCard(t *testing.T) {
	t.Parallel()
	var oe *OptionError
	_, err := Face(FaceOptions{Card: "kofi"})
	if !errors.As(err, &oe) || oe.Option != OptCard || oe.Value != "kofi" {
		t.Errorf("%v", err)
	}
}

// TestWorkingCopyOfAnUntitledDeck: the web page's working copy (JSON) of a
// spreadsheet that gives no title builds the PDF the spreadsheet builds,
// and exports as the spreadsheet exports.
func TestWorkingCopyOfAnUntitledDeck(t *testing.T) {
	t.Parallel()
	csv := []byte("id;nom;métier;pays;code_pays;catégorie;texte;conditions\r\na;A;R;France;FR;ex;Je trie.;X\r\n")
	folder := fstest.MapFS{}
	original := Dataset{Path: "mes-cartes.csv", Data: csv, FS: folder}
	ed, _, err := Load(original)
	if err != nil || TitleGiven(ed.Deck) {
		t.Fatalf("the spreadsheet gives a title (%q), or: %v", ed.Title, err)
	}
	copyJSON, _, err := Export(ExportOptions{Dataset: original, To: "json"})
	if err != nil {
		t.Fatal(err)
	}
	working := Dataset{Path: "mes-cartes.json", Data: copyJSON, FS: folder, NoTitle: true}
	want, err := Build(BuildOptions{Dataset: original})
	if err != nil {
		t.Fatal(err)
	}
	for _, ds := range []Dataset{working, {Path: "mes-cartes.json", Data: copyJSON, FS: folder}} {
		got, err := Build(BuildOptions{Dataset: ds})
		if err != nil {
			t.Fatal(err)
		}
		if same := string(got.PDFs[0].Data) == string(want.PDFs[0].Data); same != ds.NoTitle || got.PDFs[0].Name != want.PDFs[0].Name {
			t.Errorf("NoTitle %v: %s, the same PDF as the spreadsheet's: %v", ds.NoTitle, got.PDFs[0].Name, same)
		}
	}
	a, _, err := Export(ExportOptions{Dataset: original, To: "csv"})
	b, _, err2 := Export(ExportOptions{Dataset: working, To: "csv"})
	if err != nil || err2 != nil || string(a) != string(b) {
		t.Errorf("the copy exports otherwise: %v %v\n%s\n%s", err, err2, a, b)
	}
	set, err := Faces(context.Background(), FacesOptions{Dataset: working, Format: SVG})
	if err != nil || strings.Contains(faceText(set.Cards[0].Front), "mes-cartes") {
		t.Errorf("the copy's face shows the file's name: %v", err)
	}
}
