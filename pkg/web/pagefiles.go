package web

import (
	"net/http"
	"path"
	"strings"

	"github.com/cardgen/cardgen/fonts"
	"github.com/cardgen/cardgen/page"
)

// pageRoutes serves the page at /, its script and style at /static/, and
// the typeface at /fonts/ (the card previews are set in it, as the PDFs
// are). Nothing else: no directory listing, no file of the disk.
func (s *Server) pageRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		serveEmbedded(w, page.FS, "index.html", page.Files["index.html"])
	})
	mux.HandleFunc("GET /static/{name}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("name")
		typ, ok := page.Files[name]
		if !ok || name == "index.html" {
			http.NotFound(w, r)
			return
		}
		serveEmbedded(w, page.FS, name, typ)
	})
	mux.HandleFunc("GET /fonts/{name}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("name")
		if path.Ext(name) != ".ttf" || strings.ContainsAny(name, `/\`) {
			http.NotFound(w, r)
			return
		}
		serveEmbedded(w, fonts.FS, name, "font/ttf")
	})
}

type readFS interface{ ReadFile(string) ([]byte, error) }

func serveEmbedded(w http.ResponseWriter, fsys readFS, name, typ string) {
	data, err := fsys.ReadFile(name)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", typ)
	w.Write(data)
}
