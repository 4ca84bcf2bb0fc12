// Package layouts embeds the built-in layout specs, one YAML file each.
// `cardgen layouts` lists them; a user's own spec file uses the same schema.
package layouts

import (
	"embed"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// FS holds the built-in specs.
//
//go:embed *.yaml
var FS embed.FS

// Names lists the built-in layouts, sorted.
func Names() []string {
	entries, _ := fs.ReadDir(FS, ".")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
	}
	slices.Sort(names)
	return names
}

// File returns the file name in FS of the built-in layout name, and whether it exists.
func File(name string) (string, bool) {
	file := name + ".yaml"
	_, err := fs.Stat(FS, file)
	return file, err == nil
}
