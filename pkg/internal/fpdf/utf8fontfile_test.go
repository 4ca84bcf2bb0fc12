// Copyright ©2025 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"sync"
	"testing"
)

// TestUTF8FontBytesUnchanged checks that writing documents leaves the
// bytes of their UTF-8 font as they were, so that documents written at
// once may share them. The glyphs of the text lie past the font's
// horizontal metrics (numberOfHMetrics, here made small), whose metrics
// the subset assembles from two places of the hmtx table: that must not
// write into the font.
func TestUTF8FontBytesUnchanged(t *testing.T) {
	ttf, err := os.ReadFile("font/DejaVuSansCondensed.ttf")
	if err != nil {
		t.Fatal(err)
	}
	utf := newUTF8Font(&fileReader{array: ttf})
	if err := utf.parseFile(); err != nil {
		t.Fatal(err)
	}
	// Every glyph from the 100th shares the last advance width: a valid
	// font, as fonts of monospaced glyphs are.
	binary.BigEndian.PutUint16(ttf[utf.tableDescriptions["hhea"].position+34:], 100)
	orig := bytes.Clone(ttf)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pdf := New("P", "mm", "A4", "")
			pdf.AddUTF8FontFromBytes("dejavu", "", ttf)
			pdf.AddPage()
			pdf.SetFont("dejavu", "", 12)
			pdf.Text(10, 20, "Ĳsselmeer, Œuvre, Ωmega, Жук, ħ")
			errs[i] = pdf.Output(io.Discard)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range ttf {
		if ttf[i] != orig[i] {
			t.Fatalf("writing the documents changed the font's bytes, from offset %d", i)
		}
	}
}
