package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadClients is how many clients the load test runs at once, each
// checking a spreadsheet and building its PDF.
const loadClients = 50

// The server under load on loopback: 50 clients at once, each validating a
// CSV and building its PDF. Every answer is right or a clean 503; no
// goroutine or temporary file is left; memory stays bounded. The figures
// are logged (go test -run TestLoad -v ./pkg/web) and quoted in the README.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("the load test takes some seconds")
	}
	csv, err := os.ReadFile(filepath.Join("..", "..", "testdata", "datasets", "good", "excel-fr.csv"))
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	goroutines := runtime.NumGoroutine()
	s := newTestServer(t, NewAppBackend(""), nil)
	u, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error)
	go func() { served <- s.Serve(ctx) }()

	// Sample the heap while the clients run.
	var peak atomic.Uint64
	sampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-sampling:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()

	transport := &http.Transport{MaxIdleConnsPerHost: loadClients}
	client := &http.Client{Transport: transport, Timeout: time.Minute}
	post := func(target string) (*http.Response, []byte, error) {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		fw, _ := w.CreateFormFile("data", "excel-fr.csv")
		fw.Write(csv)
		w.Close()
		res, err := client.Post(u+target, w.FormDataContentType(), &body)
		if err != nil {
			return nil, nil, err
		}
		defer res.Body.Close()
		data, err := io.ReadAll(res.Body)
		return res, data, err
	}
	var (
		mu        sync.Mutex
		pdfs      = map[string]int{}
		ok, busy  int
		failures  []string
		wg        sync.WaitGroup
		start     = time.Now()
		slowest   time.Duration
		fail      = func(f string) { mu.Lock(); failures = append(failures, f); mu.Unlock() }
		checkBusy = func(res *http.Response, data []byte) bool {
			var b errorBody
			if res.StatusCode == 503 && res.Header.Get("Retry-After") != "" && json.Unmarshal(data, &b) == nil && b.Message != "" {
				mu.Lock()
				busy++
				mu.Unlock()
				return true
			}
			return false
		}
	)
	for range loadClients {
		wg.Go(func() {
			began := time.Now()
			res, data, err := post("api/validate?layout=a4")
			if err != nil {
				fail(err.Error())
				return
			}
			var v validateAnswer
			switch {
			case checkBusy(res, data):
			case res.StatusCode != 200 || json.Unmarshal(data, &v) != nil || !v.OK || v.Deck == nil || v.Deck.Source != "excel-fr.csv":
				fail("validate: " + res.Status + " " + string(data[:min(200, len(data))]))
				return
			}
			res, data, err = post("api/build?layout=a4")
			if err != nil {
				fail(err.Error())
				return
			}
			switch {
			case checkBusy(res, data):
			case res.StatusCode != 200 || res.Header.Get("Content-Disposition") != "attachment; filename=excel-fr-a4.pdf" || !bytes.HasPrefix(data, []byte("%PDF-")):
				fail("build: " + res.Status + " " + string(data[:min(200, len(data))]))
			default:
				mu.Lock()
				ok++
				pdfs[string(data)]++
				mu.Unlock()
			}
			mu.Lock()
			slowest = max(slowest, time.Since(began))
			mu.Unlock()
		})
	}
	wg.Wait()
	took := time.Since(start)
	close(sampling)
	<-sampled
	transport.CloseIdleConnections()
	stop()
	if err := <-served; err != nil {
		t.Error(err)
	}
	for _, f := range failures {
		t.Error(f)
	}
	if len(pdfs) > 1 {
		t.Errorf("%d different PDFs for the same request", len(pdfs))
	}
	if ok == 0 {
		t.Error("no build went through")
	}
	t.Logf("%d clients (validate + build) in %s, slowest %s: %d PDFs, %d answers 503; heap in use at most %d MB",
		loadClients, took.Round(time.Millisecond), slowest.Round(time.Millisecond), ok, busy, peak.Load()>>20)
	if p := peak.Load(); p > 400<<20 {
		t.Errorf("the heap reached %d MB", p>>20)
	}
	// Nothing left: no temporary folder, no goroutine.
	if _, err := os.Stat(s.TempDir()); !os.IsNotExist(err) {
		t.Errorf("the temporary folder %s is left", s.TempDir())
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > goroutines && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		buf := make([]byte, 1<<16)
		buf = buf[:runtime.Stack(buf, true)]
		t.Errorf("%d goroutines left (from %d):\n%s", n-goroutines, goroutines, strings.TrimSpace(string(buf)))
	}
}
