package deck_test

import (
	"bytes"
	"errors"
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
	for _, format := range deck.Formats {
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
