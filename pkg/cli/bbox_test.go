package cli_test

import (
	"fmt"
	"html"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/cardgen/cardgen/internal/testenv"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/impose"
	"github.com/cardgen/cardgen/pkg/layout"
)

// popplerPage is a page of a PDF as poppler reads it (pdftotext
// -bbox-layout): its words with their boxes, and its text, one line of
// the page a line, blocks apart.
type popplerPage struct {
	words []popplerWord
	text  string
}

type popplerWord struct {
	box  geom.Rect // in mm from the page's top left corner
	text string
}

// bboxItem is one element of pdftotext -bbox-layout's output that
// popplerPages needs: a page, the end of a line or a block, a word.
var bboxItem = regexp.MustCompile(`<page width=|</line>|</block>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// popplerRead is the pages of the PDF of the embedded deck with one layout,
// read once by pdftotext.
type popplerRead struct {
	once  sync.Once
	pages []popplerPage
	err   string
}

var popplerReads sync.Map // layout → *popplerRead

// popplerPages returns the pages of the embedded deck's PDF with layout
// (defaultPDF) as poppler reads them: pdftotext runs once per PDF for all
// the tests that read it.
func popplerPages(t *testing.T, layout string) []popplerPage {
	t.Helper()
	pdftotext := testenv.Tool(t, "apt-get install poppler-utils (bash .ci/run does)", "pdftotext")
	path := defaultPDF(t, layout).path
	v, _ := popplerReads.LoadOrStore(layout, &popplerRead{})
	r := v.(*popplerRead)
	r.once.Do(func() {
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", "-bbox-layout", path, "-").Output()
		if err != nil {
			r.err = fmt.Sprintf("pdftotext -bbox-layout %s: %v", path, err)
			return
		}
		var text strings.Builder
		var line []string
		for _, m := range bboxItem.FindAllStringSubmatch(string(out), -1) {
			switch {
			case m[0] == "<page width=":
				if len(r.pages) > 0 {
					r.pages[len(r.pages)-1].text = text.String()
				}
				r.pages = append(r.pages, popplerPage{})
				text.Reset()
			case m[0] == "</line>":
				text.WriteString(strings.Join(line, " ") + "\n")
				line = line[:0]
			case m[0] == "</block>":
				text.WriteString("\n")
			default:
				var v [4]float64
				for i := range v {
					f, _ := strconv.ParseFloat(m[1+i], 64)
					v[i] = f / geom.PtPerMM
				}
				w := popplerWord{geom.R(v[0], v[1], v[2]-v[0], v[3]-v[1]), html.UnescapeString(m[5])}
				p := &r.pages[len(r.pages)-1]
				p.words = append(p.words, w)
				line = append(line, w.text)
			}
		}
		if len(r.pages) > 0 {
			r.pages[len(r.pages)-1].text = text.String()
		}
	})
	if r.err != "" {
		t.Fatal(r.err)
	}
	return r.pages
}

// TestTextInsideSafeZoneOnPaper reads back where poppler finds every word on
// every page and checks that each lies inside the safe zone of a card on
// that page (4 mm inside the trim): an independent check of the renderer,
// not of our own geometry (pkg/face's TestTextInSafeZone checks that, in
// every run). Slow: CARDGEN_SLOW=1 runs it, as CI does.
func TestTextInsideSafeZoneOnPaper(t *testing.T) {
	testenv.Slow(t, "reads two PDFs back with poppler")
	t.Parallel()
	for _, name := range []string{"a4", "tarot"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			pages := popplerPages(t, name)
			spec, err := layout.LoadFile("../../layouts/" + name + ".yaml")
			if err != nil {
				t.Fatal(err)
			}
			plan := impose.Impose(spec, 20)
			if len(pages) != len(plan.Pages) {
				t.Fatalf("poppler read %d pages, want %d", len(pages), len(plan.Pages))
			}
			words := 0
			const tolerance = 0.01 // mm: poppler rounds its coordinates
			for i, page := range pages {
				for _, w := range page.words {
					box := w.box.Inset(tolerance)
					inside := false
					for _, c := range plan.Pages[i].Cards {
						inside = inside || c.Trim.Inset(spec.Safe).Contains(box)
					}
					if !inside {
						t.Errorf("page %d: %q at %v is outside every card's safe zone", i+1, w.text, box)
					}
					words++
				}
			}
			if words < 1000 {
				t.Errorf("read %d words; want over 1000", words)
			}
		})
	}
}
