package web

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cardgen/cardgen/pkg/diag"
)

// fakeBackend records what the server asks of it and answers what a test
// sets. hold, when not nil, makes every operation wait for it (or for its
// request's end).
type fakeBackend struct {
	mu      sync.Mutex
	calls   []string
	got     []seen
	hold    chan struct{}
	err     error
	panic   bool
	files   []File
	started chan string // receives each operation's name as it starts, when not nil
}

// seen is what one operation received: the dataset and the files in its folder.
type seen struct {
	ds    Dataset
	files map[string]string // path in Dir → content
	opts  any
}

func (f *fakeBackend) record(ctx context.Context, op string, ds Dataset, opts any) error {
	s := seen{ds: ds, opts: opts, files: map[string]string{}}
	if ds.Dir != "" {
		filepath.WalkDir(ds.Dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(ds.Dir, p)
				data, _ := os.ReadFile(p)
				s.files[filepath.ToSlash(rel)] = string(data)
			}
			return nil
		})
	}
	f.mu.Lock()
	f.calls = append(f.calls, op)
	f.got = append(f.got, s)
	hold, err, panics, started := f.hold, f.err, f.panic, f.started
	f.mu.Unlock()
	if started != nil {
		started <- op
	}
	if panics {
		panic("fake backend panics")
	}
	if hold != nil {
		select {
		case <-hold:
		case <-ctx.Done():
			<-hold // a real build goes on to its end
		}
	}
	return err
}

func (f *fakeBackend) last() seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.got) == 0 {
		return seen{}
	}
	return f.got[len(f.got)-1]
}

func (f *fakeBackend) Info() Info {
	return Info{Formats: []string{"yaml", "json", "csv", "md"}, Languages: []string{"fr", "en"}, PNG: true}
}

func (f *fakeBackend) Layouts() ([]Layout, error) {
	return []Layout{
		{Name: "a4", Paper: "A4", CardW: 70, CardH: 120, PerSheet: 4, Kind: "duplex", Duplex: "long"},
		{Name: "a4-fold", Paper: "A4", CardW: 70, CardH: 120, PerSheet: 2, Kind: "fold", Duplex: "none"},
		{Name: "tarot", Paper: "76 × 126 mm", CardW: 70, CardH: 120, PerSheet: 1, Kind: "print-shop", Duplex: "long"},
	}, nil
}

func (f *fakeBackend) Deck(ctx context.Context, lang string) (*Deck, error) {
	if err := f.record(ctx, "deck", Dataset{Lang: lang}, nil); err != nil {
		return nil, err
	}
	return &Deck{Dataset: json.RawMessage(`{"deck":{"title":"T","language":"` + lang + `"},"categories":[],"personas":[]}`), Source: "personas.yaml", Name: "personas", Language: lang}, nil
}

func (f *fakeBackend) Validate(ctx context.Context, ds Dataset, layouts []string) (*Checked, error) {
	if err := f.record(ctx, "validate", ds, layouts); err != nil {
		return nil, err
	}
	return &Checked{Deck: &Deck{Dataset: json.RawMessage(`{}`), Source: ds.Name}, Summary: "fine"}, nil
}

func (f *fakeBackend) Faces(ctx context.Context, ds Dataset, opts FacesOptions) (*Faces, error) {
	if err := f.record(ctx, "faces", ds, opts); err != nil {
		return nil, err
	}
	return &Faces{Cards: []CardFaces{{ID: "hao", Name: "Hao", Front: "<svg/>", Back: "<svg/>"}}}, nil
}

func (f *fakeBackend) Preview(ctx context.Context, ds Dataset, opts PreviewOptions) (File, error) {
	if err := f.record(ctx, "preview", ds, opts); err != nil {
		return File{}, err
	}
	return File{Name: opts.ID + "-" + opts.Side + "." + opts.Format, Type: "image/svg+xml", Data: []byte("<svg/>")}, nil
}

func (f *fakeBackend) answer() []File {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.files != nil {
		return f.files
	}
	return []File{{Name: "personas-a4.pdf", Type: "application/pdf", Data: []byte("%PDF-1.4 fake")}}
}

func (f *fakeBackend) Build(ctx context.Context, ds Dataset, opts BuildOptions) ([]File, error) {
	if err := f.record(ctx, "build", ds, opts); err != nil {
		return nil, err
	}
	return f.answer(), nil
}

func (f *fakeBackend) Guide(ctx context.Context, ds Dataset, opts GuideOptions) (File, error) {
	if err := f.record(ctx, "guide", ds, opts); err != nil {
		return File{}, err
	}
	return File{Name: "personas-guide.pdf", Type: "application/pdf", Data: []byte("%PDF guide")}, nil
}

func (f *fakeBackend) Calibrate(ctx context.Context, opts CalibrateOptions) (File, error) {
	if err := f.record(ctx, "calibrate", Dataset{}, opts); err != nil {
		return File{}, err
	}
	return File{Name: "calibrate-" + opts.Layout + ".pdf", Type: "application/pdf", Data: []byte("%PDF cal")}, nil
}

func (f *fakeBackend) Images(ctx context.Context, ds Dataset, opts ImagesOptions) ([]File, error) {
	if err := f.record(ctx, "images", ds, opts); err != nil {
		return nil, err
	}
	return []File{{Name: "hao-front.png", Type: "image/png", Data: []byte("png1")}, {Name: "hao-back.png", Type: "image/png", Data: []byte("png2")}}, nil
}

func (f *fakeBackend) Export(ctx context.Context, ds Dataset, format string) (File, diag.List, error) {
	if err := f.record(ctx, "export", ds, format); err != nil {
		return File{}, nil, err
	}
	return File{Name: "deck." + format, Type: "text/csv", Data: []byte("a;b\r\n")}, nil, nil
}

// ---- helpers

// newTestServer makes a server over backend with options changed by
// change, and checks at the end of the test that its temporary folder is
// removed.
func newTestServer(t *testing.T, backend Backend, change func(*Options)) *Server {
	t.Helper()
	opts := Options{Backend: backend, TempDir: t.TempDir()}
	if change != nil {
		change(&opts)
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
		if _, err := os.Stat(s.TempDir()); !os.IsNotExist(err) {
			t.Errorf("the server's temporary folder %s is still there", s.TempDir())
		}
	})
	return s
}

// part is one part of a multipart body.
type part struct {
	field, name string
	data        []byte
}

// multipartBody builds a multipart/form-data body.
func multipartBody(t *testing.T, parts ...part) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, p := range parts {
		fw, err := w.CreateFormFile(p.field, p.name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(p.data)
	}
	w.Close()
	return &buf, w.FormDataContentType()
}

// do sends a request to the server's handler, as a browser on the page
// would (Host 127.0.0.1, same origin).
func do(t *testing.T, s *Server, method, target string, body io.Reader, contentType string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	req.Host = "127.0.0.1:8080"
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if method == http.MethodPost {
		req.Header.Set("Origin", "http://127.0.0.1:8080")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// errorOf decodes an error answer.
func errorOf(t *testing.T, rec *httptest.ResponseRecorder) errorBody {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("error answered as %q, not JSON: %s", ct, rec.Body)
	}
	var b errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil {
		t.Fatalf("error answer is not JSON: %v: %s", err, rec.Body)
	}
	if b.Message == "" {
		t.Errorf("error answer without a message: %s", rec.Body)
	}
	return b
}

// tempEntries lists what is left in the server's temporary folder, once
// running operations are done.
func tempEntries(t *testing.T, s *Server) []string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		entries, err := os.ReadDir(s.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if len(names) == 0 || time.Now().After(deadline) {
			return names
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// syncBuffer is a bytes.Buffer safe for the log's concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// pngBytes is a w × h PNG picture.
func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
