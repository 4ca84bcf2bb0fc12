package deck_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// TestExcelCSV reads a CSV saved as French Excel saves it: semicolons,
// Windows-1252 bytes, CRLF, multi-line quoted cells, French headers.
func TestExcelCSV(t *testing.T) {
	t.Parallel()
	path := filepath.Join(good, "excel-fr.csv")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte{0xE9}) || !bytes.Contains(raw, []byte("\r\n")) || bytes.Contains(raw, []byte("\xc3\xa9")) {
		t.Fatal("the fixture is not in Windows-1252 with CRLF any more")
	}
	d, err := deck.Load(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "excel-fr" || d.Language != "fr" || d.Author != "" || d.Format != "csv" {
		t.Errorf("metadata: %q %q %q %q", d.Title, d.Language, d.Author, d.Format)
	}
	want := []deck.Persona{
		{ID: "hao", Name: "Hao", Role: "Extractrice de terres rares", Country: "Chine", CountryCode: "CN", Category: "extraction",
			Text:       "Je démonte de vieux smartphones pour récupérer des « terres rares ».",
			Conditions: []string{"Travail mal payé", "Conditions très dures", "Pas d’équipement"},
			Impact:     "Contact de produits chimiques toxiques.", Copies: 2, Tags: []string{"mines", "Asie"}},
		{ID: "koffi", Name: "Koffi", Role: "Extracteur de cobalt", Country: "République démocratique du Congo", CountryCode: "CD", Category: "extraction",
			Text:       "J’extrais le cobalt ; la main-d’œuvre est payée 2 € par jour…",
			Conditions: []string{"Travail dangereux", "Températures hautes"}},
		{ID: "lea", Name: "Léa", Role: "Enseignante", Country: "France", CountryCode: "FR", Category: "education-populaire",
			Text:       "Je prépare des ateliers où l’on « démonte » l’IA.",
			Conditions: []string{"Stress", "Précarité"}},
		{ID: "francois", Name: "François", Role: "Annotateur", Country: "Côte d'Ivoire", CountryCode: "CI", Category: "clickwork",
			Text:       "Je classe des images ; ça paie 0,50 € l’heure.\nC’est dur.",
			Conditions: []string{"Rythme élevé", "Âge moyen : 24 ans"},
			Impact:     "L’électricité vient du réseau ; coupures fréquentes.", Tags: []string{"clic", "Afrique de l’Ouest"}},
	}
	got := content(d)
	if len(got.Personas) != len(want) {
		t.Fatalf("%d personas, want %d", len(got.Personas), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got.Personas[i], want[i]) {
			t.Errorf("persona %d:\n got %#v\nwant %#v", i+1, got.Personas[i], want[i])
		}
	}
	// Built-in categories by label and by id, a new one from the palette.
	cats := fmt.Sprint(got.Categories)
	if cats != "[{extraction Extraction de matières premières #8A4B14 {0 0  } map[]} {education-populaire Éducation populaire #37474F {0 0  } map[]} {clickwork Travail du clic #7B3F8C {0 0  } map[]}]" {
		t.Errorf("categories = %s", cats)
	}
	// Positions: physical lines of the records and of each condition in a multi-line cell.
	hao, koffi := d.Personas[0], d.Personas[1]
	if hao.Pos.Line != 2 || koffi.Pos.Line != 5 || hao.Where("conditions[2]").Line != 3 || hao.Where("conditions[3]").Line != 4 {
		t.Errorf("positions: hao %v %v, koffi %v", hao.Pos, hao.Fields, koffi.Pos)
	}
	if ref := hao.Where("copies").Cell; ref != "I2" {
		t.Errorf("copies cell = %q, want I2", ref)
	}
	if c := koffi.Where("text").Cell; c != "F3" {
		t.Errorf("koffi's text is in cell %q, want F3 (row 3 of the spreadsheet)", c)
	}
	// The coverage check locates characters in the decoded text.
	if pos := d.Locate('€', koffi.Where("text")); pos.Line != 6 || pos.Column != 107 {
		t.Errorf("€ located at %v", pos)
	}
}

func TestJSONDeck(t *testing.T) {
	t.Parallel()
	d, err := deck.Load(filepath.Join(good, "deck.json"), "")
	if err != nil {
		t.Fatal(err)
	}
	hao := d.Personas[0]
	if hao.Copies != 3 || hao.Count() != 3 || d.Personas[1].Count() != 1 || !reflect.DeepEqual(hao.Tags, []string{"mines", "Asie"}) || hao.Image != "images/portrait.png" {
		t.Errorf("hao = %+v", hao)
	}
	if got := d.Personas[1].Text; !strings.Contains(got, "— et qui les a \"nettoyées\"") {
		t.Errorf("escapes: %q", got)
	}
	if pos := hao.Where("conditions[2]"); pos != (deck.Pos{Line: 16, Column: 42}) {
		t.Errorf("conditions[2] at %v, want 16:42", pos)
	}
	if d.Dir != good {
		t.Errorf("Dir = %q, want %q", d.Dir, good)
	}
	f, err := d.OpenImage(&d.Personas[1])
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// sourceFixes are the differences between the workshop's Markdown source
// and the embedded deck: the slips the deck fixes (final full stops,
// capitals, typos) and its typography. Names, roles, countries and
// country codes are the same.
var sourceFixes = map[[2]string][2]string{
	{"hao", "conditions[5]"}:       {"Sécurité non prise en compte.", "Sécurité non prise en compte"},
	{"koffi", "impact"}:            {"La zone est polluée ; exposition à des produits toxiques", "La zone est polluée ; exposition à des produits toxiques."},
	{"koffi", "conditions[4]"}:     {"conditions contraires aux droits humains", "Conditions contraires aux droits humains"},
	{"koffi", "conditions[5]"}:     {"faiblement rémunéré.", "Faiblement rémunéré"},
	{"fara", "text"}:               {"…modèles d'IA", "…modèles d'IA."},
	{"fara", "conditions[2]"}:      {"Pas de protection sociale.", "Pas de protection sociale"},
	{"sana", "conditions[4]"}:      {"Dépendance à des grands entreprises", "Dépendance à des grandes entreprises"},
	{"emma", "text"}:               {"…amélioration des IA)", "…amélioration des IA)."},
	{"lucia", "text"}:              {"…pour entraîner l'IA", "…pour entraîner l'IA."},
	{"lucia", "conditions[1]"}:     {"…sans me rémunérer.", "…sans me rémunérer"},
	{"chen", "impact"}:             {"…de matières premières", "…de matières premières."},
	{"mikko", "impact"}:            {"…data centers ; Il y a…", "…data centers ; il y a…"},
	{"mikko", "conditions[2]"}:     {"…Google ou Microsoft.", "…Google ou Microsoft"},
	{"arjun", "conditions[6]"}:     {"…contenus violents.", "…contenus violents"},
	{"kim", "conditions[2]"}:       {"…génératives d'images.", "…génératives d'images"},
	{"akinyi", "conditions[1]"}:    {"Salaire bas : 1,50$/heure", "Salaire bas : 1,50 $/heure"},
	{"akinyi", "conditions[2]"}:    {"Pas de congés payés.", "Pas de congés payés"},
	{"akinyi", "conditions[3]"}:    {"…conditions de travail.", "…conditions de travail"},
	{"walter", "conditions[1]"}:    {"Pas de réattribution financière.", "Pas de réattribution financière"},
	{"carlos", "text"}:             {"…qui sont mises à l'écart.", "…qui sont mis à l'écart."},
	{"carlos", "conditions[2]"}:    {"fatigue : demande de =forte concentration)", "Fatigue : demande de forte concentration"},
	{"carlos", "conditions[3]"}:    {"travail peu reconnu", "Travail peu reconnu"},
	{"maria-luz", "text"}:          {"…(*OpenAI, Meta*) Pour identifier… torture, etc).", "…(*OpenAI, Meta*) pour identifier… torture, etc.)."},
	{"maria-luz", "conditions[4]"}: {"Rémunération insuffisante.", "Rémunération insuffisante"},
}

// TestMarkdownSource reads the workshop's Markdown source: the same 20
// personas as the embedded deck, apart from the listed fixes and what the
// source does not say (categories, deck metadata).
func TestMarkdownSource(t *testing.T) {
	t.Parallel()
	paths := []string{filepath.Join(good, "personas-source.md")}
	if shared := "../../../shared/source/personas-source.md"; fileExists(shared) {
		paths = append(paths, shared)
	}
	def, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			md, err := deck.Load(path, "")
			if err != nil {
				t.Fatal(err)
			}
			if md.Title != "personas-source" || md.Language != "fr" || len(md.Categories) != 1 || md.Categories[0].ID != deck.DefaultCategory.ID {
				t.Errorf("deck: %q %q %v", md.Title, md.Language, md.Categories)
			}
			if len(md.Personas) != len(def.Personas) {
				t.Fatalf("%d personas, want %d", len(md.Personas), len(def.Personas))
			}
			seen := map[[2]string]bool{}
			for i := range def.Personas {
				a, b := md.Personas[i], def.Personas[i]
				if a.Category != deck.DefaultCategory.ID {
					t.Errorf("%s: category %q", a.ID, a.Category)
				}
				check := func(field, got, want string) {
					if got == want {
						return
					}
					key := [2]string{b.ID, field}
					if _, known := sourceFixes[key]; !known {
						t.Errorf("%s: %s = %q, want %q (not a listed source fix)", b.ID, field, got, want)
					}
					seen[key] = true
				}
				for _, f := range [][3]string{{"id", a.ID, b.ID}, {"name", a.Name, b.Name}, {"role", a.Role, b.Role},
					{"country", a.Country, b.Country}, {"country_code", a.CountryCode, b.CountryCode}, {"text", a.Text, b.Text}, {"impact", a.Impact, b.Impact}} {
					check(f[0], f[1], f[2])
				}
				if len(a.Conditions) != len(b.Conditions) {
					t.Errorf("%s: %d conditions, want %d", b.ID, len(a.Conditions), len(b.Conditions))
					continue
				}
				for j := range b.Conditions {
					check(fmt.Sprintf("conditions[%d]", j+1), a.Conditions[j], b.Conditions[j])
				}
			}
			for key := range sourceFixes {
				if !seen[key] {
					t.Errorf("listed fix %v no longer differs", key)
				}
			}
		})
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// luminance is WCAG's relative luminance (package deck's).
func luminance(c deck.RGB) float64 { return c.Luminance() }

// lab converts to CIE L*a*b* (D65), to measure how far apart colours look.
func lab(c deck.RGB) [3]float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	r, g, b := lin(c.R), lin(c.G), lin(c.B)
	x := (0.4124*r + 0.3576*g + 0.1805*b) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*b
	z := (0.0193*r + 0.1192*g + 0.9505*b) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

func TestPalette(t *testing.T) {
	if len(deck.Palette) < 8 {
		t.Errorf("%d colours, want at least 8", len(deck.Palette))
	}
	var all []deck.RGB
	for _, c := range deck.BuiltinCategories() {
		all = append(all, c.Color)
	}
	for i, c := range deck.Palette {
		if ratio := 1.05 / (luminance(c) + 0.05); ratio < 4.5 {
			t.Errorf("%v: contrast with white %.2f:1, want at least 4.5:1", c, ratio)
		}
		// Distinct from the built-in categories and from one another (ΔE*76).
		for j, o := range append(all, deck.Palette[:i]...) {
			a, b := lab(c), lab(o)
			if d := math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2])); d < 15 {
				t.Errorf("%v and %v (%d) look alike: ΔE %.1f", c, o, j, d)
			}
		}
	}
	if deck.DefaultCategory.Color != deck.Palette[0] {
		t.Errorf("the default category's colour is not the palette's first")
	}
}

func TestFlatCategories(t *testing.T) {
	src := "nom;rôle;pays;texte;conditions;catégorie\n" +
		"A;R;France;T;C;EXTRACTION\n" +
		"B;R;France;T;C;travail du clic\n" +
		"C;R;France;T;C;Modération\n" +
		"D;R;France;T;C;moderation\n" +
		"E;R;France;T;C;Jeux vidéo\n" +
		"F;R;France;T;C;jeux video\n" +
		"G;R;France;T;C;Sport\n" +
		"H;R;France;T;C;\n"
	d, err := deck.Read("cats.csv", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range d.Personas {
		got = append(got, p.Category)
	}
	if want := "extraction clickwork moderation moderation jeux-video jeux-video sport personas"; strings.Join(got, " ") != want {
		t.Errorf("categories = %q, want %q", strings.Join(got, " "), want)
	}
	colors := map[string]deck.RGB{}
	for _, c := range d.Categories {
		colors[c.ID] = c.Color
	}
	if colors["jeux-video"] != deck.Palette[0] || colors["sport"] != deck.Palette[1] || colors["personas"] != deck.Palette[2] || colors["extraction"] != (deck.RGB{0x8A, 0x4B, 0x14}) {
		t.Errorf("colours = %v", colors)
	}
	if c := d.Category("jeux-video"); c.Label != "Jeux vidéo" {
		t.Errorf("label = %q", c.Label)
	}
}

func TestCountryCode(t *testing.T) {
	for name, want := range map[string]string{
		"Chine": "CN", "République démocratique du Congo": "CD", "France": "FR", "Madagascar": "MG", "Tunisie": "TN",
		"Canada": "CA", "Espagne": "ES", "Taiwan": "TW", "Taïwan": "TW", "Finlande": "FI", "Inde": "IN", "Colombie": "CO",
		"Corée": "KR", "Japon": "JP", "Kenya": "KE", "Grande-Bretagne": "GB", "Brésil": "BR", "Philippines": "PH",
		"grande bretagne": "GB", "les Philippines": "PH", "UNITED KINGDOM": "GB", "Côte d’Ivoire": "CI", "Etats-Unis": "US",
		"Congo": "", "Atlantide": "", "": "",
	} {
		if got := deck.CountryCode(name); got != want {
			t.Errorf("CountryCode(%q) = %q, want %q", name, got, want)
		}
		if want != "" && !deck.IsCountryCode(want) {
			t.Errorf("%s is not a valid code", want)
		}
	}
}

func TestFormats(t *testing.T) {
	t.Parallel()
	csv := []byte("name,role,country,text,conditions\nAna,Miner,Chile,I dig.,Hard\n")
	if _, err := deck.Read("team.txt", csv, ""); err == nil || !strings.Contains(err.Error(), "--format") {
		t.Errorf("unknown extension: %v", err)
	}
	d, err := deck.Read("team.txt", csv, "CSV")
	if err != nil {
		t.Fatal(err)
	}
	// An English header makes an English deck; the file name gives the title.
	if d.Language != "en" || d.Title != "team" || d.Personas[0].CountryCode != "CL" {
		t.Errorf("deck = %q %q %+v", d.Language, d.Title, d.Personas[0])
	}
	if d, err := deck.Read("equipe.de.csv", csv, ""); err != nil || d.Language != "de" || d.Title != "equipe" {
		t.Errorf("language from the file name: %v %v", d, err)
	}
	if _, err := deck.ParseFormat("jsn"); err == nil || !strings.Contains(err.Error(), `did you mean "json"`) {
		t.Errorf("ParseFormat(jsn) = %v", err)
	}
	for name, want := range map[string]string{"a.yml": "yaml", "a.YAML": "yaml", "a.json": "json", "a.csv": "csv", "a.markdown": "md", "a.md": "md", "a.txt": "", "a": ""} {
		if got := deck.FormatOf(name); got != want {
			t.Errorf("FormatOf(%q) = %q, want %q", name, got, want)
		}
	}
	// LoadFile and LoadFS choose by extension too.
	if d, err := deck.LoadFile(filepath.Join(good, "deck.json")); err != nil || d.Format != "json" {
		t.Errorf("LoadFile: %v", err)
	}
}

func TestFlatNormalisation(t *testing.T) {
	src := "nom;rôle;pays;texte;conditions;étiquettes\r\n" +
		"\"Ana\r\nMaria  \";\"Mineuse\r\nde fond\";Chili  ;\"Je travaille  \r\n\r\n\r\nla nuit.  \";\"Dur  \r\n\r\nSale\";\"a,  b ,\"\r\n"
	d, err := deck.Read("n.csv", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	p := d.Personas[0]
	want := deck.Persona{ID: "ana-maria", Name: "Ana Maria", Role: "Mineuse de fond", Country: "Chili", CountryCode: "CL", Category: "personas",
		Text: "Je travaille\nla nuit.", Conditions: []string{"Dur", "Sale"}, Tags: []string{"a", "b"}}
	p.Pos, p.Fields = deck.Pos{}, nil
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got  %#v\nwant %#v", p, want)
	}
	// NFC in every format.
	md := "### Chloe\u0301\n\nRo\u0302le\n\nFrance\n\nTe\u0301xte\n\n- Cafe\u0301\n"
	d, err = deck.Read("n.md", []byte(md), "")
	if err != nil {
		t.Fatal(err)
	}
	if p := d.Personas[0]; p.Name != "Chloé" || p.Role != "Rôle" || p.Conditions[0] != "Café" || p.ID != "chloe" {
		t.Errorf("NFC: %+v", p)
	}
}

func TestMarkdownSyntax(t *testing.T) {
	src := "# Mon jeu\n\nLangue : en\nAuteur : Moi\n\n## Catégories\n\n- Mines et carrières (mine, #112233)\n- Travail du clic\n\n" +
		"**Ana**  \nMineuse  \nde fond\n\nPays : Chili\n\nJe travaille\\\nla nuit pour 5 \\$.\n\nUn second paragraphe.\n\n* Dur\n* Sale\n  et long\n\nImpact : Poussière.\n\n" +
		"Catégorie : mine\nExemplaires : 3\nÉtiquettes : a | b, c\nIdentifiant : ana-1\n\n---\n\n" +
		"### Bob\n\nRole\n\nAtlantis\n\nText.\n\n1. One\n2. Two\n\nImpact.\n\nCode pays : GR\nCategory: travail du clic\nImage : images/portrait.png\n"
	d, err := deck.Read(filepath.Join(good, "x.md"), []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Mon jeu" || d.Language != "en" || d.Author != "Moi" {
		t.Errorf("meta: %q %q %q", d.Title, d.Language, d.Author)
	}
	got := content(d)
	want := []deck.Persona{
		{ID: "ana-1", Name: "Ana", Role: "Mineuse de fond", Country: "Chili", CountryCode: "CL", Category: "mine",
			Text: "Je travaille\nla nuit pour 5 $.\nUn second paragraphe.", Conditions: []string{"Dur", "Sale et long"}, Impact: "Poussière.",
			Copies: 3, Tags: []string{"a", "b, c"}},
		{ID: "bob", Name: "Bob", Role: "Role", Country: "Atlantis", CountryCode: "GR", Category: "clickwork", Text: "Text.",
			Conditions: []string{"One", "Two"}, Impact: "Impact.", Image: "images/portrait.png"},
	}
	if !reflect.DeepEqual(got.Personas, want) {
		t.Errorf("got  %#v\nwant %#v", got.Personas, want)
	}
	if fmt.Sprint(got.Categories) != "[{mine Mines et carrières #112233 {0 0  } map[]} {clickwork Travail du clic #7B3F8C {0 0  } map[]}]" {
		t.Errorf("categories: %v", got.Categories)
	}
	ana := d.Personas[0]
	if ana.Where("conditions[2]").Line != 23 || ana.Where("country") != (deck.Pos{Line: 15, Column: 8}) || ana.Where("role").Line != 12 {
		t.Errorf("positions: %v", ana.Fields)
	}
}

func TestImages(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	png, err := os.ReadFile(filepath.Join(good, "images", "portrait.png"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(outside, "secret.png"), png, 0o644)
	os.Mkdir(filepath.Join(dir, "img"), 0o755)
	os.WriteFile(filepath.Join(dir, "img", "ok.png"), png, 0o644)
	if err := os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(dir, "img", "out.png")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(filepath.Join(dir, "img", "ok.png"), filepath.Join(dir, "in.png"))
	os.Symlink(outside, filepath.Join(dir, "linkdir"))
	os.WriteFile(filepath.Join(dir, "empty.png"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "pic.gif"), []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), 0o644)

	src := "nom;rôle;pays;texte;conditions;image\n"
	for _, img := range []string{"img/ok.png", `img\ok.png`, "in.png", "img/../img/ok.png", "img/out.png", "linkdir/secret.png", "empty.png", "pic.gif"} {
		src += "P;R;France;T;C;" + img + "\n"
	}
	path := filepath.Join(dir, "deck.csv")
	os.WriteFile(path, []byte(src), 0o644)
	_, err = deck.Load(path, "")
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, p := range l {
		if p.Field == "image" {
			got = append(got, fmt.Sprintf("%d cell %s: %s", p.Line, p.Cell, p.Msg))
		}
	}
	want := []string{
		`6 cell F6: "img/out.png" leads outside the dataset's folder (through a symbolic link)`,
		`7 cell F7: "linkdir/secret.png" leads outside the dataset's folder (through a symbolic link)`,
		`8 cell F8: "empty.png" is not a PNG or JPEG image`,
		`9 cell F9: "pic.gif" is not a PNG or JPEG image`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s\n(all: %v)", strings.Join(got, "\n"), strings.Join(want, "\n"), err)
	}
}
