package cli

import (
	"fmt"
	"io"

	"github.com/cardgen/cardgen/pkg/app"
	"github.com/cardgen/cardgen/pkg/geom"
	"github.com/cardgen/cardgen/pkg/layout"
)

// shifted is what a summary says of the back offset spec applies:
// ", backs shifted 1 mm right and 5 mm down", or "" for none. So a
// misread offset shows ("1,5" is X 1 and Y 5).
func shifted(spec *layout.Spec) string {
	if s := app.DescribeOffset(spec.BackOffset); s != "" {
		return ", " + s
	}
	return ""
}

// warnOffsets warns, once for each, of back offsets larger than printers
// usually shift.
func warnOffsets(w io.Writer, specs ...*layout.Spec) {
	seen := map[geom.Point]bool{}
	for _, s := range specs {
		if msg := app.OffsetWarning(s.BackOffset); msg != "" && !seen[s.BackOffset] {
			seen[s.BackOffset] = true
			fmt.Fprintln(w, "cardgen: warning: "+msg)
		}
	}
}
