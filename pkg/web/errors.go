package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/cardgen/cardgen/pkg/diag"
)

// Problem is a diag.Problem as JSON: the fields the command line prints,
// with the spreadsheet cell on its own.
type Problem struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Cell   string `json:"cell,omitempty"`
	// Header is the header of the cell's column as the file writes it
	// ("Texte"), which the command line prints instead of the field's
	// name; Field stays cardgen's name of the field ("text").
	Header  string `json:"header,omitempty"`
	Persona string `json:"persona,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
	// Code names the kind of problem (diag.Code: "empty", "duplicate-id",
	// …), for a page that says it in its own language; "" for a kind
	// without one, which the message alone says.
	Code string `json:"code,omitempty"`
	// Card is the place in the deck, from 0, of the card the problem
	// belongs to, when the answer knows it (/api/validate, /api/faces):
	// two cards may share an id (Persona), which is itself a problem.
	Card *int `json:"card,omitempty"`
	// Typesetting, in /api/validate's answer, marks a problem found
	// setting the cards (the font, the fitting), which a copy of the deck
	// has too; the others belong to the files themselves.
	Typesetting bool `json:"typesetting,omitempty"`
}

// errorBody is every error the API returns: a message, perhaps a hint, and
// the problems behind it.
type errorBody struct {
	Message  string    `json:"message"`
	Hint     string    `json:"hint,omitempty"`
	Problems []Problem `json:"problems,omitempty"`
}

// problemJSON turns a diag.Problem into its JSON form.
func problemJSON(p diag.Problem) Problem {
	return Problem{File: p.File, Line: p.Line, Column: p.Column, Cell: p.Cell, Header: p.Header, Persona: p.Card, Field: p.Field, Message: p.Msg, Hint: p.Hint,
		Code: string(p.Code)}
}

// problemsJSON turns problems into their JSON form; cards, when not nil,
// gives the card of each (by its Error).
func problemsJSON(l diag.List, cards ...map[string]int) []Problem {
	out := make([]Problem, 0, len(l))
	for _, p := range l {
		j := problemJSON(p)
		for _, m := range cards {
			if i, ok := m[p.Error()]; ok {
				j.Card = &i
			}
		}
		out = append(out, j)
	}
	return out
}

// problemsOf flattens an error into problems: the diag.Lists it holds, and
// every other error as a problem of its own.
func problemsOf(err error) diag.List {
	switch e := err.(type) {
	case diag.List:
		return e
	case diag.Problem:
		return diag.List{e}
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out diag.List
		for _, e := range j.Unwrap() {
			out = append(out, problemsOf(e)...)
		}
		return out
	}
	var l diag.List
	if errors.As(err, &l) {
		return l
	}
	return diag.List{{Msg: err.Error()}}
}

// tooLargeError is an upload over a limit.
type tooLargeError struct{ msg string }

func (e *tooLargeError) Error() string { return e.msg }

// badUpload is an upload the server refuses as sent (400).
type badUpload struct{ msg string }

func (e *badUpload) Error() string { return e.msg }

// slowUpload is an upload that did not arrive within the read time limit.
type slowUpload struct{}

func (e *slowUpload) Error() string {
	return "the files took too long to arrive and were not read; send them again, or send fewer or smaller pictures"
}

// timeoutError is work that did not end within the request's time limit.
type timeoutError struct{ limit time.Duration }

func (e *timeoutError) Error() string {
	return fmt.Sprintf("this took longer than %s and was stopped; try again with fewer cards or smaller pictures", e.limit)
}

// writeError answers err as JSON with its status: the one place where
// errors become HTTP.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, body := s.errorResponse(err)
	if status == http.StatusServiceUnavailable && errors.Is(err, errBusy) {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(s.opts.QueueWait/time.Second))))
	}
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		// The client has gone: nobody reads the answer.
		status = 499
	}
	writeJSON(w, status, body)
}

func (s *Server) errorResponse(err error) (int, errorBody) {
	var (
		tooLarge *tooLargeError
		maxBytes *http.MaxBytesError
		bad      *badUpload
		req      *RequestError
		timeout  *timeoutError
		slow     *slowUpload
	)
	switch {
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge, errorBody{Message: tooLarge.msg, Hint: s.limitsHint()}
	case errors.As(err, &maxBytes):
		return http.StatusRequestEntityTooLarge, errorBody{
			Message: fmt.Sprintf("what was sent is larger than the %s one request may carry", size(s.limits.Body)),
			Hint:    s.limitsHint()}
	case errors.Is(err, errBusy):
		return http.StatusServiceUnavailable, errorBody{Message: "cardgen is busy with other requests; try again in a moment"}
	case errors.As(err, &timeout):
		return http.StatusServiceUnavailable, errorBody{Message: timeout.Error()}
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, errorBody{Message: "the request was stopped before its end"}
	case errors.As(err, &slow):
		return http.StatusRequestTimeout, errorBody{Message: slow.Error()}
	case errors.As(err, &bad):
		return http.StatusBadRequest, errorBody{Message: bad.msg}
	case errors.As(err, &req):
		return http.StatusBadRequest, errorBody{Message: req.Msg}
	}
	problems := problemsOf(err)
	msg := "the dataset has a problem"
	if len(problems) > 1 {
		msg = fmt.Sprintf("the dataset has %d problems", len(problems))
	}
	if len(problems) == 1 && problems[0].File == "" && problems[0].Card == "" {
		msg = problems[0].Msg
	}
	return http.StatusUnprocessableEntity, errorBody{Message: msg, Problems: problemsJSON(problems)}
}

func (s *Server) limitsHint() string {
	return fmt.Sprintf("a dataset may be at most %s, a picture %s, and everything sent at once %s (the pictures' .zip files expanded: %s, %d files)",
		size(s.limits.Dataset), size(s.limits.Picture), size(s.limits.Body), size(s.limits.ZipExpanded), s.limits.Files)
}

// size writes a number of bytes as a teacher reads it: "16 MB".
func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n >= 1<<10 {
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// writeJSON answers v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // SVG in strings: JSON needs no \u003c, and the type is not HTML
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"message":"cannot write the answer"}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
