package build

import (
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/layout"
)

// Pens of the lines drawn over a sheet: crop marks in black at the
// layout's stroke width, cut lines dashed, the fold line dash-dotted and
// grey, so that nobody cuts along the fold. Dash patterns are in mm.
var (
	cutDash  = []float64{3, 1.5}
	foldDash = []float64{4, 1, 1, 1}
	foldGrey = draw.Color{R: 0x80, G: 0x80, B: 0x80}
)

// sheetPages turns an imposition plan into the pages renderers draw: each
// placement's face where the plan puts it, and the plan's marks and fold
// line with their pens. faces holds the front and back of every card the
// plan places.
func sheetPages(plan impose.Plan, faces [][2]*draw.Drawing) []draw.Page {
	pages := make([]draw.Page, len(plan.Pages))
	for i, p := range plan.Pages {
		pages[i] = sheetPage(plan.Spec, p, func(pl impose.Placement, _ int) *draw.Drawing { return faces[pl.Card][pl.Side] }, nil)
	}
	return pages
}

// sheetPage is one page of a plan: face(pl, jobs[n]) is the drawing of its
// n-th placement pl (jobs may be nil).
func sheetPage(spec *layout.Spec, p impose.Page, face func(pl impose.Placement, job int) *draw.Drawing, jobs []int) draw.Page {
	page := draw.Page{W: p.Size.W, H: p.Size.H, TrimBox: p.TrimBox, Faces: make([]draw.Placed, len(p.Cards))}
	for j, pl := range p.Cards {
		job := 0
		if jobs != nil {
			job = jobs[j]
		}
		page.Faces[j] = draw.Placed{Drawing: face(pl, job), At: pl.Trim, Rotation: pl.Rotation}
	}
	if len(p.Marks) > 0 {
		marks := draw.Lines{Segs: p.Marks, Width: spec.Marks.Width, Color: draw.Black}
		if spec.Marks.Style == "cut" {
			marks.Dash = cutDash
		}
		page.Lines = append(page.Lines, marks)
	}
	if p.Fold != nil {
		page.Lines = append(page.Lines, draw.Lines{Segs: []geom.Segment{*p.Fold},
			Width: max(spec.Marks.Width, 0.2), Color: foldGrey, Dash: foldDash})
	}
	return page
}

// paperPages puts each drawing on a page of its own size.
func paperPages(drawings ...*draw.Drawing) []draw.Page {
	pages := make([]draw.Page, len(drawings))
	for i, d := range drawings {
		pages[i] = draw.Page{W: d.W, H: d.H, Faces: []draw.Placed{{Drawing: d, At: d.Rect()}}}
	}
	return pages
}
