package build

import (
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/draw"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

// CheckCoverage returns a problem for every character of d that the font
// cannot draw, with its U+ code and where it is (Compose does the same
// check).
func CheckCoverage(d *deck.Deck, fam *typeface.Family) diag.List {
	var problems diag.List
	checkCoverage(d, fam, typo.For(d.Language), &problems)
	return problems
}

// CardOrder lists the persona of every card to print, in order: each
// persona as many times as its copies.
func CardOrder(d *deck.Deck) []int { return cardOrder(d) }

// PaperPages puts each drawing on a page of its own size.
func PaperPages(drawings ...*draw.Drawing) []draw.Page { return paperPages(drawings...) }

// EachParallel calls f(0) … f(n-1), shared out among the cores; a panic in
// f comes back in the caller's goroutine as a bug saying what(i) was being
// done (see eachParallel).
func EachParallel(n int, f func(i int), what func(i int) string) { eachParallel(n, f, what) }
