package web

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// contentSecurityPolicy allows the page its own scripts, styles, fonts and
// API, nothing inline but pictures as data: URLs (inside the card
// previews) and blob: URLs (downloads), and no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"font-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

// securityHeaders sets the headers every answer carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if strings.HasPrefix(r.URL.Path, "/api/") {
			h.Set("Cache-Control", "no-store")
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		next.ServeHTTP(w, r)
	})
}

// hostAllowed reports whether a Host header names this server: localhost
// or an IP address, and our port when the server listens. A web page on
// another site that makes its name point at 127.0.0.1 (DNS rebinding)
// sends its own name, and is refused.
func (s *Server) hostAllowed(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, ""
	}
	if port != "" && s.listener != nil && port != strconv.Itoa(s.listener.Addr().(*net.TCPAddr).Port) {
		return false
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.EqualFold(host, "localhost") || net.ParseIP(host) != nil
}

// checkHost refuses requests for another host name.
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r.Host) {
			writeJSON(w, http.StatusForbidden, errorBody{
				Message: fmt.Sprintf("cardgen does not answer requests for %q", r.Host),
				Hint:    "open cardgen at the address it printed when it started, such as http://127.0.0.1:PORT/ or http://localhost:PORT/"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// crossOrigin refuses POSTs that a browser sends from another site (by
// Sec-Fetch-Site, or Origin against Host): a page elsewhere cannot make a
// teacher's browser use cardgen. Scripts such as curl send neither header
// and are let through.
func crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusForbidden, errorBody{
			Message: "cardgen refuses requests sent by another web site",
			Hint:    "use the page cardgen serves itself"})
	}))
	return cop.Handler(next)
}

// timeLimit gives every request a deadline.
func (s *Server) timeLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.opts.RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// recoverPanics answers 500 for a bug rather than dropping the connection.
func recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				writeJSON(w, http.StatusInternalServerError, errorBody{Message: bugMessage})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

const bugMessage = "something went wrong inside cardgen: this is a bug in cardgen, please report it"

// statusWriter remembers the status written, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests writes one line per request: method, path, status and time
// taken. Nothing else (no query, no address, no header, no content): what
// a teacher uploads stays private, even in a log.
func (s *Server) logRequests(next http.Handler) http.Handler {
	if s.opts.Log == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			fmt.Fprintf(s.opts.Log, "%s %s %s %d %s\n", start.Format("15:04:05"), r.Method, logPath(r.URL.Path), status,
				time.Since(start).Round(time.Millisecond))
		}()
		next.ServeHTTP(sw, r)
	})
}

// logPath keeps a path printable on one line.
func logPath(p string) string {
	if len(p) > 200 {
		p = p[:200] + "…"
	}
	if strings.ContainsFunc(p, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return strconv.Quote(p)
	}
	return p
}
