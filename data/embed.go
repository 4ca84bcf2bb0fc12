// Package data embeds the default dataset: the 20 personas of the workshop
// deck, in French.
package data

import "embed"

// FS holds the default dataset.
//
//go:embed personas.yaml
var FS embed.FS

// Default is the name of the default dataset in FS.
const Default = "personas.yaml"
