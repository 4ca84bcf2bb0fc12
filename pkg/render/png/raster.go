package png

import (
	"image"
	"image/color"
	"math"

	"golang.org/x/image/vector"
)

// The arithmetic here is written so that the same drawing gives the same
// pixels on every machine: products are converted explicitly before they
// are added (a Go compiler may otherwise fuse a*b+c into one instruction on
// some processors, which rounds differently), curves are flattened here in
// float64, and the rasterizer only ever sees straight lines inside tiles of
// at most 512 pixels, where x/image/vector uses its integer (fixed-point)
// arithmetic.

// pt is a point in pixels.
type pt struct{ x, y float64 }

// affine maps drawing millimetres to page pixels: X = a·x + b·y + c,
// Y = d·x + e·y + f.
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) apply(x, y float64) pt {
	return pt{float64(m.a*x) + float64(m.b*y) + m.c, float64(m.d*x) + float64(m.e*y) + m.f}
}

// then returns the transform that applies n, then m.
func (m affine) then(n affine) affine {
	return affine{
		a: float64(m.a*n.a) + float64(m.b*n.d), b: float64(m.a*n.b) + float64(m.b*n.e), c: float64(m.a*n.c) + float64(m.b*n.f) + m.c,
		d: float64(m.d*n.a) + float64(m.e*n.d), e: float64(m.d*n.b) + float64(m.e*n.e), f: float64(m.d*n.c) + float64(m.e*n.f) + m.f,
	}
}

// axisAligned reports whether m keeps horizontal lines horizontal.
func (m affine) axisAligned() bool { return m.b == 0 && m.d == 0 }

// path is a set of closed polygons in pixels, filled with the non-zero
// winding rule.
type path [][]pt

func (p path) bounds() (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range p {
		for _, q := range c {
			x0, y0, x1, y1 = min(x0, q.x), min(y0, q.y), max(x1, q.x), max(y1, q.y)
		}
	}
	return
}

// quad appends to c the flattened quadratic Bézier curve from a through b to
// c2 (a itself excluded), in segments no farther than about 0.05 px from the
// curve.
func quad(c []pt, a, b, c2 pt) []pt {
	dev := math.Hypot(a.x-2*b.x+c2.x, a.y-2*b.y+c2.y)
	n := int(math.Ceil(math.Sqrt(5 * dev)))
	n = min(max(n, 1), 64)
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		k0, k1, k2 := float64(u*u), float64(2*u*t), float64(t*t)
		c = append(c, pt{float64(k0*a.x) + float64(k1*b.x) + float64(k2*c2.x), float64(k0*a.y) + float64(k1*b.y) + float64(k2*c2.y)})
	}
	return c
}

// cube appends the flattened cubic Bézier curve from a through b and c2 to d.
func cube(c []pt, a, b, c2, d pt) []pt {
	dev := max(math.Hypot(a.x-2*b.x+c2.x, a.y-2*b.y+c2.y), math.Hypot(b.x-2*c2.x+d.x, b.y-2*c2.y+d.y))
	n := int(math.Ceil(math.Sqrt(7.5 * dev)))
	n = min(max(n, 1), 64)
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		k0, k1, k2, k3 := float64(float64(u*u)*u), float64(float64(3*u*u)*t), float64(float64(3*u*t)*t), float64(float64(t*t)*t)
		c = append(c, pt{
			float64(k0*a.x) + float64(k1*b.x) + float64(k2*c2.x) + float64(k3*d.x),
			float64(k0*a.y) + float64(k1*b.y) + float64(k2*c2.y) + float64(k3*d.y),
		})
	}
	return c
}

// clipPolygon clips a closed polygon to the rectangle r (Sutherland–
// Hodgman), using the scratch buffers bufs. Inside r, the clipped polygon
// winds around every point as the original does, so the non-zero rule
// fills the same area there.
func clipPolygon(poly []pt, r image.Rectangle, bufs *[2][]pt) []pt {
	x0, y0, x1, y1 := float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y)
	// Each edge of r: which side is inside, and where a segment crosses it.
	type edge struct {
		inside func(pt) bool
		cut    func(a, b pt) pt
	}
	edges := [4]edge{
		{func(p pt) bool { return p.x >= x0 }, func(a, b pt) pt { return pt{x0, a.y + float64((b.y-a.y)*((x0-a.x)/(b.x-a.x)))} }},
		{func(p pt) bool { return p.x <= x1 }, func(a, b pt) pt { return pt{x1, a.y + float64((b.y-a.y)*((x1-a.x)/(b.x-a.x)))} }},
		{func(p pt) bool { return p.y >= y0 }, func(a, b pt) pt { return pt{a.x + float64((b.x-a.x)*((y0-a.y)/(b.y-a.y))), y0} }},
		{func(p pt) bool { return p.y <= y1 }, func(a, b pt) pt { return pt{a.x + float64((b.x-a.x)*((y1-a.y)/(b.y-a.y))), y1} }},
	}
	in := poly
	for k, e := range edges {
		out := bufs[k%2][:0]
		if len(in) > 0 {
			prev := in[len(in)-1]
			for _, cur := range in {
				switch ci, pi := e.inside(cur), e.inside(prev); {
				case ci && pi:
					out = append(out, cur)
				case ci:
					out = append(out, e.cut(prev, cur), cur)
				case pi:
					out = append(out, e.cut(prev, cur))
				}
				prev = cur
			}
		}
		bufs[k%2] = out
		in = out
	}
	return in
}

// tile is the largest side, in pixels, of the area one rasterizer pass
// covers: x/image/vector uses integer arithmetic up to 512.
const tile = 512

// canvas is an opaque RGBA picture being painted, with the clip of the
// drawing being painted.
type canvas struct {
	img  *image.RGBA
	clip image.Rectangle
	z    vector.Rasterizer
	bufs [2][]pt // scratch for clipping
}

// fill paints p in colour c, anti-aliased, within the clip.
func (cv *canvas) fill(p path, c [3]uint8) {
	x0, y0, x1, y1 := p.bounds()
	if math.IsInf(x0, 0) {
		return
	}
	area := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(cv.clip)
	if area.Empty() {
		return
	}
	src := image.NewUniform(rgba(c))
	for ty := area.Min.Y; ty < area.Max.Y; ty += tile {
		for tx := area.Min.X; tx < area.Max.X; tx += tile {
			t := image.Rect(tx, ty, min(tx+tile, area.Max.X), min(ty+tile, area.Max.Y))
			cv.z.Reset(t.Dx(), t.Dy())
			ox, oy := float64(t.Min.X), float64(t.Min.Y)
			drawn := false
			for _, poly := range p {
				if len(poly) < 3 {
					continue
				}
				inside := true
				for _, q := range poly {
					if q.x < ox || q.y < oy || q.x > float64(t.Max.X) || q.y > float64(t.Max.Y) {
						inside = false
						break
					}
				}
				if !inside {
					poly = clipPolygon(poly, t, &cv.bufs)
					if len(poly) < 3 {
						continue
					}
				}
				cv.z.MoveTo(float32(poly[0].x-ox), float32(poly[0].y-oy))
				for _, q := range poly[1:] {
					cv.z.LineTo(float32(q.x-ox), float32(q.y-oy))
				}
				cv.z.ClosePath()
				drawn = true
			}
			if drawn {
				cv.z.Draw(cv.img, t, src, image.Point{})
			}
		}
	}
}

// fillRect paints the axis-aligned rectangle from (x0, y0) to (x1, y1) in
// pixels, with exact coverage of the pixels along its edges.
func (cv *canvas) fillRect(x0, y0, x1, y1 float64, c [3]uint8) {
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	area := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(cv.clip)
	if area.Empty() {
		return
	}
	// How much of pixel i, along one axis, lies between lo and hi.
	cover := func(lo, hi float64, i int) float64 {
		return min(hi, float64(i+1)) - max(lo, float64(i))
	}
	// The pixels from ix0 to ix1 lie wholly inside along x; on rows wholly
	// inside along y they take the colour as it is, copied from solid.
	ix0, ix1 := max(int(math.Ceil(x0)), area.Min.X), min(int(math.Floor(x1)), area.Max.X)
	var solid []uint8
	if ix1 > ix0 {
		solid = make([]uint8, 4*(ix1-ix0))
		for i := 0; i < len(solid); i += 4 {
			solid[i], solid[i+1], solid[i+2], solid[i+3] = c[0], c[1], c[2], 0xff
		}
	}
	pix := cv.img.Pix
	for y := area.Min.Y; y < area.Max.Y; y++ {
		cy := cover(y0, y1, y)
		for x := area.Min.X; x < area.Max.X; x++ {
			if x == ix0 && ix1 > ix0 && cy >= 1 {
				copy(pix[cv.img.PixOffset(x, y):], solid)
				x = ix1 - 1
				continue
			}
			a := float64(cover(x0, x1, x) * cy)
			i := cv.img.PixOffset(x, y)
			if a >= 1 {
				pix[i], pix[i+1], pix[i+2], pix[i+3] = c[0], c[1], c[2], 0xff
				continue
			}
			blend(pix[i:i+3:i+3], c, uint32(a*0xffff+0.5))
			pix[i+3] = 0xff
		}
	}
}

// blend mixes colour c over an opaque pixel at coverage a (0 to 0xffff).
func blend(px []uint8, c [3]uint8, a uint32) {
	for k := range 3 {
		px[k] = uint8((uint32(px[k])*(0xffff-a) + uint32(c[k])*a + 0x7fff) / 0xffff)
	}
}

func rgba(c [3]uint8) color.RGBA { return color.RGBA{R: c[0], G: c[1], B: c[2], A: 0xff} }
