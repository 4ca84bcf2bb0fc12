package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configure a Server. The zero value of every field has a default.
type Options struct {
	// Addr is the address to listen on: "127.0.0.1:0" (the loopback
	// address, a free port) by default.
	Addr    string
	Backend Backend
	// Log receives one line per request: method, path, status, time taken.
	// nil for none.
	Log io.Writer
	// Version is shown at the foot of the page.
	Version string
	// MaxBuilds is how many operations (checks, previews, builds) run at
	// once; 0 for the number of cores.
	MaxBuilds int
	// QueueWait is how long a request waits for a free slot before a 503;
	// 0 for 10 s. MaxQueue is how many may wait; 0 for 64.
	QueueWait time.Duration
	MaxQueue  int
	// RequestTimeout bounds the work of one request; 0 for 2 minutes.
	RequestTimeout time.Duration
	// ReadTimeout bounds reading one request, body included; 0 for 2 minutes.
	ReadTimeout time.Duration
	// TempDir is where the server makes its private temporary folder; "" for
	// the system's.
	TempDir string
	Limits  Limits
}

// Limits bound what one request may send.
type Limits struct {
	Dataset     int64 // bytes of the dataset file; 0 for 16 MiB, as the command line
	Picture     int64 // bytes of one picture; 0 for 20 MB, as the command line
	Body        int64 // bytes of a whole request; 0 for 256 MiB
	Files       int   // files in one request, .zip entries included; 0 for 2,000
	ZipExpanded int64 // bytes the .zip files of one request expand to; 0 for 256 MiB
}

// The defaults of Limits. Dataset and Picture are the command line's
// (deck.MaxFileSize, deck.MaxImageBytes).
const (
	DefaultDatasetLimit = 16 << 20
	DefaultPictureLimit = 20 << 20
	DefaultBodyLimit    = 256 << 20
	DefaultFileLimit    = 2000
	DefaultZipLimit     = 256 << 20
)

func (l Limits) withDefaults() Limits {
	set := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	set(&l.Dataset, DefaultDatasetLimit)
	set(&l.Picture, DefaultPictureLimit)
	set(&l.Body, DefaultBodyLimit)
	set(&l.ZipExpanded, DefaultZipLimit)
	if l.Files <= 0 {
		l.Files = DefaultFileLimit
	}
	return l
}

// Server is cardgen's web server.
type Server struct {
	opts    Options
	limits  Limits
	backend Backend
	handler http.Handler
	slots   *limiter
	// temp is the server's private temporary folder; each request that
	// carries data gets a folder in it, removed when its work ends.
	temp string
	// work counts operations still running, some perhaps past their
	// request's end (a build that outlived its time limit), so that Close
	// removes the temporary folder only once they are done.
	work sync.WaitGroup

	listener net.Listener
	http     *http.Server
	url      string
}

// New makes a server and its private temporary folder (call Close, or
// Serve, to remove it).
func New(opts Options) (*Server, error) {
	if opts.Backend == nil {
		return nil, errors.New("web: no backend")
	}
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.MaxBuilds <= 0 {
		opts.MaxBuilds = runtime.GOMAXPROCS(0)
	}
	if opts.QueueWait <= 0 {
		opts.QueueWait = 10 * time.Second
	}
	if opts.MaxQueue <= 0 {
		opts.MaxQueue = 64
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = 2 * time.Minute
	}
	if opts.ReadTimeout <= 0 {
		opts.ReadTimeout = 2 * time.Minute
	}
	temp, err := os.MkdirTemp(opts.TempDir, "cardgen-serve-")
	if err != nil {
		return nil, fmt.Errorf("cannot make a temporary folder: %w", err)
	}
	// MkdirTemp makes it 0700 already: only this user can read what
	// teachers upload.
	s := &Server{opts: opts, limits: opts.Limits.withDefaults(), backend: opts.Backend, temp: temp,
		slots: newLimiter(opts.MaxBuilds, opts.MaxQueue, opts.QueueWait)}
	s.handler = s.routes()
	return s, nil
}

// Handler returns the server's handler, with every guard in front of it.
func (s *Server) Handler() http.Handler { return s.handler }

// TempDir is the server's private temporary folder.
func (s *Server) TempDir() string { return s.temp }

// Listen opens the listening socket and returns the page's address, such as
// http://127.0.0.1:43127/. A listener on every interface (0.0.0.0, [::])
// is given as the loopback address, which works from this computer.
func (s *Server) Listen() (string, error) {
	l, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return "", err
	}
	s.listener = l
	addr := l.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		// Every interface: this computer reaches it on the loopback
		// address of the family asked for.
		host = "127.0.0.1"
		if h, _, err := net.SplitHostPort(s.opts.Addr); err == nil && strings.Contains(h, ":") {
			host = "::1"
		}
	}
	s.url = "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port)) + "/"
	return s.url, nil
}

// Exposed reports whether the server listens beyond this computer (an
// address that is not a loopback one).
func (s *Server) Exposed() bool {
	if s.listener == nil {
		return false
	}
	return !s.listener.Addr().(*net.TCPAddr).IP.IsLoopback()
}

// Serve answers requests until ctx is cancelled, then stops taking new ones,
// lets those in flight finish (up to the request time limit), and removes
// the temporary folder. Listen must have been called.
func (s *Server) Serve(ctx context.Context) error {
	if s.listener == nil {
		return errors.New("web: Serve before Listen")
	}
	s.http = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.opts.ReadTimeout,
		// A response is written once its work is done: allow the work's
		// time plus the time to send it.
		WriteTimeout:   s.opts.RequestTimeout + s.opts.QueueWait + time.Minute,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       nil,
	}
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(s.listener) }()
	select {
	case err := <-errc:
		s.Close()
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), s.opts.RequestTimeout+5*time.Second)
	defer cancel()
	err := s.http.Shutdown(shutdown)
	<-errc // http.ErrServerClosed
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return err
}

// Close waits for operations still running and removes the temporary
// folder.
func (s *Server) Close() error {
	s.work.Wait()
	return os.RemoveAll(s.temp)
}
