package geom

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < Epsilon }

func TestRightBottomTranslate(t *testing.T) {
	tests := []struct {
		r             Rect
		right, bottom float64
		dx, dy        float64
		moved         Rect
	}{
		{R(0, 0, 210, 297), 210, 297, 0, 0, R(0, 0, 210, 297)},
		{R(30, 23.5, 70, 120), 100, 143.5, 80, 130, R(110, 153.5, 70, 120)},
		{R(-3, -3, 76, 126), 73, 123, 3, 3, R(0, 0, 76, 126)},
		{R(5.25, 7.75, 0, 0), 5.25, 7.75, -5.25, -7.75, R(0, 0, 0, 0)},
	}
	for _, tt := range tests {
		if !near(tt.r.Right(), tt.right) || !near(tt.r.Bottom(), tt.bottom) {
			t.Errorf("%v: Right, Bottom = %v, %v mm; want %v, %v", tt.r, tt.r.Right(), tt.r.Bottom(), tt.right, tt.bottom)
		}
		if got := tt.r.Translate(tt.dx, tt.dy); !got.Equal(tt.moved) {
			t.Errorf("%v.Translate(%v, %v) = %v; want %v", tt.r, tt.dx, tt.dy, got, tt.moved)
		}
	}
}

func TestInsetOutset(t *testing.T) {
	tests := []struct {
		name   string
		r      Rect
		d      float64
		inset  Rect
		outset Rect
	}{
		{"A4 printable, 5 mm margin", R(0, 0, 210, 297), 5, R(5, 5, 200, 287), R(-5, -5, 220, 307)},
		{"tarot trim and bleed", R(3, 3, 70, 120), 3, R(6, 6, 64, 114), R(0, 0, 76, 126)},
		{"safe zone 4 mm", R(30, 23.5, 70, 120), 4, R(34, 27.5, 62, 112), R(26, 19.5, 78, 128)},
		{"zero is identity", R(1, 2, 3, 4), 0, R(1, 2, 3, 4), R(1, 2, 3, 4)},
		{"negative inset grows", R(10, 10, 20, 20), -2, R(8, 8, 24, 24), R(12, 12, 16, 16)},
		{"fractional", R(0, 0, 63.5, 88.9), 3.175, R(3.175, 3.175, 57.15, 82.55), R(-3.175, -3.175, 69.85, 95.25)},
		{"inset to a point", R(0, 0, 10, 20), 5, R(5, 5, 0, 10), R(-5, -5, 20, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.Inset(tt.d); !got.Equal(tt.inset) {
				t.Errorf("Inset(%v) = %v; want %v", tt.d, got, tt.inset)
			}
			if got := tt.r.Outset(tt.d); !got.Equal(tt.outset) {
				t.Errorf("Outset(%v) = %v; want %v", tt.d, got, tt.outset)
			}
			// Outset undoes Inset and vice versa; centres are kept.
			if got := tt.r.Inset(tt.d).Outset(tt.d); !got.Equal(tt.r) {
				t.Errorf("Inset then Outset = %v; want %v", got, tt.r)
			}
			if got := tt.r.Outset(tt.d).Inset(tt.d); !got.Equal(tt.r) {
				t.Errorf("Outset then Inset = %v; want %v", got, tt.r)
			}
			in := tt.r.Inset(tt.d)
			if !near(in.X+in.W/2, tt.r.X+tt.r.W/2) || !near(in.Y+in.H/2, tt.r.Y+tt.r.H/2) {
				t.Errorf("Inset moved the centre: %v → %v", tt.r, in)
			}
		})
	}
}

func TestMirror(t *testing.T) {
	tests := []struct {
		name          string
		r             Rect
		width, height float64
		mx, my        Rect
	}{
		// A4 2 × 2 grid of 70 × 120 tarot cards: x_back = 210 − x − 70.
		{"A4 top-left card", R(30, 23.5, 70, 120), 210, 297, R(110, 23.5, 70, 120), R(30, 153.5, 70, 120)},
		{"A4 top-right card", R(110, 23.5, 70, 120), 210, 297, R(30, 23.5, 70, 120), R(110, 153.5, 70, 120)},
		{"A4 bottom-left card", R(30, 153.5, 70, 120), 210, 297, R(110, 153.5, 70, 120), R(30, 23.5, 70, 120)},
		{"centred card is fixed", R(3, 3, 70, 120), 76, 126, R(3, 3, 70, 120), R(3, 3, 70, 120)},
		{"touching the left edge", R(0, 10, 20, 30), 100, 50, R(80, 10, 20, 30), R(0, 10, 20, 30)},
		{"top-left corner", R(0, 0, 10, 5), 100, 50, R(90, 0, 10, 5), R(0, 45, 10, 5)},
		{"landscape A4", R(10, 20, 63, 88), 297, 210, R(224, 20, 63, 88), R(10, 102, 63, 88)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.MirrorX(tt.width); !got.Equal(tt.mx) {
				t.Errorf("MirrorX(%v) = %v; want %v", tt.width, got, tt.mx)
			}
			if got := tt.r.MirrorY(tt.height); !got.Equal(tt.my) {
				t.Errorf("MirrorY(%v) = %v; want %v", tt.height, got, tt.my)
			}
			// Mirroring twice is the identity.
			if got := tt.r.MirrorX(tt.width).MirrorX(tt.width); !got.Equal(tt.r) {
				t.Errorf("MirrorX twice = %v; want %v", got, tt.r)
			}
			if got := tt.r.MirrorY(tt.height).MirrorY(tt.height); !got.Equal(tt.r) {
				t.Errorf("MirrorY twice = %v; want %v", got, tt.r)
			}
			// The distance to the opposite edge is kept.
			if mx := tt.r.MirrorX(tt.width); !near(mx.X, tt.width-tt.r.Right()) {
				t.Errorf("MirrorX: left gap %v; want the right gap %v", mx.X, tt.width-tt.r.Right())
			}
			if my := tt.r.MirrorY(tt.height); !near(my.Y, tt.height-tt.r.Bottom()) {
				t.Errorf("MirrorY: top gap %v; want the bottom gap %v", my.Y, tt.height-tt.r.Bottom())
			}
		})
	}
}

func TestContains(t *testing.T) {
	outer := R(5, 5, 200, 287) // A4 inside a 5 mm margin
	tests := []struct {
		name string
		s    Rect
		want bool
	}{
		{"itself", R(5, 5, 200, 287), true},
		{"A4 grid with bleed", R(27, 20.5, 156, 256), true},
		{"touching the left edge", R(5, 100, 10, 10), true},
		{"touching the right edge", R(195, 100, 10, 10), true},
		{"touching the top edge", R(100, 5, 10, 10), true},
		{"touching the bottom edge", R(100, 282, 10, 10), true},
		{"touching all four corners", R(5, 5, 200, 287), true},
		{"out by less than Epsilon", R(5-Epsilon/2, 5, 10, 10), true},
		{"out by 0.01 mm on the left", R(4.99, 100, 10, 10), false},
		{"out by 0.01 mm on the right", R(195.01, 100, 10, 10), false},
		{"out by 0.01 mm on the top", R(100, 4.99, 10, 10), false},
		{"out by 0.01 mm on the bottom", R(100, 282.01, 10, 10), false},
		{"larger", R(0, 0, 210, 297), false},
		{"disjoint", R(300, 300, 10, 10), false},
		{"zero-size point inside", R(100, 100, 0, 0), true},
		{"zero-size point on the corner", R(205, 292, 0, 0), true},
		{"straddling", R(200, 100, 10, 10), false},
	}
	for _, tt := range tests {
		if got := outer.Contains(tt.s); got != tt.want {
			t.Errorf("%s: %v.Contains(%v) = %v; want %v", tt.name, outer, tt.s, got, tt.want)
		}
	}
}

func TestOverlaps(t *testing.T) {
	tests := []struct {
		name string
		r, s Rect
		want bool
	}{
		{"same", R(0, 0, 10, 10), R(0, 0, 10, 10), true},
		{"contained", R(0, 0, 10, 10), R(2, 2, 3, 3), true},
		{"overlap 0.01 mm", R(0, 0, 10, 10), R(9.99, 0, 10, 10), true},
		{"overlap 0.01 mm vertically", R(0, 0, 10, 10), R(0, 9.99, 10, 10), true},
		{"touching right edge", R(0, 0, 10, 10), R(10, 0, 10, 10), false},
		{"touching left edge", R(10, 0, 10, 10), R(0, 0, 10, 10), false},
		{"touching bottom edge", R(0, 0, 10, 10), R(0, 10, 10, 10), false},
		{"touching top edge", R(0, 10, 10, 10), R(0, 0, 10, 10), false},
		{"touching corners", R(0, 0, 10, 10), R(10, 10, 10, 10), false},
		{"A4 bleeds, gap = 2 × bleed", R(27, 20.5, 76, 126), R(103, 20.5, 76, 126), false},
		{"A4 bleeds, gap 10, bleed 3", R(27, 20.5, 76, 126), R(107, 20.5, 76, 126), false},
		{"overlap below Epsilon", R(0, 0, 10, 10), R(10-Epsilon/2, 0, 10, 10), false},
		{"gap 0.01 mm", R(0, 0, 10, 10), R(10.01, 0, 10, 10), false},
		{"apart diagonally", R(0, 0, 10, 10), R(20, 20, 5, 5), false},
		{"cross shape", R(0, 4, 10, 2), R(4, 0, 2, 10), true},
		{"same column, far apart rows", R(30, 23.5, 70, 120), R(30, 153.5, 70, 120), false},
	}
	for _, tt := range tests {
		if got := tt.r.Overlaps(tt.s); got != tt.want {
			t.Errorf("%s: %v.Overlaps(%v) = %v; want %v", tt.name, tt.r, tt.s, got, tt.want)
		}
		if got := tt.s.Overlaps(tt.r); got != tt.want {
			t.Errorf("%s (swapped): %v.Overlaps(%v) = %v; want %v", tt.name, tt.s, tt.r, got, tt.want)
		}
	}
}

func TestEqual(t *testing.T) {
	tests := []struct {
		r, s Rect
		want bool
	}{
		{R(1, 2, 3, 4), R(1, 2, 3, 4), true},
		{R(1, 2, 3, 4), R(1+Epsilon/2, 2-Epsilon/2, 3, 4), true},
		{R(1, 2, 3, 4), R(1.001, 2, 3, 4), false},
		{R(1, 2, 3, 4), R(1, 2.001, 3, 4), false},
		{R(1, 2, 3, 4), R(1, 2, 3.001, 4), false},
		{R(1, 2, 3, 4), R(1, 2, 3, 4.001), false},
		{R(0.1+0.2, 0, 0, 0), R(0.3, 0, 0, 0), true},
	}
	for _, tt := range tests {
		if got := tt.r.Equal(tt.s); got != tt.want {
			t.Errorf("%v.Equal(%v) = %v; want %v", tt.r, tt.s, got, tt.want)
		}
	}
}

func TestPtToMM(t *testing.T) {
	tests := []struct{ pt, mm float64 }{
		{0, 0},
		{72, 25.4},
		{595.2756, 210}, // A4 width
		{841.8898, 297}, // A4 height
		{612, 215.9},    // Letter width
	}
	for _, tt := range tests {
		if got := PtToMM(tt.pt); math.Abs(got-tt.mm) > 1e-3 {
			t.Errorf("PtToMM(%v) = %v mm; want %v", tt.pt, got, tt.mm)
		}
		if got := tt.mm * PtPerMM; math.Abs(got-tt.pt) > 1e-3 {
			t.Errorf("%v mm * PtPerMM = %v pt; want %v", tt.mm, got, tt.pt)
		}
	}
}

func TestRectString(t *testing.T) {
	if got, want := R(30, 23.5, 70, 120).String(), "(30.00, 23.50) 70.00 × 120.00 mm"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}

func seg(x0, y0, x1, y1 float64) Segment {
	return Segment{A: Point{x0, y0}, B: Point{x1, y1}}
}

func TestSegmentBoundsLength(t *testing.T) {
	tests := []struct {
		s      Segment
		bounds Rect
		length float64
	}{
		{seg(30, 14.9, 30, 19.9), R(30, 14.9, 0, 5), 5},
		{seg(30, 19.9, 30, 14.9), R(30, 14.9, 0, 5), 5},
		{seg(21.4, 23.5, 26.4, 23.5), R(21.4, 23.5, 5, 0), 5},
		{seg(26.4, 23.5, 21.4, 23.5), R(21.4, 23.5, 5, 0), 5},
		{seg(0, 0, 3, 4), R(0, 0, 3, 4), 5},
		{seg(7, 7, 7, 7), R(7, 7, 0, 0), 0},
	}
	for _, tt := range tests {
		if got := tt.s.Bounds(); !got.Equal(tt.bounds) {
			t.Errorf("%v.Bounds() = %v; want %v", tt.s, got, tt.bounds)
		}
		if got := tt.s.Length(); !near(got, tt.length) {
			t.Errorf("%v.Length() = %v; want %v", tt.s, got, tt.length)
		}
	}
}

func TestSegmentTouches(t *testing.T) {
	bleed := R(27, 20.5, 76, 126) // the A4 top-left card's bleed
	tests := []struct {
		name string
		s    Segment
		w    float64
		want bool
	}{
		// Crop marks as the A4 layout draws them (0.2 mm stroke, 0.5 mm offset).
		{"mark above, 0.5 mm clear", seg(30, 14.9, 30, 19.9), 0.2, false},
		{"mark above, reversed", seg(30, 19.9, 30, 14.9), 0.2, false},
		{"mark left, 0.5 mm clear", seg(21.4, 23.5, 26.4, 23.5), 0.2, false},
		{"gutter mark between cards", seg(103.6, 143.5, 106.4, 143.5), 0.2, false},
		{"mark through the bleed", seg(30, 10, 30, 30), 0.2, true},
		{"mark inside the bleed", seg(50, 50, 50, 60), 0.2, true},
		// Boundaries, with binary-exact numbers: a 0.5 mm stroke reaches
		// 0.25 mm past the line on each side and past each end.
		{"above, end on the bleed", seg(30, 15.5, 30, 20.5), 0.5, true},
		{"above, stroke cap on the bleed", seg(30, 15.25, 30, 20.25), 0.5, true},
		{"above, stroke cap 0.05 mm short", seg(30, 15.2, 30, 20.2), 0.5, false},
		{"beside, stroke edge on the bleed", seg(103.25, 50, 103.25, 60), 0.5, true},
		{"beside, stroke edge 0.05 mm away", seg(103.3, 50, 103.3, 60), 0.5, false},
		{"beside on the left, stroke edge on the bleed", seg(26.75, 50, 26.75, 60), 0.5, true},
		{"beside on the left, 0.05 mm away", seg(26.7, 50, 26.7, 60), 0.5, false},
		{"beside, hairline on the bleed edge", seg(103, 50, 103, 60), 0, true},
		{"beside, hairline 0.01 mm away", seg(103.01, 50, 103.01, 60), 0, false},
		{"below, stroke edge on the bleed", seg(0, 146.75, 50, 146.75), 0.5, true},
		{"below, 0.05 mm away", seg(0, 146.8, 50, 146.8), 0.5, false},
		{"below, reversed", seg(50, 146.8, 0, 146.8), 0.5, false},
		{"beside, level with the card but past its right", seg(110, 50, 110, 60), 0.5, false},
		// A corner: only the corners of the thickened box and the bleed meet.
		{"corner touch", seg(0, 20.25, 26.75, 20.25), 0.5, true},
		{"corner miss", seg(0, 20.2, 26.75, 20.2), 0.5, false},
	}
	for _, tt := range tests {
		if got := tt.s.Touches(bleed, tt.w); got != tt.want {
			t.Errorf("%s: %v.Touches(%v, %v) = %v; want %v", tt.name, tt.s, bleed, tt.w, got, tt.want)
		}
	}
}
