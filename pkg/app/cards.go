package app

import (
	"strconv"
	"strings"

	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// ProblemCard returns the index in d.Personas of the persona a problem
// belongs to, or -1. A problem names its persona by id (Card); when
// several personas share that id (the problem may be just that), it
// belongs to the last of them that starts at or before the problem's line
// in the same file. A problem that names no persona but lies in a
// persona's row of a table (a category typed in its cell) belongs to that
// persona.
func ProblemCard(d *deck.Deck, p diag.Problem) int {
	if p.Card == "" {
		row := cellRow(p.Cell)
		if row == 0 || p.File != d.Source {
			return -1
		}
		for i := range d.Personas {
			if ps := &d.Personas[i]; cellRow(ps.Pos.Cell) == row && sheetOf(ps.Pos.Cell) == sheetOf(p.Cell) {
				return i
			}
		}
		return -1
	}
	found := -1
	for i := range d.Personas {
		ps := &d.Personas[i]
		if ps.ID != p.Card {
			continue
		}
		switch {
		case found < 0:
			found = i
		case p.File == d.Source && p.Line > 0 && ps.Pos.Line > 0 && ps.Pos.Line <= p.Line:
			found = i
		}
	}
	return found
}

// cellRow is the row of a spreadsheet cell ("F7", "personas!F7"): 0 for
// none, or for a whole row ("1:1"), which is a table's, not a persona's.
func cellRow(cell string) int {
	if i := strings.LastIndexByte(cell, '!'); i >= 0 {
		cell = cell[i+1:]
	}
	digits := strings.TrimLeft(cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	if digits == cell {
		return 0 // no column letter: not a cell
	}
	n, err := strconv.Atoi(digits)
	if err != nil {
		return 0
	}
	return n
}

// sheetOf is the sheet part of a workbook's cell, "" for a CSV file's.
func sheetOf(cell string) string {
	if i := strings.LastIndexByte(cell, '!'); i >= 0 {
		return cell[:i]
	}
	return ""
}

// cardsOf sorts problems by the persona of d each belongs to
// (ProblemCard), and returns those of no persona apart.
func cardsOf(d *deck.Deck, problems diag.List) (byCard map[int]diag.List, rest diag.List) {
	byCard = map[int]diag.List{}
	for _, p := range problems {
		if i := ProblemCard(d, p); i >= 0 {
			byCard[i] = append(byCard[i], p)
		} else {
			rest = append(rest, p)
		}
	}
	return byCard, rest
}

// keepCards returns a copy of d with the personas keep chooses, by index,
// each keeping its number in the whole deck.
func keepCards(d *deck.Deck, keep func(i int) bool) *deck.Deck {
	out := *d
	out.Personas = nil
	for i := range d.Personas {
		if keep(i) {
			p := d.Personas[i]
			p.Number, _ = d.Number(i)
			out.Personas = append(out.Personas, p)
		}
	}
	out.Total = len(d.Personas)
	if d.Total != 0 {
		out.Total = d.Total
	}
	return &out
}
