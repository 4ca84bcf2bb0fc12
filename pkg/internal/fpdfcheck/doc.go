// Package fpdfcheck holds the proof that the patched copy of fpdf in
// pkg/internal/fpdf (see its PATCH.md) is upstream fpdf v0.12.0 with its
// patches, and writes the same bytes: its test builds cardgen against both
// and compares the PDFs of the default decks. It has no code of its own.
package fpdfcheck
