package layout

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// YAML writes the spec as a layout file that sets every field, defaults
// included, each with a comment saying what it does: loading it gives the
// same spec (but for Source, FromFile and Stem, which say where it was
// read). header, when not empty, is written first, as comment lines.
func (s *Spec) YAML(header string) []byte {
	var b bytes.Buffer
	if header = strings.Trim(header, "\n"); strings.TrimSpace(header) != "" {
		for line := range strings.SplitSeq(header, "\n") {
			b.WriteString(strings.TrimRight("# "+line, " \t\r") + "\n")
		}
		b.WriteString("\n")
	}
	example := "a4"
	if IsBuiltin(s.Name) {
		example = s.Name
	}
	b.WriteString(`# Every field is written out below, defaults included, and all sizes are in
# millimetres. A file of your own needs only paper: and card:, or base: and
# the fields that differ, such as:
#   base: ` + example + `
#   ink_saver: true
# then: cardgen build --layout ./my-layout.yaml
`)
	line := func(text, comment string) {
		if comment == "" {
			b.WriteString(text + "\n")
			return
		}
		fmt.Fprintf(&b, "%-23s # %s\n", text, comment)
	}
	line("name: "+quote(s.Name), "in messages and in the PDF's properties")
	line("description: "+quote(s.Description), "")
	b.WriteString("\n")

	standard, named := papers[s.Paper.Name]
	if named && (standard == s.Paper.Size || standard == (Size{s.Paper.H, s.Paper.W})) {
		line("paper: "+s.Paper.Name, "A3, A4, A5, Letter, Legal, Tabloid, or width: and height:")
	} else {
		line("paper:", "a custom size")
		if s.Paper.Name != "" {
			line("  name: "+s.Paper.Name, "")
		}
		line("  width: "+num(s.Paper.W), "")
		line("  height: "+num(s.Paper.H), "")
	}
	line("orientation: "+s.Orientation, "portrait, landscape, or auto: whichever holds more cards")
	line("card:", "the card as cut")
	line("  width: "+num(s.Card.W), "")
	line("  height: "+num(s.Card.H), "")
	line("bleed: "+num(s.Bleed), "the background runs this far past the cut")
	line("safe: "+num(s.Safe), "text stays this far inside the cut")
	line("margin: "+num(s.Margin), "along the paper's edges, what the printer cannot print")
	if s.GridGiven {
		line("grid:", "cards across and down, centred on the sheet")
		line("  columns: "+strconv.Itoa(s.Columns), "")
		line("  rows: "+strconv.Itoa(s.Rows), "")
	} else {
		line("grid: auto", fmt.Sprintf("the most cards that fit, centred: %d × %d here", s.Columns, s.Rows))
	}
	line("gap: "+num(s.Gap), "between neighbouring cards' cut lines; at least twice the bleed")
	line("marks:", "guides for cutting, outside every card and its bleed")
	line("  style: "+string(s.Marks.Style), "crop, cut (dashed lines along each whole cut) or none")
	line("  length: "+num(s.Marks.Length), "longest crop mark")
	line("  offset: "+num(s.Marks.Offset), "from a card's bleed to its marks")
	line("  width: "+num(s.Marks.Width), "stroke width")
	line("duplex: "+string(s.Duplex), "the edge a double-sided printer flips on: long, short, or none")
	line("order: "+string(s.Order), "alternate (front sheet, back sheet, …) or fronts-then-backs")
	line("fold: "+string(s.Fold), "horizontal or vertical: each back beside its front, to fold")
	line("backs: "+string(s.Backs), "details (each card's own) or common (one design for all)")
	line("ink_saver: "+strconv.FormatBool(s.InkSaver), "white backgrounds, colour in thin bands only")
	line("trim_box: "+strconv.FormatBool(s.TrimBox), "one face per page with a TrimBox, for a print shop")
	line("back_offset:", "shift of every back, as read on cardgen calibrate")
	line("  x: "+num(s.BackOffset.X), "")
	line("  y: "+num(s.BackOffset.Y), "")
	return b.Bytes()
}

// LeadingComment returns the comment lines at the top of a layout file,
// without their #, up to the first line that is not a comment.
func LeadingComment(data []byte) string {
	var lines []string
	for line := range strings.SplitSeq(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if !strings.HasPrefix(line, "#") {
			break
		}
		lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(line, "#"), " "))
	}
	return strings.Join(lines, "\n")
}

// num writes a number so that reading it back gives the same float64.
func num(v float64) string {
	if v == 0 {
		return "0" // and not -0
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// quote writes a text as a YAML scalar that reads back as the same text.
func quote(s string) string {
	if s == "" {
		return `""`
	}
	out, err := yaml.Marshal(s)
	if err != nil || bytes.Count(bytes.TrimSpace(out), []byte("\n")) > 0 {
		// A multi-line text: one double-quoted line.
		return strconv.Quote(s)
	}
	return strings.TrimSpace(string(out))
}
