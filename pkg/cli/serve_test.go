package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLaunchArgs(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args     []string
		explorer bool
		want     []string
	}{
		{nil, true, []string{"serve", "--open"}},        // double-clicked in Explorer
		{[]string{}, true, []string{"serve", "--open"}}, // the same
		{nil, false, nil}, // typed in a terminal: help
		{[]string{"build"}, true, []string{"build"}}, // a shortcut with arguments
		{[]string{"build"}, false, []string{"build"}},
	} {
		if got := launchArgs(c.args, c.explorer); !slices.Equal(got, c.want) {
			t.Errorf("launchArgs(%q, %v) = %q, want %q", c.args, c.explorer, got, c.want)
		}
	}
	// Off Windows, nothing is started by Explorer.
	if got := LaunchArgs(nil); len(got) != 0 {
		t.Errorf("LaunchArgs(nil) = %q off Windows", got)
	}
}

// lockedBuffer lets the test read what the server prints while it runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServePrintsItsAddressAndStops(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the server's temporary folder goes here
	var stdout, stderr lockedBuffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- runServe(ctx, serveOptions{addr: "127.0.0.1:0"}, env) }()
	var url string
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	for deadline := time.Now().Add(5 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		url = re.FindString(stdout.String())
	}
	if url == "" {
		t.Fatalf("no address printed: %q %q", stdout.String(), stderr.String())
	}
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(page, []byte("/static/app.js")) {
		t.Errorf("GET %s: %d", url, res.StatusCode)
	}
	// The page's foot names the version for a teacher; cardgen version
	// says the rest.
	res, err = http.Get(url + "api/info")
	if err != nil {
		t.Fatal(err)
	}
	var info struct{ Version string }
	json.NewDecoder(res.Body).Decode(&info)
	res.Body.Close()
	if info.Version != ShortVersion() || !strings.HasPrefix(info.Version, "cardgen ") || strings.ContainsAny(info.Version, ",/:") {
		t.Errorf("/api/info's version: %q", info.Version)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
	if !strings.Contains(stdout.String(), "cardgen stopped.") {
		t.Errorf("stdout: %q", stdout.String())
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("a loopback server warns: %q", stderr.String())
	}
	if !regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d GET / 200 `).MatchString(stderr.String()) {
		t.Errorf("the access log: %q", stderr.String())
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "cardgen-serve-*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestServeOnEveryInterfaceWarns(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var stdout, stderr lockedBuffer
	env := Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- runServe(ctx, serveOptions{addr: "0.0.0.0:0"}, env) }()
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(stdout.String(), "ready") && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
	}
	cancel()
	<-done
	if !strings.Contains(stderr.String(), "warning: listening on 0.0.0.0:0: every computer that can reach this one") {
		t.Errorf("no warning: %q", stderr.String())
	}
}

func TestServeBadAddressIsUsage(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var stdout, stderr bytes.Buffer
	code := Main([]string{"serve", "--addr", "nowhere:-1"}, Env{Stdout: &stdout, Stderr: &stderr, Getenv: os.Getenv})
	if code != ExitUsage || !strings.Contains(stderr.String(), "--addr nowhere:-1") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

// TestServeExitCodeDocumented: serve stopped by Ctrl-C or SIGTERM exits 0
// (TestServeStopsCleanly checks the binary): stopping is how a server
// ends, not a failure. The README and serve's help say so.
func TestServeExitCodeDocumented(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, codes, _ := strings.Cut(string(readme), "Exit codes:")
	codes, _, _ = strings.Cut(codes, "\n\n")
	codes = strings.Join(strings.Fields(codes), " ")
	if !strings.Contains(codes, "130 or 143 when stopped by Ctrl-C or SIGTERM, except cardgen serve, which exits 0") {
		t.Errorf("the README's exit codes: %q", codes)
	}
	cmd := newServeCmd(Env{})
	if long := strings.Join(strings.Fields(cmd.Long), " "); !strings.Contains(long, "then exits 0") {
		t.Errorf("serve's help: %q", long)
	}
}
