package app

import (
	"errors"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/geom"
)

// TestParseOffset: X,Y with decimal points, as the README writes it, and
// French decimal commas parted unambiguously; commas that could be read
// two ways are refused with each reading.
func TestParseOffset(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want geom.Point
	}{
		{"1.5,-0.5", geom.Point{X: 1.5, Y: -0.5}},
		{"1.5, -0.5", geom.Point{X: 1.5, Y: -0.5}},
		{" 0,0 ", geom.Point{}},
		{"1,-1", geom.Point{X: 1, Y: -1}},
		{"1,5", geom.Point{X: 1, Y: 5}}, // two numbers: an offset has two (the summary says what was read)
		{"1,5;-0,5", geom.Point{X: 1.5, Y: -0.5}},
		{"1,5 ; -0,5", geom.Point{X: 1.5, Y: -0.5}},
		{"1.5;-0.5", geom.Point{X: 1.5, Y: -0.5}},
		{"1,5 -0,5", geom.Point{X: 1.5, Y: -0.5}},
		{"1,5\u00a0\u22120,5", geom.Point{X: 1.5, Y: -0.5}}, // a no-break space and a typographic minus
		{"1.5 -0.5", geom.Point{X: 1.5, Y: -0.5}},
		{"x=1,5 y=-0,5", geom.Point{X: 1.5, Y: -0.5}},
		{"X=1,5,Y=-0,5", geom.Point{X: 1.5, Y: -0.5}},
		{"x: 1.5; y: -0.5", geom.Point{X: 1.5, Y: -0.5}},
		{"+2,-20", geom.Point{X: 2, Y: -20}},
		{"0;1,25", geom.Point{X: 0, Y: 1.25}},
	} {
		got, err := ParseOffset(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseOffset(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"1,5,-0,5", `back offset "1,5,-0,5": its commas may part X from Y or mark decimals: it reads as X 1.5 and Y -0.5; write 1.5,-0.5, or with decimal commas "1,5;-0,5"`},
		{"1,5,2", `it reads as X 1.5 and Y 2, or as X 1 and Y 5.2; write 1.5,2 or 1,5.2, or with decimal commas "1,5;2" or "1;5,2"`},
		{"1.5", `only one number: give X and Y, such as 1.5,0`},
		{"1;2;3", "give X,Y in mm"},
		{"a,b", "give X,Y in mm"},
		{"NaN,0", "give X,Y in mm"},
		{"1e1,0", "give X,Y in mm"},
		{"0,25", `back offset "0,25": X 0 and Y 25: each must be between -20 and 20 mm`},
		{"", "give X,Y in mm"},
	} {
		_, err := ParseOffset(tt.in)
		var oe *OptionError
		if !errors.As(err, &oe) || oe.Option != OptBackOffset || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseOffset(%q): %v; want an error about the back offset with %q", tt.in, err, tt.want)
		}
	}
	// The command that measures an offset is named by the caller.
	_, err := ParseOffset("a,b")
	var oe *OptionError
	errors.As(err, &oe)
	web := oe.Format(func(o Option) string {
		return map[Option]string{OptBackOffset: "offset", RefCalibrate: "the calibration sheet"}[o]
	})
	if !strings.HasPrefix(web, `offset "a,b": `) || !strings.Contains(web, "(the calibration sheet measures them)") || strings.Contains(web, "cardgen") {
		t.Errorf("worded for the web: %s", web)
	}
}

// TestDescribeOffset: what a build's summary says of the shift it made,
// and when it warns.
func TestDescribeOffset(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		p             geom.Point
		says, warning string
	}{
		{geom.Point{}, "", ""},
		{geom.Point{X: 1.5, Y: -0.5}, "backs shifted 1.5 mm right and 0.5 mm up", ""},
		{geom.Point{X: -2}, "backs shifted 2 mm left", ""},
		{geom.Point{X: 3, Y: -3}, "backs shifted 3 mm right and 3 mm up", ""},
		{geom.Point{X: 1, Y: 5}, "backs shifted 1 mm right and 5 mm down",
			"backs shifted 1 mm right and 5 mm down: more than the 3 mm printers usually shift; check it on the calibration sheet. If you meant 1.5 mm (a decimal comma), write 1.5,0 or \"1,5;0\""},
		{geom.Point{X: 4.5}, "backs shifted 4.5 mm right", "backs shifted 4.5 mm right: more than the 3 mm printers usually shift; check it on the calibration sheet"},
	} {
		if got := DescribeOffset(tt.p); got != tt.says {
			t.Errorf("DescribeOffset(%v) = %q; want %q", tt.p, got, tt.says)
		}
		if got := OffsetWarning(tt.p); got != tt.warning {
			t.Errorf("OffsetWarning(%v) = %q; want %q", tt.p, got, tt.warning)
		}
	}
}
