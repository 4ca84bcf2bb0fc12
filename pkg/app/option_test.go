package app

import (
	"errors"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/pkg/deck"
)

// TestCommandsNamedByCaller: a message that sends the user to a command
// names it as the caller says it.
func TestCommandsNamedByCaller(t *testing.T) {
	t.Parallel()
	_, err := Build(BuildOptions{Select: deck.Selection{Only: []string{"nobody"}}})
	var oe *OptionError
	if !errors.As(err, &oe) {
		t.Fatalf("%v", err)
	}
	if !strings.Contains(err.Error(), "cardgen list") {
		t.Errorf("in the app's own words: %v", err)
	}
	web := oe.Format(func(o Option) string {
		return map[Option]string{OptOnly: "only", RefList: "the list of cards"}[o]
	})
	if strings.Contains(web, "cardgen") || !strings.Contains(web, "the list of cards") {
		t.Errorf("worded for the web: %s", web)
	}
}
