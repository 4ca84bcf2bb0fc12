package app

import (
	"errors"
	"strconv"
	"strings"

	"github.com/cardgen/cardgen/pkg/choice"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/edition"
)

// Option names one of the options an operation takes, as the app layer
// knows it; the command line writes it as its flag (--back-offset), the
// web server as its parameter (offset=). Errors about options name them by
// these values, never by a flag.
type Option string

// The options.
const (
	OptData         Option = "dataset"
	OptDataFormat   Option = "dataset format"
	OptLang         Option = "language"
	OptLayout       Option = "layout"
	OptOnly         Option = "only"
	OptExclude      Option = "exclude"
	OptCategory     Option = "category"
	OptTag          Option = "tag"
	OptSort         Option = "sort"
	OptOut          Option = "output"
	OptDuplex       Option = "duplex"
	OptBackOffset   Option = "back offset"
	OptFaces        Option = "faces"
	OptSplit        Option = "split"
	OptInkSaver     Option = "ink saver"
	OptPaper        Option = "paper"
	OptDPI          Option = "resolution"
	OptPictures     Option = "picture format"
	OptEmbedFonts   Option = "embed fonts"
	OptSheet        Option = "sheet"
	OptExportFormat Option = "export format"
	OptCard         Option = "card"
	OptSide         Option = "side"
)

// What a message may send the user to, beside options: the command line
// names them as its commands (their values), the web server as what its
// page offers. Messages name them as options are named, {cardgen list}.
const (
	// RefList shows the cards of a deck, with their ids and categories.
	RefList Option = "cardgen list"
	// RefCalibrate makes the sheet that measures a printer's back offset.
	RefCalibrate Option = "cardgen calibrate"
)

// Options lists every option, for those who map them to their own names.
var Options = []Option{OptData, OptDataFormat, OptLang, OptLayout, OptOnly, OptExclude, OptCategory, OptTag, OptSort,
	OptOut, OptDuplex, OptBackOffset, OptFaces, OptSplit, OptInkSaver, OptPaper, OptDPI, OptPictures, OptEmbedFonts,
	OptSheet, OptExportFormat, OptCard, OptSide, RefList, RefCalibrate}

// OptionError says an operation cannot be carried out with an option as
// given: a value outside what is allowed, or options that do not go
// together. Format words it with the options' names as the caller's users
// know them; Error with the app layer's own.
type OptionError struct {
	Option Option // the option at fault
	Value  string // its value as given (shown quoted), unless Whole
	// Msg says what is wrong and what to do. It may name options as
	// {option}: "{split} writes both fronts and backs: leave out {faces}".
	Msg string
	// Whole says Msg is the whole message, naming the option itself;
	// otherwise the message is the option, its value and Msg.
	Whole bool
	Err   error // what the error comes from, if anything
}

func (e *OptionError) Error() string { return e.Format(func(o Option) string { return string(o) }) }

func (e *OptionError) Unwrap() error { return e.Err }

// Format words the error, naming each option by name(option).
func (e *OptionError) Format(name func(Option) string) string {
	msg := Expand(e.Msg, name)
	if e.Whole {
		return msg
	}
	return name(e.Option) + " " + strconv.Quote(e.Value) + ": " + msg
}

// Expand replaces each {option} in s by name(option).
func Expand(s string, name func(Option) string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		o := Option(s[i+1 : i+j])
		b.WriteString(s[:i])
		if isOption(o) {
			b.WriteString(name(o))
		} else {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

func isOption(o Option) bool {
	for _, x := range Options {
		if x == o {
			return true
		}
	}
	return false
}

// invalid is an OptionError about a value.
func invalid(opt Option, value, msg string) *OptionError {
	return &OptionError{Option: opt, Value: value, Msg: msg}
}

// conflict is an OptionError whose message names the options itself.
func conflict(opt Option, msg string) *OptionError {
	return &OptionError{Option: opt, Msg: msg, Whole: true}
}

// fromChoice turns a word outside its set into an OptionError.
func fromChoice(opt Option, err error) error {
	var ce *choice.Error
	if errors.As(err, &ce) {
		return &OptionError{Option: opt, Value: ce.Value, Msg: ce.Advice(), Err: err}
	}
	return err
}

// Options of the selection, by the deck.Selection field they fill.
var selectionOptions = map[string]Option{"only": OptOnly, "exclude": OptExclude, "categories": OptCategory, "tags": OptTag, "sort": OptSort}

// optionErrors turns the errors of the packages below about what a user
// asked for (a language, a format, a selection) into OptionErrors; other
// errors come back as they are.
func optionErrors(err error) error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs := j.Unwrap()
		out := make([]error, len(errs))
		changed := false
		for i, e := range errs {
			out[i] = optionErrors(e)
			changed = changed || out[i] != e
		}
		if changed {
			return errors.Join(out...)
		}
		return err
	}
	var (
		le *edition.LanguageError
		fe *deck.FormatError
		se *deck.SelectError
	)
	switch {
	case errors.As(err, &le):
		msg := "not a language tag: write fr, en, fr-CA, …"
		if le.Have != nil {
			msg = "the deck has no edition in this language; it has: " + strings.Join(le.Have, ", ")
		}
		return &OptionError{Option: OptLang, Value: le.Value, Msg: msg, Err: err}
	case errors.As(err, &fe):
		return &OptionError{Option: OptDataFormat, Msg: "{dataset format}: " + fe.Msg, Whole: true, Err: err}
	case errors.As(err, &se):
		msg := se.Msg
		if se.Hint != "" {
			msg += "; " + se.Hint
		}
		return &OptionError{Option: selectionOptions[se.Part], Value: se.Value, Msg: referCommands(msg), Err: err}
	}
	return err
}

// commandWords are the words of the packages below that send the user to
// a command, as the app layer names them (RefList…), so that each caller
// words them its own way.
var commandWords = strings.NewReplacer(
	"run cardgen list to see the ids", "{"+string(RefList)+"} shows the ids",
	string(RefList), "{"+string(RefList)+"}",
	string(RefCalibrate), "{"+string(RefCalibrate)+"}",
)

// referCommands names the commands msg sends the user to as references
// ({cardgen list}), for OptionError.Format to word.
func referCommands(msg string) string { return commandWords.Replace(msg) }
