package web

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/diag"
)

// routes is the page, its assets and the API, behind every guard.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	s.pageRoutes(mux)
	methods := map[string][]string{} // API path → its methods
	api := func(method, path string, h http.HandlerFunc) {
		methods[path] = append(methods[path], method)
		mux.HandleFunc(method+" "+path, h)
	}
	api("GET", "/api/info", s.handleInfo)
	api("GET", "/api/layouts", s.handleLayouts)
	api("GET", "/api/deck", s.handleDeck)
	api("POST", "/api/validate", s.handleValidate)
	api("POST", "/api/faces", s.handleFaces)
	api("POST", "/api/preview", s.handlePreview)
	api("POST", "/api/build", s.handleBuild)
	api("POST", "/api/guide", s.handleGuide)
	api("GET", "/api/calibrate", s.handleCalibrate)
	api("POST", "/api/calibrate", s.handleCalibrate)
	api("POST", "/api/images", s.handleImages)
	api("POST", "/api/export", s.handleExport)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if m, ok := methods[r.URL.Path]; ok {
			w.Header().Set("Allow", strings.Join(m, ", "))
			writeJSON(w, http.StatusMethodNotAllowed, errorBody{Message: fmt.Sprintf("%s takes %s", r.URL.Path, strings.Join(m, " or "))})
			return
		}
		writeJSON(w, http.StatusNotFound, errorBody{Message: "no such API: see the README's list of endpoints"})
	})
	var h http.Handler = mux
	h = s.timeLimit(h)
	h = crossOrigin(h)
	h = s.checkHost(h)
	h = securityHeaders(h)
	h = recoverPanics(h)
	h = s.logRequests(h)
	return h
}

// run does one backend operation for a request: it takes a slot (waiting a
// little for one), runs fn in a goroutine of its own under the request's
// deadline, and calls cleanup (which removes the request's folder) once fn
// has really returned, even when the request has already been answered.
func run[T any](s *Server, ctx context.Context, cleanup func(), fn func(context.Context) (T, error)) (T, error) {
	var zero T
	if cleanup == nil {
		cleanup = func() {}
	}
	release, err := s.slots.acquire(ctx)
	if err != nil {
		cleanup()
		return zero, err
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	s.work.Add(1)
	go func() {
		var r result
		func() {
			defer func() {
				if v := recover(); v != nil {
					r.err = fmt.Errorf("%s (%v)", bugMessage, v)
				}
			}()
			r.v, r.err = fn(ctx)
		}()
		// Folder removed and slot free before the answer goes out.
		cleanup()
		release()
		s.work.Done()
		done <- r
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		if ctx.Err() == context.DeadlineExceeded {
			return zero, &timeoutError{s.opts.RequestTimeout}
		}
		return zero, ctx.Err()
	}
}

func (s *Server) handleInfo(w http.ResponseWriter, r *http.Request) {
	info := s.backend.Info()
	writeJSON(w, http.StatusOK, struct {
		Info
		Version string         `json:"version"`
		Limits  map[string]any `json:"limits"`
	}{info, s.opts.Version, map[string]any{
		"dataset_bytes": s.limits.Dataset, "picture_bytes": s.limits.Picture, "request_bytes": s.limits.Body,
		"files": s.limits.Files, "zip_expanded_bytes": s.limits.ZipExpanded,
	}})
}

func (s *Server) handleLayouts(w http.ResponseWriter, r *http.Request) {
	layouts, err := s.backend.Layouts()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, layouts)
}

func (s *Server) handleDeck(w http.ResponseWriter, r *http.Request) {
	lang, err := langParam(r.URL.Query().Get("lang"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := run(s, r.Context(), nil, func(ctx context.Context) (*Deck, error) { return s.backend.Deck(ctx, lang) })
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// validateAnswer is what /api/validate returns: 200 whether or not the
// dataset has problems, since finding them is the point.
type validateAnswer struct {
	OK       bool      `json:"ok"`
	Summary  string    `json:"summary,omitempty"`
	Deck     *Deck     `json:"deck"`
	Problems []Problem `json:"problems"`
}

func (s *Server) handleValidate(w http.ResponseWriter, r *http.Request) {
	layouts, err := s.layoutsParam(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ds, folder, cleanup, err := s.takeUpload(w, r)
	if err != nil {
		return
	}
	c, err := run(s, r.Context(), cleanup, func(ctx context.Context) (*Checked, error) { return s.backend.Validate(ctx, ds, layouts) })
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if c.Deck != nil {
		c.Deck.Folder = folder
	}
	problems := problemsJSON(sorted(c.Problems), c.Card)
	setting := map[string]bool{}
	for _, p := range c.Typesetting {
		setting[p.Error()] = true
	}
	for i, p := range sorted(c.Problems) {
		problems[i].Typesetting = setting[p.Error()]
	}
	writeJSON(w, http.StatusOK, validateAnswer{OK: len(c.Problems) == 0, Summary: c.Summary, Deck: c.Deck, Problems: problems})
}

func sorted(l diag.List) diag.List {
	if err := l.Err(); err != nil {
		return err.(diag.List)
	}
	return l
}

// takeUpload reads the request's dataset, answering the error itself.
func (s *Server) takeUpload(w http.ResponseWriter, r *http.Request) (Dataset, string, func(), error) {
	ds, folder, cleanup, err := s.upload(r)
	if err == nil {
		err = checkDatasetParams(ds)
	}
	if err != nil {
		cleanup()
		s.writeError(w, r, err)
		return ds, "", nil, err
	}
	return ds, folder, cleanup, nil
}

func checkDatasetParams(ds Dataset) error {
	if _, err := langParam(ds.Lang); err != nil {
		return err
	}
	if _, err := langParam(ds.Edition); err != nil {
		return &RequestError{fmt.Sprintf("edition %q is not a language: write fr, en, …", ds.Edition)}
	}
	if ds.Format != "" && !formatPattern.MatchString(ds.Format) {
		return &RequestError{fmt.Sprintf("data_format %q: name a dataset format such as csv or yaml", ds.Format)}
	}
	return nil
}

// facesAnswer is what /api/faces returns.
type facesAnswer struct {
	Cards    []CardFaces `json:"cards"`
	Problems []Problem   `json:"problems"`
}

func (s *Server) handleFaces(w http.ResponseWriter, r *http.Request) {
	layout, err := s.layoutParam(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	opts := FacesOptions{Layout: layout, Only: listParam(r, "only")}
	if opts.Number, opts.Total, err = numberParams(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	ds, _, cleanup, err := s.takeUpload(w, r)
	if err != nil {
		return
	}
	f, err := run(s, r.Context(), cleanup, func(ctx context.Context) (*Faces, error) { return s.backend.Faces(ctx, ds, opts) })
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	cards := f.Cards
	if cards == nil {
		cards = []CardFaces{}
	}
	writeJSON(w, http.StatusOK, facesAnswer{Cards: cards, Problems: problemsJSON(sorted(f.Problems), f.Card)})
}

func (s *Server) handlePreview(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	layout, err := s.layoutParam(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	opts := PreviewOptions{Layout: layout, ID: q.Get("id"), Side: q.Get("side"), Format: q.Get("format")}
	if opts.Side == "" {
		opts.Side = "front"
	}
	if opts.Format == "" {
		opts.Format = "svg"
	}
	switch {
	case opts.ID == "":
		err = &RequestError{"id: name the card (its persona's id)"}
	case opts.Side != "front" && opts.Side != "back":
		err = &RequestError{fmt.Sprintf("side %q: use front or back", opts.Side)}
	case opts.Format != "svg" && opts.Format != "png":
		err = &RequestError{fmt.Sprintf("format %q: use svg or png", opts.Format)}
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ds, _, cleanup, err := s.takeUpload(w, r)
	if err != nil {
		return
	}
	f, err := run(s, r.Context(), cleanup, func(ctx context.Context) (File, error) { return s.backend.Preview(ctx, ds, opts) })
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sendFile(w, f, "inline")
}

func (s *Server) handleBuild(w http.ResponseWriter, r *http.Request) {
	layouts, err := s.layoutsParam(r)
	if err == nil {
		var p PrintOptions
		p, err = printParams(r)
		opts := BuildOptions{Layouts: layouts, Select: selectParams(r), Print: p}
		if err == nil {
			s.sendFiles(w, r, func(ctx context.Context, ds Dataset) ([]File, error) { return s.backend.Build(ctx, ds, opts) })
			return
		}
	}
	s.writeError(w, r, err)
}

func (s *Server) handleGuide(w http.ResponseWriter, r *http.Request) {
	paper := r.URL.Query().Get("paper")
	switch strings.ToLower(paper) {
	case "", "a4":
		paper = "A4"
	case "letter":
		paper = "Letter"
	default:
		s.writeError(w, r, &RequestError{fmt.Sprintf("paper %q: use A4 or Letter", paper)})
		return
	}
	opts := GuideOptions{Paper: paper, Select: selectParams(r)}
	s.sendFiles(w, r, func(ctx context.Context, ds Dataset) ([]File, error) {
		f, err := s.backend.Guide(ctx, ds, opts)
		return []File{f}, err
	})
}

func (s *Server) handleCalibrate(w http.ResponseWriter, r *http.Request) {
	layout, err := s.layoutParam(r)
	var p PrintOptions
	if err == nil {
		p, err = printParams(r)
	}
	lang := ""
	if err == nil {
		lang, err = langParam(r.URL.Query().Get("lang"))
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// The sheet depends on the layout alone: nothing to read from the body.
	opts := CalibrateOptions{Layout: layout, Lang: lang, Print: p}
	f, err := run(s, r.Context(), nil, func(ctx context.Context) (File, error) { return s.backend.Calibrate(ctx, opts) })
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sendFile(w, f, "attachment")
}

func (s *Server) handleImages(w http.ResponseWriter, r *http.Request) {
	layout, err := s.layoutParam(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	opts := ImagesOptions{Layout: layout, Select: selectParams(r)}
	s.sendFiles(w, r, func(ctx context.Context, ds Dataset) ([]File, error) {
		return s.backend.Images(ctx, ds, opts)
	}, "preview.zip") // the folder cardgen preview writes into
}

func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	to := strings.ToLower(r.URL.Query().Get("to"))
	if to == "" {
		to = "csv"
	}
	if !slices.Contains(s.backend.Info().Formats, to) {
		s.writeError(w, r, &RequestError{fmt.Sprintf("to %q: the formats are %s", to, strings.Join(s.backend.Info().Formats, ", "))})
		return
	}
	s.sendFiles(w, r, func(ctx context.Context, ds Dataset) ([]File, error) {
		// A dataset with problems is written all the same: the file keeps
		// the fixes so far, and the answer counts what remains.
		f, problems, err := s.backend.Export(ctx, ds, to)
		f.problems = len(problems)
		return []File{f}, err
	})
}

// problemsHeader, on the file /api/export sends, counts the problems the
// dataset still has (as /api/validate lists them).
const problemsHeader = "Cardgen-Problems"

// sendFiles reads the request's dataset, makes files from it, and sends
// them: one as itself, several as a .zip.
func (s *Server) sendFiles(w http.ResponseWriter, r *http.Request, make func(context.Context, Dataset) ([]File, error), zipName ...string) {
	ds, _, cleanup, err := s.takeUpload(w, r)
	if err != nil {
		return
	}
	files, err := run(s, r.Context(), cleanup, func(ctx context.Context) ([]File, error) { return make(ctx, ds) })
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	files = slices.DeleteFunc(files, func(f File) bool { return f.Name == "" })
	switch len(files) {
	case 0:
		s.writeError(w, r, fmt.Errorf("%s (no file was made)", bugMessage))
	case 1:
		sendFile(w, files[0], "attachment")
	default:
		z, err := zipFiles(files)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if len(zipName) > 0 {
			z.Name = zipName[0]
		}
		sendFile(w, z, "attachment")
	}
}

// sendFile answers a file, named for the browser to save it under.
func sendFile(w http.ResponseWriter, f File, disposition string) {
	h := w.Header()
	h.Set("Content-Type", f.Type)
	h.Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": f.Name}))
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	if f.problems > 0 {
		h.Set(problemsHeader, strconv.Itoa(f.problems))
	}
	w.WriteHeader(http.StatusOK)
	w.Write(f.Data)
}

// zipDate is the date of every file in the .zip files the server makes:
// fixed, so that the same files give the same bytes.
var zipDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// zipFiles puts files in a .zip named after what their names share
// ("personas-a4.pdf" and "personas-tarot.pdf" give "personas.zip").
func zipFiles(files []File) (File, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Name
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: zipDate})
		if err != nil {
			return File{}, err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return File{}, err
		}
	}
	if err := zw.Close(); err != nil {
		return File{}, err
	}
	return File{Name: commonStem(names) + ".zip", Type: "application/zip", Data: buf.Bytes()}, nil
}

// commonStem is the start that names share, up to a hyphen or dot:
// "personas" for personas-a4.pdf and personas-tarot.pdf.
func commonStem(names []string) string {
	prefix := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	whole := true // every name goes on with a hyphen after the prefix
	for _, n := range names {
		if len(n) <= len(prefix) || n[len(prefix)] != '-' {
			whole = false
		}
	}
	if !whole {
		prefix = prefix[:max(strings.LastIndexAny(prefix, "-."), 0)]
	}
	if prefix = strings.TrimRight(prefix, "-."); prefix == "" {
		return "cardgen"
	}
	return prefix
}

// ---- query parameters

var formatPattern = regexp.MustCompile(`^[A-Za-z]{1,10}$`)

var langPattern = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}$`)

func langParam(s string) (string, error) {
	if s == "" || langPattern.MatchString(s) {
		return s, nil
	}
	return "", &RequestError{fmt.Sprintf("lang %q is not a language: write fr, en, fr-CA, …", s)}
}

// listParam reads a parameter given several times or with commas.
func listParam(r *http.Request, name string) []string {
	var out []string
	for _, v := range r.URL.Query()[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func selectParams(r *http.Request) Selection {
	return Selection{Only: listParam(r, "only"), Categories: listParam(r, "category"), Exclude: listParam(r, "exclude")}
}

// numberParams reads number and total: the place, in a deck of total
// cards, of the first card sent (the page sends the one it redraws).
func numberParams(r *http.Request) (number, total int, err error) {
	q := r.URL.Query()
	if q.Get("number") == "" && q.Get("total") == "" {
		return 0, 0, nil
	}
	number, errN := strconv.Atoi(q.Get("number"))
	total, errT := strconv.Atoi(q.Get("total"))
	if errN != nil || errT != nil || number < 1 || number > total || total > deck.MaxPersonas {
		return 0, 0, &RequestError{fmt.Sprintf("number %q, total %q: give both, the first card's place (from 1) in a deck of total cards", q.Get("number"), q.Get("total"))}
	}
	return number, total, nil
}

// layoutsParam reads the layouts asked for (default a4): built-in ones
// only, since the server reads no file it was not sent.
func (s *Server) layoutsParam(r *http.Request) ([]string, error) {
	names := listParam(r, "layout")
	if len(names) == 0 {
		names = []string{"a4"}
	}
	known, err := s.backend.Layouts()
	if err != nil {
		return nil, err
	}
	var all []string
	for _, l := range known {
		all = append(all, l.Name)
	}
	var out []string
	for _, n := range names {
		if !slices.Contains(all, n) {
			return nil, &RequestError{fmt.Sprintf("unknown layout %q; the layouts are %s", n, strings.Join(all, ", "))}
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// layoutParam reads one layout.
func (s *Server) layoutParam(r *http.Request) (string, error) {
	names, err := s.layoutsParam(r)
	if err != nil {
		return "", err
	}
	if len(names) > 1 {
		return "", &RequestError{"give one layout"}
	}
	return names[0], nil
}

// printParams reads duplex, offset and ink_saver.
func printParams(r *http.Request) (PrintOptions, error) {
	q := r.URL.Query()
	var p PrintOptions
	switch d := q.Get("duplex"); d {
	case "", "long", "short", "none":
		p.Duplex = d
	default:
		return p, &RequestError{fmt.Sprintf("duplex %q: use long (flip on the long edge), short, or none (no double-sided printing)", d)}
	}
	if o := q.Get("offset"); o != "" {
		// The command line's parser: X,Y, or French decimals ("1,5;-0,5").
		v, err := app.ParseOffset(o)
		if err != nil {
			return p, translate(err)
		}
		p.Offset = &Offset{X: v.X, Y: v.Y}
	}
	switch v := strings.ToLower(q.Get("ink_saver")); v {
	case "", "false", "0", "no", "off":
	case "true", "1", "yes", "on":
		p.InkSaver = true
	default:
		return p, &RequestError{fmt.Sprintf("ink_saver %q: use true or false", v)}
	}
	return p, nil
}
