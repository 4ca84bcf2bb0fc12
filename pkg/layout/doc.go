// Package layout is the print layout spec: paper, card size, bleed, safe
// margin, grid, gap, crop marks, duplex edge and page order, all in
// millimetres. Specs are YAML files, readable and editable by a person; the
// built-in ones are embedded (package layouts).
//
// A file gives only what differs: paper: and card: are required, every
// other field has a default that suits a school printer (3 mm bleed, 4 mm
// safe margin, 5 mm printer margin, crop marks, duplex on the long edge, the
// most cards that fit; see Defaults). A file may start from another spec
// with base: (a built-in's name, or a path relative to the file) and
// override only the fields it writes; nested mappings such as marks: merge
// field by field, paper: is replaced whole, and name: and description: are
// never inherited. A grid from the base is computed again when the file
// gives another card, paper or orientation, unless it writes grid: (or is a
// print shop's trim_box layout).
//
// A file that gives neither bleed: nor gap: gets the first of three
// spacings (3 mm bleed and 10 mm gaps, 3 and 6, 1.5 and 3) that holds the
// most cards: small cards such as poker cards on A4 fit 3 × 3, as on the
// built-in a4-poker, rather than the 2 × 2 of tarot-sized gaps.
//
// Load checks every field and reports all problems at once, each with the
// file, line and column where it is written (for a field inherited from a
// built-in, the base: line that brought it in). Every step is arithmetic in
// the size of the grid, never a loop over slots: cards are at least MinCard
// on each side and grids at most MaxGrid × MaxGrid.
//
// (*Spec).YAML writes a resolved spec back as a file that sets every field,
// defaults included; loading it gives the same spec.
package layout
