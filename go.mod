module github.com/cardgen/cardgen

go 1.26.0

require (
	codeberg.org/go-pdf/fpdf v0.12.0
	github.com/pdfcpu/pdfcpu v0.15.0
	github.com/rivo/uniseg v0.4.7
	github.com/spf13/cobra v1.10.2
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/image v0.48.0
	golang.org/x/text v0.44.0
)

require (
	github.com/clipperhouse/uax29/v2 v2.7.0 // indirect
	github.com/hhrutter/tiff v1.0.6 // indirect
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/mattn/go-runewidth v0.0.27 // indirect
	github.com/spf13/pflag v1.0.10 // indirect
	golang.org/x/crypto v0.54.0 // indirect
)

// fpdf v0.12.0 with one patch (its zlib writers reused): see
// pkg/internal/fpdf/PATCH.md.
replace codeberg.org/go-pdf/fpdf v0.12.0 => ./pkg/internal/fpdf
