package svg

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// subset returns a TrueType font holding only the glyphs of runes (and
// .notdef, and the parts of composite glyphs), renumbered from 0, with a
// character map for runes alone. Tables for shaping and kerning (GPOS,
// GSUB, GDEF, kern) are left out: the SVG places every run itself, as the
// PDF does, and browsers must not kern or make ligatures. Glyph outlines,
// metrics, hinting programs and the name table (with the font's copyright
// and licence) are kept as they are.
func subset(font []byte, runes []rune) ([]byte, error) {
	tables, err := readTables(font)
	if err != nil {
		return nil, err
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if tables[tag] == nil {
			return nil, fmt.Errorf("not a TrueType font: no %s table", tag)
		}
	}
	head, hhea, maxp := tables["head"], tables["hhea"], tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("truncated head, hhea or maxp table")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	loca := func(i int) (int, error) {
		var v int
		switch {
		case longLoca && 4*i+4 <= len(tables["loca"]):
			v = int(binary.BigEndian.Uint32(tables["loca"][4*i:]))
		case !longLoca && 2*i+2 <= len(tables["loca"]):
			v = 2 * int(binary.BigEndian.Uint16(tables["loca"][2*i:]))
		default:
			return 0, errors.New("truncated loca table")
		}
		if v > len(tables["glyf"]) {
			return 0, errors.New("loca points past the glyf table")
		}
		return v, nil
	}
	glyphData := func(g int) ([]byte, error) {
		if g < 0 || g >= numGlyphs {
			return nil, fmt.Errorf("glyph %d out of range", g)
		}
		a, err := loca(g)
		if err != nil {
			return nil, err
		}
		b, err := loca(g + 1)
		if err != nil || b < a {
			return nil, errors.New("bad loca table")
		}
		return tables["glyf"][a:b], nil
	}

	// Which glyphs: .notdef, each rune's, and their components.
	cmap := map[rune]int{}
	keep := map[int]bool{0: true}
	for _, r := range runes {
		g, err := lookup(tables["cmap"], r)
		if err != nil {
			return nil, err
		}
		if g > 0 {
			cmap[r] = g
			keep[g] = true
		}
	}
	todo := make([]int, 0, len(keep))
	for g := range keep {
		todo = append(todo, g)
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		data, err := glyphData(g)
		if err != nil {
			return nil, err
		}
		comps, err := components(data)
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		for _, c := range comps {
			if !keep[c.glyph] {
				keep[c.glyph] = true
				todo = append(todo, c.glyph)
			}
		}
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	slices.Sort(old)
	renumber := make(map[int]int, len(old))
	for i, g := range old {
		renumber[g] = i
	}

	// glyf and loca, long offsets; hmtx with a metric per glyph.
	var glyf []byte
	newLoca := make([]byte, 4*(len(old)+1))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	hmtx := make([]byte, 4*len(old))
	for i, g := range old {
		binary.BigEndian.PutUint32(newLoca[4*i:], uint32(len(glyf)))
		data, err := glyphData(g)
		if err != nil {
			return nil, err
		}
		data = slices.Clone(data)
		comps, _ := components(data)
		for _, c := range comps {
			binary.BigEndian.PutUint16(data[c.at:], uint16(renumber[c.glyph]))
		}
		glyf = append(glyf, data...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		m := min(g, numHMetrics-1)
		if 4*m+4 > len(tables["hmtx"]) {
			return nil, errors.New("truncated hmtx table")
		}
		copy(hmtx[4*i:], tables["hmtx"][4*m:4*m+2]) // advance
		lsb := 4*numHMetrics + 2*(g-numHMetrics)
		if g < numHMetrics {
			lsb = 4*g + 2
		}
		if lsb+2 <= len(tables["hmtx"]) {
			copy(hmtx[4*i+2:], tables["hmtx"][lsb:lsb+2])
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*len(old):], uint32(len(glyf)))

	out := map[string][]byte{
		"glyf": glyf, "loca": newLoca, "hmtx": hmtx,
		"cmap": buildCmap(cmap, renumber),
		"head": slices.Clone(head), "hhea": slices.Clone(hhea), "maxp": slices.Clone(maxp),
	}
	binary.BigEndian.PutUint16(out["head"][50:], 1) // long loca
	binary.BigEndian.PutUint32(out["head"][8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(out["hhea"][34:], uint16(len(old)))
	binary.BigEndian.PutUint16(out["maxp"][4:], uint16(len(old)))
	for _, tag := range []string{"OS/2", "name", "cvt ", "fpgm", "prep", "gasp"} {
		if t := tables[tag]; t != nil {
			out[tag] = t
		}
	}
	if post := tables["post"]; len(post) >= 32 {
		// Version 3: no glyph names (they would name the old glyphs).
		p := slices.Clone(post[:32])
		binary.BigEndian.PutUint32(p, 0x00030000)
		out["post"] = p
	}
	return writeFont(out), nil
}

func readTables(font []byte) (map[string][]byte, error) {
	if len(font) < 12 {
		return nil, errors.New("not a font: too short")
	}
	if v := binary.BigEndian.Uint32(font); v != 0x00010000 && v != 0x74727565 {
		return nil, errors.New("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	if 12+16*n > len(font) {
		return nil, errors.New("truncated table directory")
	}
	tables := map[string][]byte{}
	for i := range n {
		e := font[12+16*i:]
		off, length := int(binary.BigEndian.Uint32(e[8:])), int(binary.BigEndian.Uint32(e[12:]))
		if off < 0 || length < 0 || off+length > len(font) {
			return nil, fmt.Errorf("table %q lies outside the file", e[:4])
		}
		tables[string(e[:4])] = font[off : off+length]
	}
	return tables, nil
}

// lookup finds r's glyph in a cmap table's Windows Unicode subtable
// (format 4 for the BMP, or format 12); 0 when it has none.
func lookup(cmap []byte, r rune) (int, error) {
	if len(cmap) < 4 {
		return 0, errors.New("truncated cmap table")
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	var fmt4, fmt12 []byte
	for i := range n {
		e := cmap[4+8*i:]
		if len(e) < 8 {
			return 0, errors.New("truncated cmap table")
		}
		platform, encoding, off := binary.BigEndian.Uint16(e), binary.BigEndian.Uint16(e[2:]), int(binary.BigEndian.Uint32(e[4:]))
		if off+4 > len(cmap) {
			return 0, errors.New("cmap subtable outside its table")
		}
		sub := cmap[off:]
		switch format := binary.BigEndian.Uint16(sub); {
		case format == 4 && (platform == 3 && encoding == 1 || platform == 0):
			fmt4 = sub
		case format == 12 && (platform == 3 && encoding == 10 || platform == 0):
			fmt12 = sub
		}
	}
	if len(fmt12) >= 16 {
		groups := int(binary.BigEndian.Uint32(fmt12[12:]))
		for i := range groups {
			g := fmt12[16+12*i:]
			if len(g) < 12 {
				break
			}
			start, end, gid := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
			if uint32(r) >= start && uint32(r) <= end {
				return int(gid + uint32(r) - start), nil
			}
		}
		return 0, nil
	}
	if fmt4 == nil || r > 0xFFFF || len(fmt4) < 14 {
		return 0, nil
	}
	segs := int(binary.BigEndian.Uint16(fmt4[6:])) / 2
	if len(fmt4) < 16+8*segs {
		return 0, errors.New("truncated cmap format 4")
	}
	ends, starts, deltas, offsets := 14, 16+2*segs, 16+4*segs, 16+6*segs
	for i := range segs {
		end := binary.BigEndian.Uint16(fmt4[ends+2*i:])
		if uint16(r) > end {
			continue
		}
		start := binary.BigEndian.Uint16(fmt4[starts+2*i:])
		if uint16(r) < start {
			return 0, nil
		}
		delta := binary.BigEndian.Uint16(fmt4[deltas+2*i:])
		ro := int(binary.BigEndian.Uint16(fmt4[offsets+2*i:]))
		if ro == 0 {
			return int(uint16(r) + delta), nil
		}
		at := offsets + 2*i + ro + 2*int(uint16(r)-start)
		if at+2 > len(fmt4) {
			return 0, errors.New("cmap format 4 points outside its table")
		}
		g := binary.BigEndian.Uint16(fmt4[at:])
		if g == 0 {
			return 0, nil
		}
		return int(g + delta), nil
	}
	return 0, nil
}

type component struct {
	glyph int
	at    int // offset of its glyph index in the glyph's data
}

// components lists the glyphs a composite glyph is made of.
func components(data []byte) ([]component, error) {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil, nil // empty or simple
	}
	var out []component
	at := 10
	for {
		if at+4 > len(data) {
			return nil, errors.New("truncated composite glyph")
		}
		flags := binary.BigEndian.Uint16(data[at:])
		out = append(out, component{glyph: int(binary.BigEndian.Uint16(data[at+2:])), at: at + 2})
		at += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			at += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			at += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			at += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			return out, nil
		}
	}
}

// buildCmap writes a cmap with one Windows Unicode BMP subtable (format 4),
// a segment per rune.
func buildCmap(cmap map[rune]int, renumber map[int]int) []byte {
	runes := make([]rune, 0, len(cmap))
	for r := range cmap {
		if r <= 0xFFFF {
			runes = append(runes, r)
		}
	}
	slices.Sort(runes)
	segs := len(runes) + 1 // and the final 0xFFFF segment
	sub := make([]byte, 16+8*segs)
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*segs))
	sr, sel := 2, 0
	for sr*2 <= 2*segs {
		sr, sel = sr*2, sel+1
	}
	binary.BigEndian.PutUint16(sub[8:], uint16(sr))
	binary.BigEndian.PutUint16(sub[10:], uint16(sel))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*segs-sr))
	ends, starts, deltas := 14, 16+2*segs, 16+4*segs
	for i, r := range runes {
		binary.BigEndian.PutUint16(sub[ends+2*i:], uint16(r))
		binary.BigEndian.PutUint16(sub[starts+2*i:], uint16(r))
		binary.BigEndian.PutUint16(sub[deltas+2*i:], uint16(renumber[cmap[r]]-int(r)))
	}
	last := segs - 1
	binary.BigEndian.PutUint16(sub[ends+2*last:], 0xFFFF)
	binary.BigEndian.PutUint16(sub[starts+2*last:], 0xFFFF)
	binary.BigEndian.PutUint16(sub[deltas+2*last:], 1)
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...)
}

// writeFont lays tables out in a TrueType file, sorted by tag, with their
// checksums and the head table's checksum adjustment.
func writeFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	n := len(tags)
	sr, sel := 1, 0
	for sr*2 <= n {
		sr, sel = sr*2, sel+1
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(16*(n-sr)))
	headAt := 0
	for i, tag := range tags {
		t := tables[tag]
		e := out[12+16*i:]
		copy(e, tag)
		binary.BigEndian.PutUint32(e[4:], checksum(t))
		binary.BigEndian.PutUint32(e[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(e[12:], uint32(len(t)))
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
