package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cardgen/cardgen/pkg/diag"
)

func TestPageAndAssets(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, &fakeBackend{}, nil)
	for _, c := range []struct {
		path, typ string
		status    int
		contains  string
	}{
		{"/", "text/html; charset=utf-8", 200, `<script src="/static/app.js"`},
		{"/static/app.js", "text/javascript; charset=utf-8", 200, "use strict"},
		{"/static/app.css", "text/css; charset=utf-8", 200, "@font-face"},
		{"/fonts/Lato-Regular.ttf", "font/ttf", 200, ""},
		{"/static/", "", 404, ""},
		{"/static/index.html", "", 404, ""},
		{"/static/nope.js", "", 404, ""},
		{"/fonts/OFL.txt", "", 404, ""},
		{"/fonts/..%2fgo.mod", "", 404, ""},
		{"/index.html", "", 404, ""},
		{"/api/nothing", "application/json; charset=utf-8", 404, "no such API"},
	} {
		rec := do(t, s, "GET", c.path, nil, "")
		if rec.Code != c.status {
			t.Errorf("GET %s: %d, want %d", c.path, rec.Code, c.status)
			continue
		}
		if c.typ != "" && rec.Header().Get("Content-Type") != c.typ {
			t.Errorf("GET %s: Content-Type %q, want %q", c.path, rec.Header().Get("Content-Type"), c.typ)
		}
		if !strings.Contains(rec.Body.String(), c.contains) {
			t.Errorf("GET %s: the body lacks %q", c.path, c.contains)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, &fakeBackend{}, nil)
	for _, path := range []string{"/", "/api/info", "/static/app.js"} {
		h := do(t, s, "GET", path, nil, "").Header()
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "form-action 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows inline code: %q", path, csp)
		}
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"} {
			if h.Get(k) != v {
				t.Errorf("%s: %s = %q, want %q", path, k, h.Get(k), v)
			}
		}
	}
	if cc := do(t, s, "GET", "/api/info", nil, "").Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("API answers have Cache-Control %q, want no-store", cc)
	}
}

// The page has no inline script or style: the CSP forbids them, so any
// would silently not run.
func TestPageHasNoInlineCode(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, &fakeBackend{}, nil)
	html := do(t, s, "GET", "/", nil, "").Body.String()
	for _, re := range []string{`<script(?:\s[^>]*)?>\s*[^<\s]`, `<style`, `\sstyle=`, `\son[a-z]+=`, `https?://`} {
		if m := regexp.MustCompile(re).FindString(html); m != "" {
			t.Errorf("the page has %q, which the policy forbids or which reaches the internet", m)
		}
	}
	js := do(t, s, "GET", "/static/app.js", nil, "").Body.String()
	if m := regexp.MustCompile(`https?://[^\s"'` + "`" + `]+`).FindString(js); m != "" {
		t.Errorf("the script names an address outside cardgen: %s", m)
	}
}

func TestInfoLayoutsDeck(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{}
	s := newTestServer(t, fb, func(o *Options) { o.Version = "cardgen v9" })
	var info struct {
		Info
		Version string         `json:"version"`
		Limits  map[string]int `json:"limits"`
	}
	rec := do(t, s, "GET", "/api/info", nil, "")
	if err := json.Unmarshal(rec.Body.Bytes(), &info); err != nil || rec.Code != 200 {
		t.Fatalf("/api/info: %d %v %s", rec.Code, err, rec.Body)
	}
	if info.Version != "cardgen v9" || !slices.Equal(info.Formats, []string{"yaml", "json", "csv", "md"}) || info.Limits["dataset_bytes"] != 16<<20 || info.Limits["picture_bytes"] != 20<<20 {
		t.Errorf("/api/info: %+v", info)
	}
	var layouts []Layout
	rec = do(t, s, "GET", "/api/layouts", nil, "")
	if err := json.Unmarshal(rec.Body.Bytes(), &layouts); err != nil || len(layouts) != 3 || layouts[1].Kind != "fold" {
		t.Errorf("/api/layouts: %v %s", err, rec.Body)
	}
	rec = do(t, s, "GET", "/api/deck?lang=en", nil, "")
	var d Deck
	if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil || d.Language != "en" || fb.last().ds.Lang != "en" {
		t.Errorf("/api/deck?lang=en: %v %s", err, rec.Body)
	}
	rec = do(t, s, "GET", "/api/deck?lang=<script>", nil, "")
	if rec.Code != 400 || !strings.Contains(errorOf(t, rec).Message, "not a language") {
		t.Errorf("/api/deck with a bad lang: %d %s", rec.Code, rec.Body)
	}
	if rec := do(t, s, "POST", "/api/info", nil, ""); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/info: %d, want 405", rec.Code)
	}
}

func TestValidateUploadsDatasetAndPictures(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{}
	s := newTestServer(t, fb, nil)
	body, ct := multipartBody(t,
		part{"data", "C:\\Users\\prof\\mes-personas.csv", []byte("nom;métier\r\n")},
		part{"images", "images/koffi.png", []byte("png koffi")},
		part{"images", "hao.jpg", []byte("jpg hao")},
		part{"images", `dessins\lea.png`, []byte("png lea")},
	)
	rec := do(t, s, "POST", "/api/validate?layout=a4&layout=tarot&lang=fr", body, ct)
	if rec.Code != 200 {
		t.Fatalf("validate: %d %s", rec.Code, rec.Body)
	}
	var answer validateAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil || !answer.OK || answer.Summary != "fine" || answer.Problems == nil {
		t.Errorf("validate answered %s", rec.Body)
	}
	got := fb.last()
	if got.ds.Name != "mes-personas.csv" || string(got.ds.Data) != "nom;métier\r\n" || got.ds.Lang != "fr" {
		t.Errorf("the backend got dataset %q %q lang %q", got.ds.Name, got.ds.Data, got.ds.Lang)
	}
	want := map[string]string{"images/koffi.png": "png koffi", "hao.jpg": "jpg hao", "dessins/lea.png": "png lea"}
	if !reflect.DeepEqual(got.files, want) {
		t.Errorf("the request's folder held %v, want %v", got.files, want)
	}
	if l := got.opts.([]string); !slices.Equal(l, []string{"a4", "tarot"}) {
		t.Errorf("layouts %v", l)
	}
	if left := tempEntries(t, s); len(left) > 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

func TestNoBodyIsTheBuiltinDeck(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{}
	s := newTestServer(t, fb, nil)
	for _, c := range []struct{ body, ct string }{{"", ""}, {"", "application/x-www-form-urlencoded"}} {
		rec := do(t, s, "POST", "/api/build?lang=en", strings.NewReader(c.body), c.ct)
		if rec.Code != 200 {
			t.Fatalf("build with no body: %d %s", rec.Code, rec.Body)
		}
		if ds := fb.last().ds; !ds.Builtin() || ds.Lang != "en" || ds.Dir == "" {
			t.Errorf("the backend got %+v, want the built-in deck in English with a folder", ds)
		}
	}
	rec := do(t, s, "POST", "/api/build", strings.NewReader("name: x"), "text/yaml")
	if rec.Code != 400 {
		t.Errorf("a body that is not multipart: %d, want 400", rec.Code)
	}
}

func TestBuildAnswersNamedFiles(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{}
	s := newTestServer(t, fb, nil)
	rec := do(t, s, "POST", "/api/build?layout=a4", nil, "")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/pdf" ||
		rec.Header().Get("Content-Disposition") != `attachment; filename=personas-a4.pdf` || rec.Body.String() != "%PDF-1.4 fake" {
		t.Errorf("one layout: %d %v %q", rec.Code, rec.Header(), rec.Body)
	}
	fb.mu.Lock()
	fb.files = []File{{Name: "personas-a4.pdf", Data: []byte("one")}, {Name: "personas-tarot.pdf", Data: []byte("two")}}
	fb.mu.Unlock()
	first := do(t, s, "POST", "/api/build?layout=a4,tarot", nil, "")
	if first.Code != 200 || first.Header().Get("Content-Type") != "application/zip" ||
		first.Header().Get("Content-Disposition") != `attachment; filename=personas.zip` {
		t.Fatalf("several layouts: %d %v", first.Code, first.Header())
	}
	zr, err := zip.NewReader(bytes.NewReader(first.Body.Bytes()), int64(first.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if !slices.Equal(names, []string{"personas-a4.pdf", "personas-tarot.pdf"}) {
		t.Errorf("zip holds %v", names)
	}
	if again := do(t, s, "POST", "/api/build?layout=a4,tarot", nil, ""); !bytes.Equal(again.Body.Bytes(), first.Body.Bytes()) {
		t.Error("the same files gave a different .zip")
	}
	if l := fb.last().opts.(BuildOptions).Layouts; !slices.Equal(l, []string{"a4", "tarot"}) {
		t.Errorf("layouts %v", l)
	}
}

func TestBuildParameters(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{}
	s := newTestServer(t, fb, nil)
	rec := do(t, s, "POST", "/api/build?layout=a4&duplex=short&offset=1.5,-0.5&ink_saver=true&only=hao,koffi&category=clickwork&exclude=kim", nil, "")
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	want := BuildOptions{Layouts: []string{"a4"}, Select: Selection{Only: []string{"hao", "koffi"}, Categories: []string{"clickwork"}, Exclude: []string{"kim"}},
		Print: PrintOptions{Duplex: "short", Offset: &Offset{1.5, -0.5}, InkSaver: true}}
	if got := fb.last().opts.(BuildOptions); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	// The command line's parser: French decimal commas too.
	for query, want := range map[string]Offset{
		"offset=1,5%3B-0,5":       {1.5, -0.5},
		"offset=1,5+-0,5":         {1.5, -0.5},
		"offset=x%3D1,5+y%3D-0,5": {1.5, -0.5},
		"offset=0,1":              {0, 1},
	} {
		rec := do(t, s, "POST", "/api/build?"+query, nil, "")
		if got := fb.last().opts.(BuildOptions).Print.Offset; rec.Code != 200 || got == nil || *got != want {
			t.Errorf("%s: %d, offset %v, want %v", query, rec.Code, got, want)
		}
	}
	for _, c := range []struct{ query, says string }{
		{"offset=1,5,-0,5", `offset "1,5,-0,5": its commas may part X from Y or mark decimals: it reads as X 1.5 and Y -0.5`},
		{"offset=a,b", `(the calibration sheet measures them)`},
		{"layout=a5", `unknown layout "a5"`},
		{"layout=../../etc/passwd.yaml", "unknown layout"},
		{"duplex=sideways", `duplex "sideways"`},
		{"offset=1", `offset "1"`},
		{"offset=30,0", `offset "30,0"`},
		{"offset=a,b", `offset "a,b"`},
		{"ink_saver=maybe", `ink_saver "maybe"`},
		{"lang=f%20r", "not a language"},
		{"edition=../x", "not a language"},
		{"data_format=c%2Fsv", `data_format "c/sv"`},
	} {
		rec := do(t, s, "POST", "/api/build?"+c.query, nil, "")
		if rec.Code != 400 || !strings.Contains(errorOf(t, rec).Message, c.says) {
			t.Errorf("%s: %d %s, want 400 saying %q", c.query, rec.Code, rec.Body, c.says)
		}
	}
}

func TestOtherEndpoints(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{}
	s := newTestServer(t, fb, nil)
	for _, c := range []struct {
		method, target string
		status         int
		disposition    string
		op             string
	}{
		{"POST", "/api/preview?id=hao&side=back&format=svg&layout=tarot", 200, "inline; filename=hao-back.svg", "preview"},
		{"POST", "/api/preview?id=hao", 200, "inline; filename=hao-front.svg", "preview"},
		{"POST", "/api/guide?paper=letter", 200, "attachment; filename=personas-guide.pdf", "guide"},
		{"GET", "/api/calibrate?layout=a4-fold&lang=en", 200, "attachment; filename=calibrate-a4-fold.pdf", "calibrate"},
		{"POST", "/api/calibrate?layout=a4", 200, "attachment; filename=calibrate-a4.pdf", "calibrate"},
		{"POST", "/api/images?layout=a4&only=hao", 200, "attachment; filename=preview.zip", "images"},
		{"POST", "/api/export?to=md", 200, "attachment; filename=deck.md", "export"},
		{"POST", "/api/faces?layout=a4&only=hao", 200, "", "faces"},
	} {
		rec := do(t, s, c.method, c.target, nil, "")
		if rec.Code != c.status || rec.Header().Get("Content-Disposition") != c.disposition {
			t.Errorf("%s %s: %d %q %s", c.method, c.target, rec.Code, rec.Header().Get("Content-Disposition"), rec.Body)
			continue
		}
		if op := fb.calls[len(fb.calls)-1]; op != c.op {
			t.Errorf("%s %s called %s", c.method, c.target, op)
		}
	}
	if o := fb.last().opts; !reflect.DeepEqual(o, FacesOptions{Layout: "a4", Only: []string{"hao"}}) {
		t.Errorf("faces for %+v", o)
	}
	rec := do(t, s, "POST", "/api/faces?only=hao&number=742&total=1000", nil, "")
	if o := fb.last().opts; rec.Code != 200 || !reflect.DeepEqual(o, FacesOptions{Layout: "a4", Only: []string{"hao"}, Number: 742, Total: 1000}) {
		t.Errorf("faces of a card sent alone: %d %+v", rec.Code, o)
	}
	for _, c := range []struct{ method, target, says string }{
		{"POST", "/api/preview", "id:"},
		{"POST", "/api/preview?id=hao&side=top", `side "top"`},
		{"POST", "/api/preview?id=hao&format=gif", `format "gif"`},
		{"POST", "/api/preview?id=hao&layout=a4,tarot", "one layout"},
		{"POST", "/api/faces?number=3", `number "3", total ""`},
		{"POST", "/api/faces?number=0&total=3", `number "0"`},
		{"POST", "/api/faces?number=4&total=3", `number "4"`},
		{"POST", "/api/guide?paper=A3", `paper "A3"`},
		{"POST", "/api/export?to=docx", `to "docx"`},
		{"GET", "/api/calibrate?layout=nope", `unknown layout "nope"`},
	} {
		rec := do(t, s, c.method, c.target, nil, "")
		if rec.Code != 400 || !strings.Contains(errorOf(t, rec).Message, c.says) {
			t.Errorf("%s %s: %d %s, want 400 saying %q", c.method, c.target, rec.Code, rec.Body, c.says)
		}
	}
}

func TestErrorsBecomeStatuses(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		err    error
		status int
		check  func(errorBody) bool
	}{
		{diag.List{{File: "deck.csv", Line: 4, Column: 7, Cell: "F4", Card: "koffi", Field: "text", Msg: "too long", Hint: "shorten it"}}, 422,
			func(b errorBody) bool {
				return len(b.Problems) == 1 && b.Problems[0] == Problem{File: "deck.csv", Line: 4, Column: 7, Cell: "F4", Persona: "koffi", Field: "text", Message: "too long", Hint: "shorten it"}
			}},
		{errors.Join(diag.List{{Msg: "a"}, {Msg: "b"}}, errors.New("c")), 422,
			func(b errorBody) bool { return len(b.Problems) == 3 && b.Message == "the dataset has 3 problems" }},
		{errors.New("the deck has no de edition"), 422, func(b errorBody) bool { return b.Message == "the deck has no de edition" }},
		{&RequestError{"no such card"}, 400, func(b errorBody) bool { return b.Message == "no such card" }},
	} {
		fb := &fakeBackend{err: c.err}
		s := newTestServer(t, fb, nil)
		rec := do(t, s, "POST", "/api/build", nil, "")
		if rec.Code != c.status || !c.check(errorOf(t, rec)) {
			t.Errorf("%v: %d %s", c.err, rec.Code, rec.Body)
		}
	}
}

func TestPanicIs500AndFreesItsSlot(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{panic: true}
	s := newTestServer(t, fb, func(o *Options) { o.MaxBuilds = 1 })
	for range 3 {
		rec := do(t, s, "POST", "/api/build", nil, "")
		if rec.Code != 500 && rec.Code != 422 {
			t.Fatalf("a panic gave %d %s", rec.Code, rec.Body)
		}
		if !strings.Contains(errorOf(t, rec).Message, "bug in cardgen") {
			t.Errorf("a panic says %s", rec.Body)
		}
	}
	if b := s.slots.busy(); b != 0 {
		t.Errorf("%d slots still taken after panics", b)
	}
}

func TestHostHeader(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, &fakeBackend{}, nil)
	for host, ok := range map[string]bool{
		"127.0.0.1:8080": true, "127.0.0.1": true, "localhost:8080": true, "LOCALHOST": true, "[::1]:8080": true,
		"192.168.1.20:8080": true, // a classroom server, reached by its address
		"evil.example":      false, "evil.example:8080": false, "localhost.evil.example": false, "127.0.0.1.nip.io:8080": false, "": false,
	} {
		req := httptest.NewRequest("GET", "/api/info", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if (rec.Code == 200) != ok {
			t.Errorf("Host %q: %d, want allowed=%v", host, rec.Code, ok)
		}
		if !ok && (rec.Code != 403 || !strings.Contains(errorOf(t, rec).Message, "does not answer")) {
			t.Errorf("Host %q refused with %d %s", host, rec.Code, rec.Body)
		}
	}
}

// Listening, the server also checks the port of the Host header.
func TestHostPortWhileListening(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, &fakeBackend{}, nil)
	u, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Serve(ctx) }()
	defer func() { cancel(); <-done }()
	port := s.listener.Addr().(*net.TCPAddr).Port
	for host, want := range map[string]int{
		fmt.Sprintf("localhost:%d", port): 200, fmt.Sprintf("127.0.0.1:%d", port): 200, fmt.Sprintf("127.0.0.1:%d", port+1): 403,
	} {
		req, _ := http.NewRequest("GET", u+"api/info", nil)
		req.Host = host
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, res.StatusCode, want)
		}
	}
}

func TestCrossOriginPostsRefused(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{}
	s := newTestServer(t, fb, nil)
	for _, c := range []struct {
		method      string
		headers     map[string]string
		allowed     bool
		description string
	}{
		{"POST", map[string]string{"Origin": "http://evil.example"}, false, "a form on another site"},
		{"POST", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"}, false, "fetch from another site"},
		{"POST", map[string]string{"Sec-Fetch-Site": "same-site"}, false, "another port of this host"},
		{"POST", map[string]string{"Origin": "http://127.0.0.1:9999"}, false, "another port, old browser"},
		{"POST", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://127.0.0.1:8080"}, true, "the page itself"},
		{"POST", map[string]string{"Origin": "http://127.0.0.1:8080"}, true, "the page, old browser"},
		{"POST", map[string]string{}, true, "curl"},
		{"GET", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"}, true, "a GET changes nothing"},
	} {
		target := "/api/build"
		if c.method == "GET" {
			target = "/api/calibrate"
		}
		req := httptest.NewRequest(c.method, target, nil)
		req.Host = "127.0.0.1:8080"
		for k, v := range c.headers {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		before := len(fb.calls)
		s.Handler().ServeHTTP(rec, req)
		if got := rec.Code == 200; got != c.allowed {
			t.Errorf("%s: %d, want allowed=%v", c.description, rec.Code, c.allowed)
		}
		if !c.allowed {
			if rec.Code != 403 || !strings.Contains(errorOf(t, rec).Message, "another web site") {
				t.Errorf("%s refused with %d %s", c.description, rec.Code, rec.Body)
			}
			if len(fb.calls) != before {
				t.Errorf("%s reached the backend", c.description)
			}
		}
	}
}

func TestTooLarge(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{}
	s := newTestServer(t, fb, func(o *Options) {
		o.Limits = Limits{Dataset: 1000, Picture: 2000, Body: 20000, Files: 5, ZipExpanded: 5000}
	})
	big := func(n int) []byte { return bytes.Repeat([]byte("x"), n) }
	zipOf := func(files map[string][]byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		names := sortedKeysBytes(files)
		for _, n := range names {
			w, _ := zw.Create(n)
			w.Write(files[n])
		}
		zw.Close()
		return buf.Bytes()
	}
	for _, c := range []struct {
		name  string
		parts []part
		says  string
	}{
		{"dataset", []part{{"data", "deck.csv", big(1001)}}, "the dataset deck.csv is larger than the 1000 bytes"},
		{"picture", []part{{"data", "deck.csv", big(10)}, {"images", "a.png", big(2001)}}, "a.png is larger than the 1 KB a picture may be"},
		{"body", []part{{"data", "deck.csv", big(10)}, {"images", "a.png", big(1500)}, {"images", "b.png", big(1500)},
			{"images", "c.png", big(1500)}, {"images", "d.png", big(1500)}, {"images", "e.zip", big(15000)}}, "larger than the 19 KB one request may carry"},
		{"files", []part{{"images", "1.png", nil}, {"images", "2.png", nil}, {"images", "3.png", nil}, {"images", "4.png", nil}, {"images", "5.png", nil}, {"images", "6.png", nil}},
			"more than 5 files"},
		{"zip entries", []part{{"images", "p.zip", zipOf(map[string][]byte{"1.png": nil, "2.png": nil, "3.png": nil, "4.png": nil, "5.png": nil, "6.png": nil})}}, "holds 6 files"},
		{"zip expands", []part{{"images", "p.zip", zipOf(map[string][]byte{"1.png": big(1900), "2.png": big(1900), "3.png": big(1900)})}}, "expand"},
		{"zip picture", []part{{"images", "p.zip", zipOf(map[string][]byte{"1.png": big(2500)})}}, "1.png in p.zip is larger"},
		{"zip dataset", []part{{"data", "p.zip", zipOf(map[string][]byte{"deck.csv": big(1500)})}}, "the dataset deck.csv is larger"},
	} {
		body, ct := multipartBody(t, c.parts...)
		rec := do(t, s, "POST", "/api/validate", body, ct)
		if rec.Code != 413 {
			t.Errorf("%s: %d %s, want 413", c.name, rec.Code, rec.Body)
			continue
		}
		b := errorOf(t, rec)
		if !strings.Contains(b.Message, c.says) || !strings.Contains(b.Hint, "a dataset may be at most 1000 bytes") {
			t.Errorf("%s: %+v, want a message with %q and the limits", c.name, b, c.says)
		}
	}
	if len(fb.calls) != 0 {
		t.Errorf("refused uploads reached the backend: %v", fb.calls)
	}
	// Announced too large: refused before reading.
	req := httptest.NewRequest("POST", "/api/validate", strings.NewReader("x"))
	req.Host, req.ContentLength = "127.0.0.1", 1<<30
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 413 {
		t.Errorf("Content-Length of 1 GB: %d", rec.Code)
	}
	if left := tempEntries(t, s); len(left) > 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

func sortedKeysBytes(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// zipBytes makes a .zip with entries in the order given; a name ending in
// "@" is a symbolic link.
func zipBytes(t *testing.T, entries ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e[0], Method: zip.Deflate}
		if name, ok := strings.CutSuffix(e[0], "@"); ok {
			h.Name = name
			h.SetMode(os.ModeSymlink | 0o777)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e[1])
	}
	zw.Close()
	return buf.Bytes()
}

func TestZipPathsCannotEscape(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{}
	outside := t.TempDir()
	s := newTestServer(t, fb, nil)
	for _, name := range []string{"../evil.png", "../../../" + filepath.ToSlash(outside) + "/evil.png", "/etc/evil.png", `C:\evil.png`,
		`..\evil.png`, "a/../../evil.png", "images/../../evil.png", "link@"} {
		for _, field := range []string{"data", "images"} {
			z := zipBytes(t, [2]string{"deck.csv", "nom"}, [2]string{name, "evil"})
			body, ct := multipartBody(t, part{field, "deck.zip", z})
			rec := do(t, s, "POST", "/api/validate", body, ct)
			if rec.Code != 400 || !strings.Contains(errorOf(t, rec).Message, "deck.zip holds") {
				t.Errorf("%s entry %q: %d %s, want 400", field, name, rec.Code, rec.Body)
			}
		}
		if strings.HasSuffix(name, "@") {
			continue
		}
		// Sent as a picture's own name, too.
		body, ct := multipartBody(t, part{"images", name, []byte("evil")})
		if rec := do(t, s, "POST", "/api/validate", body, ct); rec.Code != 400 {
			t.Errorf("picture named %q: %d %s, want 400", name, rec.Code, rec.Body)
		}
	}
	if len(fb.calls) != 0 {
		t.Errorf("refused uploads reached the backend: %v", fb.calls)
	}
	for _, dir := range []string{outside, filepath.Dir(s.TempDir())} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.Contains(d.Name(), "evil") {
				t.Errorf("%s was written", p)
			}
			return nil
		})
	}
}

func TestZipOfTheFolder(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{}
	s := newTestServer(t, fb, nil)
	z := zipBytes(t,
		[2]string{"mon-jeu/", ""},
		[2]string{"mon-jeu/deck.csv", "nom;métier"},
		[2]string{"mon-jeu/deck.en.csv", "name;role"},
		[2]string{"mon-jeu/images/koffi.png", "png"},
		[2]string{"mon-jeu/.DS_Store", "junk"},
		[2]string{"__MACOSX/mon-jeu/._deck.csv", "junk"},
		[2]string{"autre/notes.txt", "not in the dataset's folder"},
	)
	body, ct := multipartBody(t, part{"data", "mon-jeu.zip", z})
	rec := do(t, s, "POST", "/api/validate", body, ct)
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	got := fb.last()
	if got.ds.Name != "deck.csv" || string(got.ds.Data) != "nom;métier" {
		t.Errorf("dataset %q %q", got.ds.Name, got.ds.Data)
	}
	if want := []string{"deck.en.csv", "images/koffi.png"}; !slices.Equal(sortedKeys(got.files), want) {
		t.Errorf("files %v, want %v", sortedKeys(got.files), want)
	}
	var answer validateAnswer
	json.Unmarshal(rec.Body.Bytes(), &answer)
	if answer.Deck == nil || answer.Deck.Folder != "mon-jeu/" {
		t.Errorf("the answer does not say where the dataset was: %s", rec.Body)
	}

	// The page's working copy with the pictures' .zip: the pictures only.
	body, ct = multipartBody(t, part{"data", "deck.json", []byte("{}")}, part{"images", "mon-jeu.zip", z})
	if rec := do(t, s, "POST", "/api/faces", body, ct); rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	if got := fb.last(); got.ds.Name != "deck.json" || !slices.Equal(sortedKeys(got.files), []string{"images/koffi.png"}) {
		t.Errorf("with a .zip of pictures: %q %v", got.ds.Name, sortedKeys(got.files))
	}

	for _, c := range []struct {
		entries [][2]string
		says    string
	}{
		{[][2]string{{"a.csv", ""}, {"b.yaml", ""}}, "several datasets (a.csv, b.yaml)"},
		{[][2]string{{"images/a.png", ""}}, "holds no dataset"},
	} {
		body, ct := multipartBody(t, part{"data", "x.zip", zipBytes(t, c.entries...)})
		rec := do(t, s, "POST", "/api/validate", body, ct)
		if rec.Code != 400 || !strings.Contains(errorOf(t, rec).Message, c.says) {
			t.Errorf("%v: %d %s", c.entries, rec.Code, rec.Body)
		}
	}
	body, ct = multipartBody(t, part{"data", "x.zip", []byte("not a zip")})
	if rec := do(t, s, "POST", "/api/validate", body, ct); rec.Code != 400 {
		t.Errorf("a broken .zip: %d", rec.Code)
	}
}

func TestBadMultipart(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, &fakeBackend{}, nil)
	for _, c := range []struct {
		parts []part
		says  string
	}{
		{[]part{{"data", "a.csv", nil}, {"data", "b.csv", nil}}, "one dataset"},
		{[]part{{"picture", "a.png", nil}}, `unknown part "picture"`},
		{[]part{{"images", "a.png", nil}, {"images", "A.PNG", nil}}, "two files are named"},
		{[]part{{"data", "", []byte("x")}}, "no file name"},
	} {
		body, ct := multipartBody(t, c.parts...)
		rec := do(t, s, "POST", "/api/validate", body, ct)
		if rec.Code != 400 || !strings.Contains(errorOf(t, rec).Message, c.says) {
			t.Errorf("%v: %d %s", c.parts, rec.Code, rec.Body)
		}
	}
	rec := do(t, s, "POST", "/api/validate", strings.NewReader("--x\r\nbroken"), "multipart/form-data; boundary=x")
	if rec.Code != 400 {
		t.Errorf("a broken body: %d", rec.Code)
	}
}

func TestTimeLimit(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{hold: make(chan struct{})}
	s := newTestServer(t, fb, func(o *Options) { o.RequestTimeout = 100 * time.Millisecond })
	start := time.Now()
	rec := do(t, s, "POST", "/api/build", nil, "")
	if took := time.Since(start); rec.Code != 503 || took > 2*time.Second || !strings.Contains(errorOf(t, rec).Message, "took longer than 100ms") {
		t.Errorf("%d after %s: %s", rec.Code, took, rec.Body)
	}
	// The build goes on; its folder stays until it ends, then goes.
	if left := len(tempEntriesNow(t, s)); left != 1 {
		t.Errorf("%d folders while the build runs, want 1", left)
	}
	close(fb.hold)
	if left := tempEntries(t, s); len(left) > 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

func tempEntriesNow(t *testing.T, s *Server) []os.DirEntry {
	entries, err := os.ReadDir(s.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// A client that sends its body too slowly is cut off by the read timeout.
func TestSlowUpload(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{}
	s := newTestServer(t, fb, func(o *Options) { o.ReadTimeout = 300 * time.Millisecond })
	u, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Serve(ctx) }()
	defer func() { cancel(); <-done }()
	conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(u, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	host := strings.TrimSuffix(strings.TrimPrefix(u, "http://"), "/")
	fmt.Fprintf(conn, "POST /api/validate HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000\r\n\r\n--x\r\nContent-Disposition: form-data; name=\"data\"; filename=\"a.csv\"\r\n\r\nnom", host)
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	answer, _ := io.ReadAll(conn)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the server waited %s for a stalled body", took)
	}
	if !bytes.HasPrefix(answer, []byte("HTTP/1.1 408")) {
		t.Errorf("a stalled body was answered %q", firstLine(answer))
	}
	if len(fb.calls) != 0 {
		t.Error("a stalled upload reached the backend")
	}
}

func firstLine(b []byte) string {
	line, _, _ := bytes.Cut(b, []byte("\r\n"))
	return string(line)
}

func TestBusy(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{hold: make(chan struct{}), started: make(chan string, 10)}
	s := newTestServer(t, fb, func(o *Options) { o.MaxBuilds = 1; o.QueueWait = 50 * time.Millisecond })
	first := make(chan int)
	go func() { first <- do(t, s, "POST", "/api/build", nil, "").Code }()
	<-fb.started
	rec := do(t, s, "POST", "/api/build", nil, "")
	if rec.Code != 503 || rec.Header().Get("Retry-After") == "" || !strings.Contains(errorOf(t, rec).Message, "busy") {
		t.Errorf("a second build while one runs: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	close(fb.hold)
	if code := <-first; code != 200 {
		t.Errorf("the first build: %d", code)
	}
	if left := tempEntries(t, s); len(left) > 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

func TestQueueWaitsItsTurn(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{hold: make(chan struct{}), started: make(chan string, 10)}
	s := newTestServer(t, fb, func(o *Options) { o.MaxBuilds = 1; o.QueueWait = 5 * time.Second })
	codes := make(chan int, 2)
	go func() { codes <- do(t, s, "POST", "/api/build", nil, "").Code }()
	<-fb.started
	go func() { codes <- do(t, s, "POST", "/api/build", nil, "").Code }()
	time.Sleep(50 * time.Millisecond)
	if n := len(fb.calls); n != 1 {
		t.Errorf("%d builds run at once with one slot", n)
	}
	close(fb.hold)
	for range 2 {
		if code := <-codes; code != 200 {
			t.Errorf("a build that waited its turn: %d", code)
		}
	}
}

func TestLogHasOnlyMethodPathStatusTime(t *testing.T) {
	t.Parallel()
	var log syncBuffer
	s := newTestServer(t, &fakeBackend{}, func(o *Options) { o.Log = &log })
	body, ct := multipartBody(t, part{"data", "secret-name.csv", []byte("secret content")})
	do(t, s, "POST", "/api/validate?layout=a4&only=secret-id", body, ct)
	do(t, s, "GET", "/api/deck?lang=fr", nil, "")
	req := httptest.NewRequest("GET", "/api/info", nil)
	req.Host = "evil.example"
	s.Handler().ServeHTTP(httptest.NewRecorder(), req)
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	line := regexp.MustCompile(`^\d\d:\d\d:\d\d (GET|POST) /[a-z/]* \d{3} [0-9.]+[µnm]?s$`)
	if len(lines) != 3 {
		t.Fatalf("log: %q", log.String())
	}
	for _, l := range lines {
		if !line.MatchString(l) {
			t.Errorf("log line %q has more than method, path, status and time", l)
		}
	}
	for _, secret := range []string{"secret", "evil", "lang", "127.0.0.1"} {
		if strings.Contains(log.String(), secret) {
			t.Errorf("the log holds %q: %s", secret, log.String())
		}
	}
	if !strings.Contains(lines[2], " 403 ") {
		t.Errorf("a refused request is logged as %q", lines[2])
	}
}

func TestServeStopsCleanly(t *testing.T) {
	t.Parallel()
	fb := &fakeBackend{hold: make(chan struct{}), started: make(chan string, 1)}
	s, err := New(Options{Backend: fb, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u, "http://127.0.0.1:") || s.Exposed() {
		t.Errorf("listening at %s, exposed %v", u, s.Exposed())
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error)
	go func() { served <- s.Serve(ctx) }()
	answer := make(chan *http.Response)
	go func() {
		res, err := http.Post(u+"api/build", "", nil)
		if err != nil {
			t.Error(err)
		}
		answer <- res
	}()
	<-fb.started // a build is in flight
	cancel()     // Ctrl-C
	time.Sleep(50 * time.Millisecond)
	if _, err := http.Get(u + "api/info"); err == nil {
		t.Error("the server takes new requests after Ctrl-C")
	}
	close(fb.hold)
	res := <-answer
	if res == nil || res.StatusCode != 200 {
		t.Fatalf("the build in flight at Ctrl-C: %v", res)
	}
	data, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(data) != "%PDF-1.4 fake" {
		t.Errorf("the build in flight answered %q", data)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := os.Stat(s.TempDir()); !os.IsNotExist(err) {
		t.Errorf("the temporary folder is still there after Ctrl-C")
	}
}

func TestListenOnEveryInterfaceIsExposed(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, &fakeBackend{}, func(o *Options) { o.Addr = "0.0.0.0:0" })
	u, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer s.listener.Close()
	if !s.Exposed() || !strings.HasPrefix(u, "http://127.0.0.1:") {
		t.Errorf("0.0.0.0: exposed %v, address %s", s.Exposed(), u)
	}
}

func TestCommonStem(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		names []string
		want  string
	}{
		{[]string{"personas-a4.pdf", "personas-tarot.pdf"}, "personas"},
		{[]string{"personas-a4.pdf", "personas-a4-poker.pdf"}, "personas"},
		{[]string{"personas-a4-en.pdf", "personas-tarot-en.pdf"}, "personas"},
		{[]string{"mes-personas-a4.pdf", "mes-personas-a3.pdf"}, "mes-personas"},
		{[]string{"a.pdf", "b.pdf"}, "cardgen"},
	} {
		if got := commonStem(c.names); got != c.want {
			t.Errorf("commonStem(%v) = %q, want %q", c.names, got, c.want)
		}
	}
}

func TestLocalPath(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"a.png": "a.png", "images/a.png": "images/a.png", `images\a.png`: "images/a.png", "./a.png": "a.png", "a/./b/../c.png": "a/c.png",
		"../a.png": "", "/a.png": "", `C:\a.png`: "", "c:a.png": "", "": "", ".": "", "a/../..": "", "a\x00.png": "", "a\n.png": "",
	} {
		got, err := localPath(in)
		if (err == nil) != (want != "") || got != want {
			t.Errorf("localPath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
