package face

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/textfit"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// TestFitTextIsFit: the bisection finds what textfit.Fit finds, the same
// block or the same error, for every text of the default deck in boxes
// from far too small to roomy, with and without a line limit.
func TestFitTextIsFit(t *testing.T) {
	t.Parallel()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range d.Personas {
		runs, err := textfit.ParseInline(typo.French(p.Text), typeface.Regular)
		if err != nil {
			t.Fatal(err)
		}
		paras := []textfit.Para{{Runs: runs}}
		for _, w := range []float64{25, 40, 62} {
			for _, h := range []float64{8, 15, 25, 40, 70} {
				for _, lines := range []int{0, 3} {
					spec := textfit.Spec{Width: w, Height: h, Max: 14, Min: 7, Leading: 1.3, MaxLines: lines}
					want, wantErr := textfit.Fit(fam, paras, spec)
					got, gotErr := fitText(fam, paras, spec)
					where := fmt.Sprintf("%s in %g × %g, %d lines", p.ID, w, h, lines)
					if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
						t.Errorf("%s: error %v, want %v", where, gotErr, wantErr)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s: %g pt, %d lines; Fit gives %g pt, %d lines", where, got.Size, len(got.Lines), want.Size, len(want.Lines))
					}
					checked++
				}
			}
		}
	}
	if checked < 500 {
		t.Errorf("checked %d cases", checked)
	}
}
