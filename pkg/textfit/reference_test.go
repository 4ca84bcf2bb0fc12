// The reference implementation: package textfit as it was before it was
// made faster (commit 3d1ed6a), kept verbatim but for the names (ref…),
// so that tests can check that the fast code sets every text exactly as it
// did: same lines, same pieces, same positions, same errors.

package textfit

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/typeface"
)

// Run is a stretch of text in one style.
// refParseInline splits s into runs: *italic* and **bold** switch emphasis on
// and off (nesting allowed), \* is a literal asterisk and \\ a backslash.
// An emphasis left open at the end of s is an error.
func refParseInline(s string, base typeface.Style) ([]Run, error) {
	var runs []Run
	var cur strings.Builder
	em, strong := false, false
	flush := func() {
		if cur.Len() > 0 {
			runs = append(runs, Run{Text: cur.String(), Style: base.Emphasised(em, strong)})
			cur.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '\\'):
			cur.WriteByte(s[i+1])
			i++
		case c == '*' && i+1 < len(s) && s[i+1] == '*':
			flush()
			strong = !strong
			i++
		case c == '*':
			flush()
			em = !em
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	switch {
	case strong:
		return nil, fmt.Errorf("a ** (bold) is never closed; close it, or write \\* for a literal asterisk")
	case em:
		return nil, fmt.Errorf("a * (italic) is never closed; close it, or write \\* for a literal asterisk")
	}
	return runs, nil
}

// refSegment is a stretch of text between two break opportunities.
type refSegment struct {
	pieces []Run // the segment's text, split by style
	hard   bool  // a mandatory break follows
}

// refSegments cuts runs at the UAX #14 break opportunities of their text.
func refSegments(runs []Run) []refSegment {
	var plain strings.Builder
	var styles []typeface.Style // style of each byte of plain
	for _, r := range runs {
		plain.WriteString(r.Text)
		for range len(r.Text) {
			styles = append(styles, r.Style)
		}
	}
	text := plain.String()
	var segs []refSegment
	state := -1
	offset := 0
	for len(text) > 0 {
		var seg string
		var must bool
		seg, text, must, state = uniseg.FirstLineSegmentInString(text, state)
		if i := refAfterClosingQuote(seg); i > 0 {
			// Give back the rest: it starts a segment of its own.
			text, seg, state = seg[i:]+text, seg[:i], -1
			must = false
		}
		// A word that starts with a hyphen (an option such as --back-offset,
		// a negative -0.5) is not broken inside: Unicode 15.1's LB20.1 keeps
		// a word-initial hyphen with what follows; uniseg follows 15.0.
		for strings.HasPrefix(seg, "-") && !must && len(text) > 0 && !refEndsInSpace(seg) {
			var more string
			more, text, must, state = uniseg.FirstLineSegmentInString(text, state)
			seg += more
		}
		var s refSegment
		s.hard = must && len(text) > 0
		start := offset
		for i := range len(seg) + 1 {
			if i == len(seg) || (i > 0 && styles[offset+i] != styles[offset+i-1]) {
				s.pieces = append(s.pieces, Run{Text: seg[start-offset : i], Style: styles[offset+i-1]})
				start = offset + i
			}
		}
		offset += len(seg)
		segs = append(segs, s)
	}
	return segs
}

func refEndsInSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

// refAfterClosingQuote returns the index just after the spaces that follow a
// closing quotation mark (», ”, ’) inside seg, when more text follows them,
// or 0. uniseg implements UAX #14 as of Unicode 15.0, whose rule LB15
// (QU SP* × OP) forbids a break in « rares » (groupe; Unicode 15.1 replaced
// that rule and allows it, as French typesetting does.
func refAfterClosingQuote(seg string) int {
	for i, r := range seg {
		if !unicode.Is(unicode.Pf, r) {
			continue
		}
		j := i + utf8.RuneLen(r)
		k := j
		for k < len(seg) && seg[k] == ' ' {
			k++
		}
		if k > j && k < len(seg) {
			return k
		}
	}
	return 0
}

// refTrimRight drops trailing spaces and line breaks from a segment's last pieces.
func refTrimRight(pieces []Run) []Run {
	out := append([]Run(nil), pieces...)
	for len(out) > 0 {
		last := &out[len(out)-1]
		last.Text = strings.TrimRightFunc(last.Text, func(r rune) bool {
			return r == ' ' || r == '\n' || r == '\r' || r == '\t' || unicode.Is(unicode.Zl, r)
		})
		if last.Text != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

func refWidth(fam *typeface.Family, pieces []Run, size float64) float64 {
	w := 0.0
	for _, p := range pieces {
		w += fam.Face(p.Style).Width(p.Text, size)
	}
	return w
}

// refBreak sets runs in lines no wider than maxWidth mm at size pt. It breaks
// only where UAX #14 allows and always where the text has a line break.
func refBreak(fam *typeface.Family, runs []Run, size, maxWidth float64) ([]Line, error) {
	var lines []Line
	var cur []Run    // pieces of the current line, trailing spaces included
	var curW float64 // width of cur, trailing spaces included
	emit := func() {
		pieces := refTrimRight(cur)
		line := Line{}
		x := 0.0
		for _, p := range pieces {
			w := fam.Face(p.Style).Width(p.Text, size)
			if n := len(line.Pieces); n > 0 && line.Pieces[n-1].Style == p.Style {
				line.Pieces[n-1].Text += p.Text
				line.Pieces[n-1].W += w
			} else {
				line.Pieces = append(line.Pieces, Piece{Text: p.Text, Style: p.Style, X: x, W: w})
			}
			x += w
		}
		line.Width = x
		lines = append(lines, line)
		cur, curW = nil, 0
	}
	for _, seg := range refSegments(runs) {
		ink := refWidth(fam, refTrimRight(seg.pieces), size)
		if ink > maxWidth+1e-9 {
			var word strings.Builder
			for _, p := range refTrimRight(seg.pieces) {
				word.WriteString(p.Text)
			}
			return nil, &TooLongError{Word: word.String(), Width: ink, Max: maxWidth}
		}
		if len(cur) > 0 && curW+ink > maxWidth+1e-9 {
			emit()
		}
		cur = append(cur, seg.pieces...)
		curW += refWidth(fam, seg.pieces, size)
		if seg.hard {
			emit()
		}
	}
	if len(cur) > 0 {
		emit()
	}
	return lines, nil
}

// Para is a paragraph of a block.
// SetLine is a line placed in its block.
// Box is the rectangle a line's glyphs may occupy, relative to the block.
// Block is a set of paragraphs laid out at one size.
// Spec says how to fit a block.
// FitError says a block does not fit its box even at the minimum size.
// refLayout sets paras at size pt in a box width mm wide; it does not check height.
func refLayout(fam *typeface.Family, paras []Para, size float64, spec Spec) (Block, error) {
	leading := spec.Leading
	if leading == 0 {
		leading = 1.2
	}
	b := Block{Size: size}
	y := 0.0
	for i, p := range paras {
		scale := p.Scale
		if scale == 0 {
			scale = 1
		}
		ps := size * scale
		face := fam.Face(typeface.Regular)
		// A line is never shorter than its glyphs are tall, whatever the
		// leading asked for: text must not leave the box it was fitted to.
		lineH := max(geom.PtToMM(ps)*leading, face.Ascent(ps)+face.Descent(ps))
		indent := 0.0
		if p.Bullet != "" {
			indent = fam.Face(typeface.Regular).Width(p.Bullet+" ", ps)
		}
		if i > 0 {
			y += p.SpaceBefore * lineH
		}
		lines, err := refBreak(fam, p.Runs, ps, spec.Width-indent)
		if err != nil {
			return Block{}, err
		}
		for j, l := range lines {
			asc, desc := face.Ascent(ps), face.Descent(ps)
			sl := SetLine{Line: l, Size: ps, X: indent, Ascent: asc, Descent: desc, Tag: p.Tag, Para: i,
				// Centre the glyph box in the line box.
				Baseline: y + (lineH-asc-desc)/2 + asc}
			if j == 0 && p.Bullet != "" {
				sl.Bullet = p.Bullet
			}
			b.Lines = append(b.Lines, sl)
			y += lineH
		}
	}
	b.Height = y
	return b, nil
}

// refFit finds the largest size from spec.Max down to spec.Min, in spec.Step
// steps, at which paras fit a spec.Width × spec.Height box.
func refFit(fam *typeface.Family, paras []Para, spec Spec) (Block, error) {
	step := spec.Step
	if step == 0 {
		step = 0.25
	}
	var last Block
	var lastErr error
	// Count steps with an integer so that Min itself is always tried.
	n := int((spec.Max-spec.Min)/step + 1e-9)
	for i := 0; i <= n; i++ {
		size := spec.Max - float64(i)*step
		if i == n {
			size = spec.Min
		}
		b, err := refLayout(fam, paras, size, spec)
		last, lastErr = b, err
		if err != nil {
			continue
		}
		if b.Height <= spec.Height+1e-9 && (spec.MaxLines == 0 || len(b.Lines) <= spec.MaxLines) {
			return b, nil
		}
	}
	fe := &FitError{Min: spec.Min, Have: spec.Height}
	var tl *TooLongError
	if errors.As(lastErr, &tl) {
		fe.Reason = tl
	} else {
		fe.Need, fe.Lines = last.Height, len(last.Lines)
		if spec.MaxLines > 0 && len(last.Lines) > spec.MaxLines {
			fe.Reason = fmt.Errorf("needs %d lines, at most %d allowed", len(last.Lines), spec.MaxLines)
		}
	}
	return Block{}, fe
}
