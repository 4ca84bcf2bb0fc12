package textfit

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/cardgen/cardgen/pkg/geom"
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

// A paragraph is cut at its break opportunities and measured once, in
// thousandths of an em, whatever the number of sizes it is set at: a width
// at size pt is its units × PtToMM(pt) / 1000, the very computation of
// typeface.Face.Width, so the lines are those measuring each size anew
// would give, to the last bit.

// piece is a stretch of a paragraph in one style, inside a segment.
type piece struct {
	start, end int // bytes of the paragraph's text
	style      typeface.Style
	units      int // advance width
}

// segment is a stretch of text between two break opportunities: its
// pieces, and the same without its trailing spaces and line breaks (its
// ink), which ends inside piece inkLast-1, at byte inkEnd, inkUnits wide.
type segment struct {
	first, last int // pieces[first:last]
	inkLast     int // pieces[first:inkLast] hold the ink; first when it has none
	inkEnd      int
	inkUnits    int  // units of the ink's last piece
	hard        bool // a mandatory break follows
}

// text is a paragraph ready to be broken into lines at any size.
type text struct {
	plain  string
	pieces []piece
	segs   []segment
}

// styleRun is the style of plain up to byte end.
type styleRun struct {
	end   int
	style typeface.Style
}

// prepare joins runs, cuts them at their UAX #14 break opportunities and
// measures every piece.
func prepare(fam *typeface.Family, runs []Run) *text {
	t := &text{}
	var styles []styleRun
	switch len(runs) {
	case 0:
	case 1:
		t.plain = runs[0].Text
		styles = []styleRun{{len(t.plain), runs[0].Style}}
	default:
		var b strings.Builder
		for _, r := range runs {
			if r.Text == "" {
				continue
			}
			b.WriteString(r.Text)
			if n := len(styles); n > 0 && styles[n-1].style == r.Style {
				styles[n-1].end = b.Len()
			} else {
				styles = append(styles, styleRun{b.Len(), r.Style})
			}
		}
		t.plain = b.String()
	}
	plain := t.plain
	// About one segment per word: room for most paragraphs at once.
	t.segs = make([]segment, 0, len(plain)/5+1)
	t.pieces = make([]piece, 0, len(plain)/5+len(styles))
	rest := plain
	state := -1
	offset := 0 // of rest in plain
	si := 0     // styles[si] holds byte offset
	for len(rest) > 0 {
		var seg string
		var must bool
		seg, rest, must, state = uniseg.FirstLineSegmentInString(rest, state)
		if i := afterClosingQuote(seg); i > 0 {
			// Give back the rest: it starts a segment of its own.
			rest, seg, state = plain[offset+i:], seg[:i], -1
			must = false
		}
		// A word that starts with a hyphen (an option such as --back-offset,
		// a negative -0.5) is not broken inside: Unicode 15.1's LB20.1 keeps
		// a word-initial hyphen with what follows; uniseg follows 15.0.
		end := offset + len(seg)
		for strings.HasPrefix(seg, "-") && !must && len(rest) > 0 && !endsInSpace(seg) {
			var more string
			more, rest, must, state = uniseg.FirstLineSegmentInString(rest, state)
			end += len(more)
			seg = plain[offset:end]
		}
		s := segment{first: len(t.pieces), hard: must && len(rest) > 0}
		for start := offset; start < end; {
			for styles[si].end <= start {
				si++
			}
			stop := min(styles[si].end, end)
			st := styles[si].style
			t.pieces = append(t.pieces, piece{start: start, end: stop, style: st, units: fam.Face(st).Units(plain[start:stop])})
			start = stop
		}
		s.last = len(t.pieces)
		// The ink: trailing spaces trimmed piece by piece from the end.
		s.inkLast = s.first
		for k := s.last - 1; k >= s.first; k-- {
			p := t.pieces[k]
			if ink := trimSpace(plain[p.start:p.end]); ink != "" {
				s.inkLast, s.inkEnd = k+1, p.start+len(ink)
				s.inkUnits = p.units
				if s.inkEnd < p.end {
					s.inkUnits = fam.Face(p.style).Units(ink)
				}
				break
			}
		}
		t.segs = append(t.segs, s)
		offset = end
	}
	return t
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
		if r < utf8.RuneSelf || !unicode.Is(unicode.Pf, r) {
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

// trimSpace drops the trailing spaces and line breaks of a segment.
func trimSpace(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\r' || r == '\t' || unicode.Is(unicode.Zl, r)
	})
}

// ink is the width of a segment without its trailing spaces, and all is
// its whole width, at mm per em (geom.PtToMM of the size).
func (t *text) widths(s *segment, mm float64) (ink, all float64) {
	for k := s.first; k < s.last; k++ {
		w := float64(t.pieces[k].units) * mm / 1000
		if k < s.inkLast-1 {
			ink += w
		} else if k == s.inkLast-1 {
			ink += float64(s.inkUnits) * mm / 1000
		}
		all += w
	}
	return ink, all
}

// lineSpan is a line as the segments it holds: segs[from:to].
type lineSpan struct{ from, to int }

// breakLines breaks the paragraph into lines no wider than maxWidth at mm
// per em, appending them to spans: at every break opportunity where the
// next segment's ink would overflow, and at every mandatory break.
func (t *text) breakLines(mm, maxWidth float64, spans []lineSpan) ([]lineSpan, error) {
	from := 0
	curW := 0.0 // width of segs[from:i], trailing spaces included
	for i := range t.segs {
		s := &t.segs[i]
		ink, all := t.widths(s, mm)
		if ink > maxWidth+1e-9 {
			word := t.plain[t.pieces[s.first].start:s.inkEnd]
			if s.inkLast == s.first {
				word = ""
			}
			return spans, &TooLongError{Word: word, Width: ink, Max: maxWidth}
		}
		if i > from && curW+ink > maxWidth+1e-9 {
			spans = append(spans, lineSpan{from, i})
			from, curW = i, 0
		}
		curW += all
		if s.hard {
			spans = append(spans, lineSpan{from, i + 1})
			from, curW = i+1, 0
		}
	}
	if from < len(t.segs) {
		spans = append(spans, lineSpan{from, len(t.segs)})
	}
	return spans, nil
}

// line sets the segments of a span: its pieces end to end, those of one
// style merged, trailing spaces dropped.
func (t *text) line(sp lineSpan, mm float64) Line {
	// The ink ends in the last segment that has some.
	end := sp.to - 1
	for end >= sp.from && t.segs[end].inkLast == t.segs[end].first {
		end--
	}
	line := Line{}
	if end < sp.from {
		return line
	}
	x := 0.0
	last := t.segs[end].inkLast - 1
	mergedStart := 0
	for k := t.segs[sp.from].first; k <= last; k++ {
		p := t.pieces[k]
		units, stop := p.units, p.end
		if k == last {
			units, stop = t.segs[end].inkUnits, t.segs[end].inkEnd
		}
		w := float64(units) * mm / 1000
		if n := len(line.Pieces); n > 0 && line.Pieces[n-1].Style == p.style {
			line.Pieces[n-1].Text = t.plain[mergedStart:stop]
			line.Pieces[n-1].W += w
		} else {
			mergedStart = p.start
			line.Pieces = append(line.Pieces, Piece{Text: t.plain[p.start:stop], Style: p.style, X: x, W: w})
		}
		x += w
	}
	line.Width = x
	return line
}

// Break sets runs in lines no wider than maxWidth mm at size pt. It breaks
// only where UAX #14 allows and always where the text has a line break.
func Break(fam *typeface.Family, runs []Run, size, maxWidth float64) ([]Line, error) {
	t := prepare(fam, runs)
	mm := geom.PtToMM(size)
	spans, err := t.breakLines(mm, maxWidth, nil)
	if err != nil {
		return nil, err
	}
	var lines []Line
	for _, sp := range spans {
		lines = append(lines, t.line(sp, mm))
	}
	return lines, nil
}
