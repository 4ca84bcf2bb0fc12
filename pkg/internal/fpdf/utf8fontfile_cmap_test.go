// Copyright ©2025 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestCMAPDictionaries checks the character and glyph dictionaries that
// generateCMAP reads from a font's cmap, for every TrueType font of font/,
// against a reading of the cmap's format 4 subtable written here from the
// OpenType specification: every character maps to its glyph, and each
// glyph lists exactly the characters that map to it.
func TestCMAPDictionaries(t *testing.T) {
	files, _ := filepath.Glob("font/*.ttf")
	if len(files) < 2 {
		t.Fatalf("%d TrueType fonts in font/", len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		want := cmapFormat4(t, data)
		// As GenerateCutFont reads it.
		utf := newUTF8Font(&fileReader{array: data})
		utf.tableDescriptions = make(map[string]*tableDescription)
		utf.skip(4)
		utf.generateTableDescriptions()
		symbolChars := utf.generateCMAP()
		if len(utf.charSymbolDictionary) != len(want) {
			t.Errorf("%s: %d characters, want %d", file, len(utf.charSymbolDictionary), len(want))
		}
		for c, gi := range want {
			if got, ok := utf.charSymbolDictionary[c]; !ok || got != gi {
				t.Fatalf("%s: U+%04X maps to glyph %d (%v), want %d", file, c, got, ok, gi)
			}
			if !slices.Contains(symbolChars[gi], c) {
				t.Fatalf("%s: glyph %d does not list U+%04X", file, gi, c)
			}
		}
		n := 0
		for gi, chars := range symbolChars {
			for _, c := range chars {
				n++
				if want[c] != gi {
					t.Fatalf("%s: glyph %d lists U+%04X, which maps to %d", file, gi, c, want[c])
				}
			}
		}
		if n != len(want) {
			t.Errorf("%s: the glyphs list %d characters, want %d", file, n, len(want))
		}
	}
}

// cmapFormat4 reads the Unicode BMP (format 4) subtable of a TrueType
// font's cmap: every character of its segments and its glyph.
func cmapFormat4(t *testing.T, data []byte) map[int]int {
	t.Helper()
	u16 := func(at int) int { return int(binary.BigEndian.Uint16(data[at:])) }
	u32 := func(at int) int { return int(binary.BigEndian.Uint32(data[at:])) }
	cmap := -1
	for i := range u16(4) {
		if rec := 12 + 16*i; string(data[rec:rec+4]) == "cmap" {
			cmap = u32(rec + 8)
		}
	}
	if cmap < 0 {
		t.Fatal("no cmap table")
	}
	sub := -1
	for i := range u16(cmap + 2) {
		rec := cmap + 4 + 8*i
		platform, encoding, at := u16(rec), u16(rec+2), cmap+u32(rec+4)
		if (platform == 3 && encoding == 1 || platform == 0) && u16(at) == 4 {
			sub = at
			break
		}
	}
	if sub < 0 {
		t.Fatal("no format 4 cmap")
	}
	segs := u16(sub+6) / 2
	ends, starts := sub+14, sub+16+2*segs
	deltas, offsets := starts+2*segs, starts+4*segs
	out := map[int]int{}
	for i := range segs {
		start, end, delta, offset := u16(starts+2*i), u16(ends+2*i), u16(deltas+2*i), u16(offsets+2*i)
		for c := start; c <= end; c++ {
			gi := 0
			if offset == 0 {
				gi = (c + delta) & 0xFFFF
			} else if at := offsets + 2*i + offset + 2*(c-start); at+2 <= sub+u16(sub+2) {
				if gi = u16(at); gi != 0 {
					gi = (gi + delta) & 0xFFFF
				}
			}
			out[c] = gi
		}
	}
	return out
}
