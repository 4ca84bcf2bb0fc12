package cli_test

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"

	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/layout"
)

var wordBox = regexp.MustCompile(`<page width="([\d.]+)"|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// TestTextInsideSafeZoneOnPaper reads back where poppler finds every word on
// every page (pdftotext -bbox) and checks that each lies inside the safe zone
// of a card on that page (4 mm inside the trim): an independent check of the
// renderer, not of our own geometry.
func TestTextInsideSafeZoneOnPaper(t *testing.T) {
	t.Parallel()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed; CI must install poppler-utils")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	for _, name := range []string{"a4", "tarot"} {
		path, _ := buildPDF(t, name, nil)
		spec, err := layout.LoadFile("../../layouts/" + name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		plan := impose.Impose(spec, 20)
		out, err := exec.Command(pdftotext, "-bbox", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		page, words := -1, 0
		const tolerance = 0.01 // mm: poppler rounds its coordinates
		for _, m := range wordBox.FindAllStringSubmatch(string(out), -1) {
			if m[1] != "" {
				page++
				continue
			}
			v := make([]float64, 4)
			for i := range v {
				f, _ := strconv.ParseFloat(m[2+i], 64)
				v[i] = f / geom.PtPerMM
			}
			box := geom.R(v[0], v[1], v[2]-v[0], v[3]-v[1]).Inset(tolerance)
			inside := false
			for _, c := range plan.Pages[page].Cards {
				inside = inside || c.Trim.Inset(spec.Safe).Contains(box)
			}
			if !inside {
				t.Errorf("%s page %d: %q at %v is outside every card's safe zone", name, page+1, m[6], box)
			}
			words++
		}
		if page+1 != len(plan.Pages) || words < 1000 {
			t.Errorf("%s: read %d pages and %d words; want %d pages and over 1000 words", name, page+1, words, len(plan.Pages))
		}
	}
}
