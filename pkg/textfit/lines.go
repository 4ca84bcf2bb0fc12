package textfit

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/cardgen/cardgen/pkg/typeface"
)

// Piece is a run placed on a line: its text, style and x offset in mm from
// the line's start.
type Piece struct {
	Text  string
	Style typeface.Style
	X     float64
	W     float64
}

// Line is one line of set text.
type Line struct {
	Pieces []Piece
	Width  float64 // mm, without trailing spaces
}

// Text is the line's characters, styles dropped.
func (l Line) Text() string {
	var b strings.Builder
	for _, p := range l.Pieces {
		b.WriteString(p.Text)
	}
	return b.String()
}

// TooLongError says that a word does not fit the width of its box at any size tried.
type TooLongError struct {
	Word  string
	Width float64 // mm the word needs
	Max   float64 // mm available
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("the word %q is %.1f mm wide, wider than its %.1f mm line", e.Word, e.Width, e.Max)
}

// segment is a stretch of text between two break opportunities.
type segment struct {
	pieces []Run // the segment's text, split by style
	hard   bool  // a mandatory break follows
}

// segments cuts runs at the UAX #14 break opportunities of their text.
func segments(runs []Run) []segment {
	var plain strings.Builder
	var styles []typeface.Style // style of each byte of plain
	for _, r := range runs {
		plain.WriteString(r.Text)
		for range len(r.Text) {
			styles = append(styles, r.Style)
		}
	}
	text := plain.String()
	var segs []segment
	state := -1
	offset := 0
	for len(text) > 0 {
		var seg string
		var must bool
		seg, text, must, state = uniseg.FirstLineSegmentInString(text, state)
		if i := afterClosingQuote(seg); i > 0 {
			// Give back the rest: it starts a segment of its own.
			text, seg, state = seg[i:]+text, seg[:i], -1
			must = false
		}
		// A word that starts with a hyphen (an option such as --back-offset,
		// a negative -0.5) is not broken inside: Unicode 15.1's LB20.1 keeps
		// a word-initial hyphen with what follows; uniseg follows 15.0.
		for strings.HasPrefix(seg, "-") && !must && len(text) > 0 && !endsInSpace(seg) {
			var more string
			more, text, must, state = uniseg.FirstLineSegmentInString(text, state)
			seg += more
		}
		var s segment
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

func endsInSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

// afterClosingQuote returns the index just after the spaces that follow a
// closing quotation mark (», ”, ’) inside seg, when more text follows them,
// or 0. uniseg implements UAX #14 as of Unicode 15.0, whose rule LB15
// (QU SP* × OP) forbids a break in « rares » (groupe; Unicode 15.1 replaced
// that rule and allows it, as French typesetting does.
func afterClosingQuote(seg string) int {
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

// trimRight drops trailing spaces and line breaks from a segment's last pieces.
func trimRight(pieces []Run) []Run {
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

func width(fam *typeface.Family, pieces []Run, size float64) float64 {
	w := 0.0
	for _, p := range pieces {
		w += fam.Face(p.Style).Width(p.Text, size)
	}
	return w
}

// Break sets runs in lines no wider than maxWidth mm at size pt. It breaks
// only where UAX #14 allows and always where the text has a line break.
func Break(fam *typeface.Family, runs []Run, size, maxWidth float64) ([]Line, error) {
	var lines []Line
	var cur []Run    // pieces of the current line, trailing spaces included
	var curW float64 // width of cur, trailing spaces included
	emit := func() {
		pieces := trimRight(cur)
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
	for _, seg := range segments(runs) {
		ink := width(fam, trimRight(seg.pieces), size)
		if ink > maxWidth+1e-9 {
			var word strings.Builder
			for _, p := range trimRight(seg.pieces) {
				word.WriteString(p.Text)
			}
			return nil, &TooLongError{Word: word.String(), Width: ink, Max: maxWidth}
		}
		if len(cur) > 0 && curW+ink > maxWidth+1e-9 {
			emit()
		}
		cur = append(cur, seg.pieces...)
		curW += width(fam, seg.pieces, size)
		if seg.hard {
			emit()
		}
	}
	if len(cur) > 0 {
		emit()
	}
	return lines, nil
}
