// Package page embeds cardgen's web page: one HTML file, its script and
// its style sheet, written by hand (no build step, nothing fetched from
// the internet). `cardgen serve` serves them; package web says how.
package page

import "embed"

// FS holds the page's files.
//
//go:embed index.html app.js app.css
var FS embed.FS

// Files lists the page's files with their MIME types.
var Files = map[string]string{
	"index.html": "text/html; charset=utf-8",
	"app.js":     "text/javascript; charset=utf-8",
	"app.css":    "text/css; charset=utf-8",
}
