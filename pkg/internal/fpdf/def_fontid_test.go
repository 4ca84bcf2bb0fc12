// Copyright ©2025 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestGenerateFontIDAsMarshal checks that generateFontID, which writes the
// character widths straight into the hash, gives the SHA-1 of the whole
// definition's JSON, as it did by marshalling it: for the UTF-8 fonts of
// font/ as AddUTF8FontFromBytes defines them, for the JSON definitions of
// font/, and for definitions with no widths, no width at all, negative
// widths and names to escape.
func TestGenerateFontIDAsMarshal(t *testing.T) {
	want := func(fdt fontDefType) string {
		fdt.File = ""
		b, err := json.Marshal(&fdt)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%x", sha1.Sum(b))
	}
	var defs []fontDefType
	ttfs, _ := filepath.Glob("font/*.ttf")
	for _, file := range ttfs {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		utf := newUTF8Font(&fileReader{array: data})
		if err := utf.parseFile(); err != nil {
			t.Fatal(err)
		}
		defs = append(defs, fontDefType{Tp: "UTF8", Name: file, Up: int(utf.UnderlinePosition), Ut: round(utf.UnderlineThickness),
			Cw: utf.CharWidths, Desc: FontDescType{Ascent: int(utf.Ascent), Descent: int(utf.Descent), FontBBox: utf.Bbox}})
	}
	jsons, _ := filepath.Glob("font/*.json")
	for _, file := range jsons {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var def fontDefType
		if err := json.Unmarshal(data, &def); err != nil {
			t.Fatal(err)
		}
		defs = append(defs, def)
	}
	if len(ttfs) < 2 || len(jsons) < 2 {
		t.Fatalf("%d TrueType fonts and %d JSON definitions in font/", len(ttfs), len(jsons))
	}
	defs = append(defs,
		fontDefType{Tp: "TrueType", Name: `"Cw":null <&> é`, Cw: []int{-1, 0, 65535, 1 << 40}, Enc: `"Cw":null`, Diff: "1 /a", File: "x.z", Size1: 3, N: 7},
		fontDefType{Tp: "Core", Name: "Courier"},
		fontDefType{Tp: "Core", Name: "Courier", Cw: []int{}},
	)
	for _, def := range defs {
		got, err := generateFontID(def)
		if err != nil {
			t.Fatal(err)
		}
		if w := want(def); got != w {
			t.Errorf("%s: ID %s, the SHA-1 of its JSON is %s", def.Name, got, w)
		}
	}
}

// BenchmarkGenerateFontID is the ID of a UTF-8 font's definition.
func BenchmarkGenerateFontID(b *testing.B) {
	data, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		b.Fatal(err)
	}
	utf := newUTF8Font(&fileReader{array: data})
	if err := utf.parseFile(); err != nil {
		b.Fatal(err)
	}
	def := fontDefType{Tp: "UTF8", Name: "dejavu", Cw: utf.CharWidths}
	for b.Loop() {
		if _, err := generateFontID(def); err != nil {
			b.Fatal(err)
		}
	}
}
