package web

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cardgen/cardgen/pkg/deck"
)

// What a POST may carry, as multipart/form-data:
//
//	data    the dataset file (.csv, .yaml, …), or a .zip of its folder
//	        (the dataset and its pictures); left out for the built-in deck
//	images  the pictures, each named by its path from the dataset's folder
//	        (images/koffi.png), or a .zip of them; as many parts as needed
//
// The dataset stays in memory; pictures go to the request's private folder
// as they arrive, each bounded, so that neither memory nor disk holds more
// than the limits allow.

// upload reads what a request carries. It makes the request's private
// folder; the caller removes it (cleanup) when the work is done, also on
// error.
func (s *Server) upload(r *http.Request) (ds Dataset, folder string, cleanup func(), err error) {
	dir, err := os.MkdirTemp(s.temp, "req-")
	if err != nil {
		return Dataset{}, "", func() {}, fmt.Errorf("cannot make a temporary folder: %w", err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	ds.Dir = dir
	q := r.URL.Query()
	ds.Lang, ds.Edition, ds.Format = q.Get("lang"), q.Get("edition"), q.Get("data_format")
	ds.NoTitle = q.Get("no_title") == "true"
	if r.ContentLength > s.limits.Body {
		return ds, "", cleanup, &http.MaxBytesError{Limit: s.limits.Body}
	}
	body := http.MaxBytesReader(nil, r.Body, s.limits.Body)
	defer body.Close()
	ct := r.Header.Get("Content-Type")
	if ct == "" && r.ContentLength <= 0 {
		return ds, "", cleanup, nil // nothing sent: the built-in deck
	}
	media, params, err := mime.ParseMediaType(ct)
	if err != nil || media != "multipart/form-data" || params["boundary"] == "" {
		// Anything else in the body is refused rather than ignored.
		if n, _ := io.Copy(io.Discard, io.LimitReader(body, 1)); n == 0 && media != "multipart/form-data" {
			return ds, "", cleanup, nil
		}
		return ds, "", cleanup, &badUpload{"send the dataset as multipart/form-data: a part named data (the file) and, if it has pictures, parts named images"}
	}
	u := &uploader{s: s, root: dir, ds: &ds}
	err = u.read(multipart.NewReader(body, params["boundary"]))
	return ds, u.folder, cleanup, err
}

// uploader reads the parts of one request.
type uploader struct {
	s        *Server
	root     string
	ds       *Dataset
	folder   string // where the dataset was in a .zip sent as data
	files    int
	expanded int64
	written  map[string]bool
}

func (u *uploader) read(mr *multipart.Reader) error {
	u.written = map[string]bool{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) || errors.Is(err, os.ErrDeadlineExceeded) {
				return readError(err)
			}
			return &badUpload{"the request's body is not valid multipart/form-data: " + err.Error()}
		}
		name := rawFileName(part)
		switch part.FormName() {
		case "data":
			if u.ds.Data != nil {
				return &badUpload{"send one dataset (one part named data)"}
			}
			if isZip(name) {
				err = u.zipPart(part, name, true)
			} else {
				err = u.dataset(part, name)
			}
		case "images":
			if isZip(name) {
				err = u.zipPart(part, name, false)
			} else {
				err = u.picture(part, name)
			}
		default:
			err = &badUpload{fmt.Sprintf("unknown part %q: send the dataset as data and its pictures as images", part.FormName())}
		}
		part.Close()
		if err != nil {
			return readError(err)
		}
	}
}

// readError says what went wrong while reading an upload: too large, too
// slow, cut off; the server's own errors pass as they are.
func readError(err error) error {
	var (
		mbe *http.MaxBytesError
		big *tooLargeError
		bad *badUpload
	)
	switch {
	case errors.As(err, &mbe), errors.As(err, &big), errors.As(err, &bad):
		return err
	case errors.Is(err, os.ErrDeadlineExceeded):
		return &slowUpload{}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &badUpload{"the upload was cut off before its end; send it again"}
	}
	return err
}

// rawFileName is the part's file name as sent, folders included
// (multipart.Part.FileName keeps only the last element).
func rawFileName(p *multipart.Part) string {
	_, params, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
	if err != nil {
		return ""
	}
	return params["filename"]
}

func isZip(name string) bool { return strings.EqualFold(path.Ext(name), ".zip") }

// dataset keeps the dataset file in memory.
func (u *uploader) dataset(r io.Reader, name string) error {
	base := baseName(name)
	if base == "" {
		return &badUpload{"the dataset part has no file name: name it as the file is named (deck.csv), so that its format is known"}
	}
	data, err := io.ReadAll(io.LimitReader(r, u.s.limits.Dataset+1))
	if err != nil {
		return err
	}
	if int64(len(data)) > u.s.limits.Dataset {
		return &tooLargeError{fmt.Sprintf("the dataset %s is larger than the %s a dataset may be", base, size(u.s.limits.Dataset))}
	}
	u.ds.Name, u.ds.Data = base, data
	return nil
}

// baseName is the last element of a file name sent by any system, or ""
// when it is unusable.
func baseName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" || name == ".." || !printable(name) {
		return ""
	}
	return name
}

func printable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' })
}

// localPath checks a path sent by a client (a picture's, or a .zip
// entry's) and returns it clean and slash-separated, or an error when it
// is absolute or leads out of its folder.
func localPath(name string) (string, error) {
	s := strings.ReplaceAll(name, `\`, "/")
	bad := func() (string, error) {
		return "", &badUpload{fmt.Sprintf("the path %q leads outside the dataset's folder: send pictures by their path from that folder, such as images/photo.png", name)}
	}
	if s == "" || strings.HasPrefix(s, "/") || len(s) >= 2 && s[1] == ':' || !printable(s) {
		return bad()
	}
	s = path.Clean(s)
	if s == "." || s == ".." || strings.HasPrefix(s, "../") {
		return bad()
	}
	if !fs.ValidPath(s) {
		return bad()
	}
	return s, nil
}

// picture writes one picture to the request's folder, at its path.
func (u *uploader) picture(r io.Reader, name string) error {
	rel, err := localPath(name)
	if err != nil {
		return err
	}
	return u.write(rel, r, -1)
}

// write saves one file under the request's folder, bounded by the picture
// limit (or the dataset limit for a dataset file found in a .zip).
func (u *uploader) write(rel string, r io.Reader, limit int64) error {
	u.files++
	if u.files > u.s.limits.Files {
		return &tooLargeError{fmt.Sprintf("more than %d files were sent at once", u.s.limits.Files)}
	}
	if u.written[strings.ToLower(rel)] {
		return &badUpload{fmt.Sprintf("two files are named %s", rel)}
	}
	u.written[strings.ToLower(rel)] = true
	if limit < 0 {
		limit = u.s.limits.Picture
	}
	// os.Root keeps every file inside the request's folder, whatever the
	// path says.
	root, err := os.OpenRoot(u.root)
	if err != nil {
		return err
	}
	defer root.Close()
	if d := path.Dir(rel); d != "." {
		if err := root.MkdirAll(d, 0o700); err != nil {
			return &badUpload{fmt.Sprintf("cannot keep %s: %v", rel, err)}
		}
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return &badUpload{fmt.Sprintf("cannot keep %s: %v", rel, unwrapPath(err))}
	}
	n, err := io.Copy(f, io.LimitReader(r, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if n > limit {
		return &tooLargeError{fmt.Sprintf("%s is larger than the %s a picture may be", rel, size(limit))}
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// zipPart saves a .zip to the request's folder, then expands it: as the
// dataset's folder (asData: the dataset is the file in it that a dataset
// format reads, nearest the top), or as pictures.
func (u *uploader) zipPart(r io.Reader, name string, asData bool) error {
	tmp, err := os.CreateTemp(u.root, ".upload-*.zip")
	if err != nil {
		return err
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	n, err := io.Copy(tmp, r) // the body's own limit bounds it
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(tmp, n)
	if err != nil {
		return &badUpload{fmt.Sprintf("%s is not a .zip file that can be read: %v", baseName(name), err)}
	}
	if len(zr.File) > u.s.limits.Files {
		return &tooLargeError{fmt.Sprintf("%s holds %d files, more than the %d one request may send", baseName(name), len(zr.File), u.s.limits.Files)}
	}
	// Check every entry's path first: one bad path refuses the whole .zip.
	type entry struct {
		f   *zip.File
		rel string
	}
	var entries []entry
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") || f.Mode().IsDir() {
			continue
		}
		rel, err := localPath(f.Name)
		if err != nil {
			return &badUpload{fmt.Sprintf("%s holds %q, which leads outside its folder; make the .zip again from the folder itself", baseName(name), f.Name)}
		}
		if f.Mode()&fs.ModeSymlink != 0 || !f.Mode().IsRegular() {
			return &badUpload{fmt.Sprintf("%s holds %q, which is a link or a special file, not a file; make the .zip again without it", baseName(name), f.Name)}
		}
		if skipEntry(rel) {
			continue
		}
		entries = append(entries, entry{f, rel})
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.rel)
	}
	root, dataset, err := zipRoot(files, baseName(name))
	if err != nil {
		return err
	}
	if asData && dataset == "" {
		return &badUpload{fmt.Sprintf("%s holds no dataset (a .csv, .yaml, .json or .md file): put the dataset in the .zip with its pictures", baseName(name))}
	}
	for _, e := range entries {
		rel, ok := strings.CutPrefix(e.rel, root)
		if !ok {
			continue // outside the dataset's folder: no dataset can name it
		}
		if e.f.UncompressedSize64 > uint64(max(u.s.limits.Picture, u.s.limits.Dataset)) {
			return &tooLargeError{fmt.Sprintf("%s in %s is larger than the %s a picture may be", rel, baseName(name), size(u.s.limits.Picture))}
		}
		rc, err := e.f.Open()
		if err != nil {
			return &badUpload{fmt.Sprintf("%s in %s cannot be read: %v", rel, baseName(name), err)}
		}
		isData := e.rel == dataset
		switch {
		case isData && asData:
			err = u.dataset(rc, path.Base(rel))
			u.folder = root
		case deck.FormatOf(rel) != "" && !asData:
			// The dataset of a .zip of pictures is the page's own copy,
			// sent as data: only pictures (and other editions) are kept.
			err = nil
		default:
			limit := int64(-1)
			if deck.FormatOf(rel) != "" {
				limit = u.s.limits.Dataset
			}
			err = u.write(rel, &countingReader{r: rc, u: u}, limit)
		}
		rc.Close()
		if err != nil {
			return err
		}
		if u.expanded > u.s.limits.ZipExpanded {
			return &tooLargeError{fmt.Sprintf("%s expands to more than %s", baseName(name), size(u.s.limits.ZipExpanded))}
		}
	}
	return nil
}

// countingReader adds what it reads to the request's expanded total, and
// stops once past the limit.
type countingReader struct {
	r io.Reader
	u *uploader
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.u.expanded > c.u.s.limits.ZipExpanded {
		return 0, &tooLargeError{fmt.Sprintf("the .zip files expand to more than %s", size(c.u.s.limits.ZipExpanded))}
	}
	n, err := c.r.Read(p)
	c.u.expanded += int64(n)
	return n, err
}

// skipEntry leaves out what archivers add: macOS resource forks, hidden
// files (.DS_Store), Windows thumbnails.
func skipEntry(rel string) bool {
	for _, part := range strings.Split(rel, "/") {
		if part == "__MACOSX" || strings.HasPrefix(part, ".") {
			return true
		}
	}
	return strings.EqualFold(path.Base(rel), "Thumbs.db")
}

// zipRoot finds the dataset among a .zip's files (the one nearest the top;
// a base file rather than its editions, deck.csv rather than deck.en.csv)
// and returns its folder ("" or "mon-jeu/") and its path. Without a
// dataset, the root is the one folder everything is in, if there is one.
func zipRoot(files []string, zipName string) (root, dataset string, err error) {
	var candidates []string
	depth := -1
	for _, f := range files {
		if deck.FormatOf(f) == "" {
			continue
		}
		d := strings.Count(f, "/")
		switch {
		case depth < 0 || d < depth:
			depth, candidates = d, []string{f}
		case d == depth:
			candidates = append(candidates, f)
		}
	}
	// Drop editions: deck.en.csv beside deck.csv.
	var bases []string
	for _, c := range candidates {
		ext := path.Ext(c)
		stem := strings.TrimSuffix(c, ext)
		if i := strings.LastIndexByte(stem, '.'); i > strings.LastIndexByte(stem, '/') && slices.Contains(candidates, stem[:i]+ext) {
			continue
		}
		bases = append(bases, c)
	}
	slices.Sort(bases)
	switch {
	case len(bases) > 1:
		return "", "", &badUpload{fmt.Sprintf("%s holds several datasets (%s): keep one in the .zip, or send it alone as data", zipName, strings.Join(bases, ", "))}
	case len(bases) == 1:
		dir := path.Dir(bases[0])
		if dir == "." {
			return "", bases[0], nil
		}
		return dir + "/", bases[0], nil
	}
	// Pictures only: strip a folder that holds everything.
	if len(files) == 0 {
		return "", "", nil
	}
	first, _, ok := strings.Cut(files[0], "/")
	if !ok {
		return "", "", nil
	}
	for _, f := range files {
		if !strings.HasPrefix(f, first+"/") {
			return "", "", nil
		}
	}
	return first + "/", "", nil
}
