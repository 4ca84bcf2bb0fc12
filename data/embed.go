// Package data embeds the default dataset: the 20 personas of the workshop
// deck, in French (personas.yaml), and its English edition (personas.en.yaml).
package data

import "embed"

// FS holds the default dataset and its editions.
//
//go:embed personas.yaml personas.*.yaml
var FS embed.FS

// Default is the name of the default dataset in FS.
const Default = "personas.yaml"
