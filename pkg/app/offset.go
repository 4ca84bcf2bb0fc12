package app

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
)

// MaxOffset is the largest back offset, either way, in mm.
const MaxOffset = 20.0

// UsualOffset is the most a duplex printer usually shifts its backs, in
// mm: a larger offset is worth a warning, in case it was misread.
const UsualOffset = 3.0

// offsetHelp is what every refusal of a back offset ends with.
const offsetHelp = "give X,Y in mm, each between -20 and 20, such as 1.5,-0.5, or with decimal commas \"1,5;-0,5\" ({cardgen calibrate} measures them)"

var (
	// number is a number of mm: a sign, digits, and a decimal point or
	// comma followed by digits.
	number = `[+-]?[0-9]+(?:[.,][0-9]+)?`
	// labelled is "x=1,5 y=-0,5" (or x: 1.5; y: -0.5).
	labelled = regexp.MustCompile(`^[xX]\s*[=:]\s*(` + number + `)\s*[,;]?\s*[yY]\s*[=:]\s*(` + number + `)$`)
	numberRe = regexp.MustCompile(`^` + number + `$`)
	integer  = regexp.MustCompile(`^[+-]?[0-9]+$`)
	fraction = regexp.MustCompile(`^[0-9]+$`)
)

// ParseOffset reads a back offset in mm, X (to the right) and Y (down),
// as a person may write it:
//
//   - "1.5,-0.5" or "1.5, -0.5": X,Y with decimal points, the form the
//     README and the English calibration sheet give;
//   - "1,5;-0,5", "1,5 ; -0,5" or "1,5 -0,5": decimal commas, as French
//     writes them, the two numbers parted by a semicolon or a space;
//   - "x=1,5 y=-0,5" (or x: 1.5; y: -0.5): each named.
//
// A minus sign may be typographic (−). Commas that could both part X from
// Y and mark decimals ("1,5,-0,5") are refused, with each reading they
// allow. "1,5" is X 1 and Y 5: an offset has two numbers; DescribeOffset
// and OffsetWarning then say what was read, which a build's summary shows.
func ParseOffset(s string) (geom.Point, error) {
	t := strings.NewReplacer("\u2212", "-", "\u2013", "-", "\u00a0", " ", "\u202f", " ", "\u2009", " ").Replace(strings.TrimSpace(s))
	p, err := readOffset(t)
	if err != nil {
		return geom.Point{}, invalid(OptBackOffset, s, err.Error())
	}
	if math.Abs(p.X) > MaxOffset || math.Abs(p.Y) > MaxOffset {
		return geom.Point{}, invalid(OptBackOffset, s, fmt.Sprintf("X %s and Y %s: each must be between -20 and 20 mm; printers shift their backs by a few mm at most ({cardgen calibrate} measures it)",
			layout.MM(p.X), layout.MM(p.Y)))
	}
	return p, nil
}

// readOffset reads X and Y from t (trimmed, with plain minus signs and
// spaces), or says why it cannot.
func readOffset(t string) (geom.Point, error) {
	two := func(x, y string, commas bool) (geom.Point, bool) {
		fx, okX := readNumber(strings.TrimSpace(x), commas)
		fy, okY := readNumber(strings.TrimSpace(y), commas)
		return geom.Point{X: fx, Y: fy}, okX && okY
	}
	bad := fmt.Errorf("%s", offsetHelp)
	if m := labelled.FindStringSubmatch(t); m != nil {
		p, _ := two(m[1], m[2], true)
		return p, nil
	}
	if strings.Contains(t, ";") {
		x, y, _ := strings.Cut(t, ";")
		if p, ok := two(x, y, true); ok {
			return p, nil
		}
		return geom.Point{}, bad
	}
	// Two numbers parted by spaces, each with a decimal comma or point:
	// "1,5 -0,5". A comma beside a space parts X from Y ("1.5, -0.5").
	if f := strings.Fields(t); len(f) == 2 && !strings.HasSuffix(f[0], ",") && !strings.HasPrefix(f[1], ",") {
		if p, ok := two(f[0], f[1], true); ok {
			return p, nil
		}
	}
	parts := strings.Split(t, ",")
	switch len(parts) {
	case 1:
		if _, ok := readNumber(t, false); ok {
			return geom.Point{}, fmt.Errorf("only one number: give X and Y, such as %s,0 (X %s mm to the right, Y 0)", t, t)
		}
		return geom.Point{}, bad
	case 2:
		if p, ok := two(parts[0], parts[1], false); ok {
			return p, nil
		}
		return geom.Point{}, bad
	}
	readings := commaReadings(parts)
	if len(readings) == 0 {
		return geom.Point{}, bad
	}
	var said, dots, commas []string
	for _, r := range readings {
		said = append(said, fmt.Sprintf("X %s and Y %s", layout.MM(r.X), layout.MM(r.Y)))
		dots = append(dots, layout.MM(r.X)+","+layout.MM(r.Y))
		commas = append(commas, `"`+strings.ReplaceAll(layout.MM(r.X), ".", ",")+";"+strings.ReplaceAll(layout.MM(r.Y), ".", ",")+`"`)
	}
	return geom.Point{}, fmt.Errorf("its commas may part X from Y or mark decimals: it reads as %s; write %s, or with decimal commas %s",
		strings.Join(said, ", or as "), strings.Join(dots, " or "), strings.Join(commas, " or "))
}

// readNumber reads a number of mm, with a decimal point, or a decimal
// comma when commas is true.
func readNumber(s string, commas bool) (float64, bool) {
	if !numberRe.MatchString(s) || !commas && strings.Contains(s, ",") {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return v, err == nil
}

// commaReadings are the offsets that numbers parted by commas may be,
// each comma either parting X from Y or marking decimals: "1,5,2" is X
// 1.5 and Y 2, or X 1 and Y 5.2.
func commaReadings(parts []string) []geom.Point {
	// join reads parts as one number: an integer, or an integer and its
	// decimals.
	join := func(p []string) (float64, bool) {
		switch {
		case len(p) == 1 && integer.MatchString(strings.TrimSpace(p[0])):
			return readNumber(strings.TrimSpace(p[0]), false)
		case len(p) == 2 && integer.MatchString(strings.TrimSpace(p[0])) && fraction.MatchString(p[1]):
			return readNumber(strings.TrimSpace(p[0])+"."+p[1], false)
		}
		return 0, false
	}
	var out []geom.Point
	for k := len(parts) - 1; k >= 1; k-- {
		x, okX := join(parts[:k])
		y, okY := join(parts[k:])
		if okX && okY {
			out = append(out, geom.Point{X: x, Y: y})
		}
	}
	return out
}

// DescribeOffset says in words where a back offset moves the backs:
// "backs shifted 1.5 mm right and 0.5 mm up"; "" for none.
func DescribeOffset(p geom.Point) string {
	var parts []string
	axis := func(v float64, plus, minus string) {
		switch {
		case v > 0:
			parts = append(parts, layout.MM(v)+" mm "+plus)
		case v < 0:
			parts = append(parts, layout.MM(-v)+" mm "+minus)
		}
	}
	axis(p.X, "right", "left")
	axis(p.Y, "down", "up")
	if len(parts) == 0 {
		return ""
	}
	return "backs shifted " + strings.Join(parts, " and ")
}

// OffsetWarning says when a back offset is more than printers usually
// shift (UsualOffset), in case it was misread: a decimal comma taken for
// the comma between X and Y ("1,5" read as X 1 and Y 5); "" otherwise.
func OffsetWarning(p geom.Point) string {
	if math.Abs(p.X) <= UsualOffset && math.Abs(p.Y) <= UsualOffset {
		return ""
	}
	msg := fmt.Sprintf("%s: more than the %s mm printers usually shift; check it on the calibration sheet",
		DescribeOffset(p), layout.MM(UsualOffset))
	if p.X == math.Trunc(p.X) && p.Y == math.Trunc(p.Y) && p.Y >= 0 {
		// X,Y as two whole numbers: perhaps one number with a decimal comma.
		x, y := layout.MM(p.X), layout.MM(p.Y)
		msg += fmt.Sprintf(". If you meant %s.%s mm (a decimal comma), write %s.%s,0 or \"%s,%s;0\"", x, y, x, y, x, y)
	}
	return msg
}
