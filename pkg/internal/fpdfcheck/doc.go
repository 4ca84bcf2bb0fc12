// Package fpdfcheck holds the proof that the patched copy of fpdf in
// pkg/internal/fpdf (see its PATCH.md) is upstream fpdf v0.12.0 with its
// patches, and writes the same bytes. Its tests compare the copy's files
// with upstream's, and build cardgen against both to compare the PDFs of
// the default decks; the second is slow and runs with CARDGEN_SLOW=1, as
// CI does (see internal/testenv). It has no code of its own.
package fpdfcheck
