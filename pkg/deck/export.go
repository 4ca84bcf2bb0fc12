package deck

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Export writes d in format ("yaml", "json", "csv" or "md"), so that
// reading it back gives the same deck. See the package documentation for
// what each format looks like.
func Export(w io.Writer, d *Deck, format string) error {
	f, err := ParseFormat(format)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	switch f {
	case "yaml":
		err = exportYAML(bw, d)
	case "json":
		err = exportJSON(bw, d)
	case "csv":
		err = exportCSV(bw, d)
	case "md":
		err = exportMarkdown(bw, d)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// ---- YAML

const yamlHeader = `# cardgen persona dataset. Build it with: cardgen build --data FILE
#
#   - Each entry under personas: is one card. id is a unique lowercase slug
#     of the name; category is the id of an entry under categories:;
#     country_code is ISO 3166-1 alpha-2 (FR, KR, GB, ...).
#   - text and impact are folded (>-): their lines are joined with spaces.
#   - conditions is a list, one "- item" per line. impact, image (a PNG or
#     JPEG file next to this one), copies (1 to 1000) and tags are optional.
#
# Text markup: *italic*, **bold**, \* for a literal asterisk.
`

// yamlPlain reports whether s can be written as a plain YAML scalar and
// read back unchanged.
func yamlPlain(s string) bool {
	if s == "" || strings.ContainsAny(s, "\n\r\t") {
		return false
	}
	out, err := yaml.Marshal(s)
	return err == nil && string(out) == s+"\n"
}

// yamlScalar writes s as a plain scalar when it can, double-quoted otherwise.
func yamlScalar(s string) string {
	if yamlPlain(s) {
		return s
	}
	return yamlQuote(s)
}

// yamlQuote double-quotes s; Go's escapes are a subset of YAML's.
func yamlQuote(s string) string { return strconv.Quote(s) }

// yamlFoldable reports whether s reads back unchanged from a folded block
// scalar wrapped at single spaces.
func yamlFoldable(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for _, r := range s {
		if r == '\t' || r == '\u0085' || r == '\u2028' || r == '\u2029' || r == '\uFEFF' || !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}

// wrap splits s into lines of at most width characters, at single spaces
// only (a space with no space or tab on either side), so that folding the
// lines with spaces gives s back.
func wrap(s string, width int) []string {
	var lines []string
	for utf8.RuneCountInString(s) > width {
		cut := -1
		n := 0
		for i, r := range s {
			if n > width && cut >= 0 {
				break
			}
			if r == ' ' && i > 0 && s[i-1] != ' ' && s[i-1] != '\t' && i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\t' {
				cut = i
			}
			n++
		}
		if cut < 0 {
			break
		}
		lines = append(lines, s[:cut])
		s = s[cut+1:]
	}
	return append(lines, s)
}

// yamlText writes a long text field: folded when it fits better so.
func yamlText(b *strings.Builder, indent, key, s string) {
	if !yamlFoldable(s) || utf8.RuneCountInString(indent+key+": "+s) <= 80 {
		fmt.Fprintf(b, "%s%s: %s\n", indent, key, yamlScalar(s))
		return
	}
	fmt.Fprintf(b, "%s%s: >-\n", indent, key)
	for _, l := range wrap(s, 80-len(indent)-2) {
		fmt.Fprintf(b, "%s  %s\n", indent, l)
	}
}

func exportYAML(w io.Writer, d *Deck) error {
	var b strings.Builder
	b.WriteString(yamlHeader)
	b.WriteString("deck:\n")
	fmt.Fprintf(&b, "  title: %s\n", yamlScalar(d.Title))
	fmt.Fprintf(&b, "  language: %s\n", yamlScalar(d.Language))
	if d.Author != "" {
		fmt.Fprintf(&b, "  author: %s\n", yamlScalar(d.Author))
	}
	b.WriteString("categories:\n")
	for _, c := range d.Categories {
		fmt.Fprintf(&b, "  - id: %s\n    label: %s\n    color: %q\n", yamlScalar(c.ID), yamlScalar(c.Label), c.Color)
	}
	b.WriteString("personas:\n")
	for i, p := range d.Personas {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "  - id: %s\n", yamlScalar(p.ID))
		for _, kv := range [][2]string{{"name", p.Name}, {"role", p.Role}, {"country", p.Country}, {"country_code", p.CountryCode}, {"category", p.Category}} {
			fmt.Fprintf(&b, "    %s: %s\n", kv[0], yamlScalar(kv[1]))
		}
		yamlText(&b, "    ", "text", p.Text)
		b.WriteString("    conditions:\n")
		for _, c := range p.Conditions {
			fmt.Fprintf(&b, "      - %s\n", yamlScalar(c))
		}
		if p.Impact != "" {
			yamlText(&b, "    ", "impact", p.Impact)
		}
		if p.Image != "" {
			fmt.Fprintf(&b, "    image: %s\n", yamlScalar(p.Image))
		}
		if p.Copies != 0 {
			fmt.Fprintf(&b, "    copies: %d\n", p.Copies)
		}
		if len(p.Tags) > 0 {
			b.WriteString("    tags:\n")
			for _, t := range p.Tags {
				fmt.Fprintf(&b, "      - %s\n", yamlScalar(t))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ---- JSON

type jsonDeck struct {
	Deck       jsonMeta       `json:"deck"`
	Categories []jsonCategory `json:"categories"`
	Personas   []jsonPersona  `json:"personas"`
}

type jsonMeta struct {
	Title    string `json:"title"`
	Language string `json:"language"`
	Author   string `json:"author,omitempty"`
}

type jsonCategory struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Color string `json:"color"`
}

type jsonPersona struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Role        string   `json:"role"`
	Country     string   `json:"country"`
	CountryCode string   `json:"country_code"`
	Category    string   `json:"category"`
	Text        string   `json:"text"`
	Conditions  []string `json:"conditions"`
	Impact      string   `json:"impact,omitempty"`
	Image       string   `json:"image,omitempty"`
	Copies      int      `json:"copies,omitempty"`
	Tags        []string `json:"tags,omitempty"`
}

func exportJSON(w io.Writer, d *Deck) error {
	out := jsonDeck{Deck: jsonMeta{d.Title, d.Language, d.Author}, Categories: []jsonCategory{}, Personas: []jsonPersona{}}
	for _, c := range d.Categories {
		out.Categories = append(out.Categories, jsonCategory{c.ID, c.Label, c.Color.String()})
	}
	for _, p := range d.Personas {
		out.Personas = append(out.Personas, jsonPersona{p.ID, p.Name, p.Role, p.Country, p.CountryCode, p.Category,
			p.Text, append([]string{}, p.Conditions...), p.Impact, p.Image, p.Copies, p.Tags})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// ---- CSV

// french reports whether a deck's language is French, for the names of
// CSV columns and Markdown key lines.
func french(d *Deck) bool { return strings.HasPrefix(strings.ToLower(d.Language), "fr") }

// exportCSV writes what French Excel opens right: UTF-8 with a BOM,
// semicolons, CRLF line ends. The deck's title, language, author and
// categories come first, in rows above the header.
func exportCSV(w io.Writer, d *Deck) error {
	if _, err := w.Write(bomUTF8); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	fr := french(d)
	name := func(f flatField) string {
		if fr && len(f.french) > 0 {
			return f.french[0]
		}
		return f.name
	}
	meta := map[string]string{"title": d.Title, "language": d.Language, "author": d.Author}
	for _, f := range metaFields {
		if meta[f.name] != "" {
			cw.Write([]string{name(f), meta[f.name]})
		}
	}
	catKey := "category"
	if fr {
		catKey = "catégorie"
	}
	for _, c := range d.Categories {
		cw.Write([]string{catKey, c.ID, c.Label, c.Color.String()})
	}
	cw.Write([]string{""})
	var header []string
	for _, f := range flatFields {
		header = append(header, name(f))
	}
	cw.Write(header)
	for _, p := range d.Personas {
		if err := tagsOK(&p); err != nil {
			return err
		}
		copies := ""
		if p.Copies != 0 {
			copies = strconv.Itoa(p.Copies)
		}
		conditions := strings.Join(p.Conditions, "\n")
		if len(p.Conditions) == 1 && strings.Contains(conditions, " | ") {
			conditions += "\n" // one line would be split at " | "
		}
		cw.Write([]string{p.ID, p.Name, p.Role, p.Country, p.CountryCode, p.Category, p.Text,
			conditions, p.Impact, p.Image, copies, joinTags(p.Tags)})
	}
	cw.Flush()
	return cw.Error()
}

// tagsOK checks that p's tags can be written in one cell or key line.
func tagsOK(p *Persona) error {
	for _, t := range p.Tags {
		if strings.Contains(t, "|") {
			return fmt.Errorf("persona %q: tag %q contains \"|\", which separates tags in CSV and Markdown; change the tag or export to YAML or JSON", p.ID, t)
		}
	}
	return nil
}

// ---- Markdown

// mdWritable checks that every value of d reads back from Markdown as
// itself: Markdown takes a backslash before punctuation for an escape,
// and one at the end of a line for a line break.
func mdWritable(d *Deck) error {
	check := func(card, field, v string) error {
		for _, l := range strings.Split(v, "\n") {
			if mdUnescape(l) != l || strings.HasSuffix(l, `\`) && !strings.HasSuffix(l, `\\`) {
				return fmt.Errorf("persona %q: field %q: %q has a backslash that Markdown would read as an escape; remove it or export to another format", card, field, v)
			}
		}
		return nil
	}
	errs := []error{check("", "title", d.Title), check("", "author", d.Author)}
	for _, c := range d.Categories {
		errs = append(errs, check("", "label", c.Label))
	}
	for i := range d.Personas {
		p := &d.Personas[i]
		errs = append(errs, tagsOK(p))
		for _, f := range [][2]string{{"name", p.Name}, {"role", p.Role}, {"country", p.Country}, {"text", p.Text}, {"impact", p.Impact}, {"image", p.Image}} {
			errs = append(errs, check(p.ID, f[0], f[1]))
		}
		for j, c := range p.Conditions {
			errs = append(errs, check(p.ID, fmt.Sprintf("conditions[%d]", j+1), c))
		}
		for j, t := range p.Tags {
			errs = append(errs, check(p.ID, fmt.Sprintf("tags[%d]", j+1), t))
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// mdItem writes a list item with a marker that keeps it from reading as
// a rule ("- - -").
func mdItem(s string) string {
	for _, marker := range []string{"- ", "* ", "1. "} {
		if l := marker + s; !mdBreakRe.MatchString(l) {
			return l
		}
	}
	return "- " + s
}

// mdSafe reports whether a paragraph of text reads back as itself in
// Markdown: no line of it may look like a heading, a list item, a bold
// name line, a key line, a rule or a blank line, and backslashes must not
// escape anything.
func mdSafe(s string, keyFields []flatField) bool {
	for _, l := range strings.Split(s, "\n") {
		line := mdLine{text: l}
		if isBlank(l) || l != strings.TrimSpace(l) || strings.HasSuffix(l, `\`) ||
			mdHeadingRe.MatchString(l) || mdNameRe.MatchString(l) || mdItemRe.MatchString(l) || mdBreakRe.MatchString(l) ||
			mdUnescape(l) != l {
			return false
		}
		if _, _, _, _, ok := mdKey(keyFields, line); ok {
			return false
		}
	}
	return true
}

// mdKeyName returns a field's name for a key line, in the deck's language.
func mdKeyName(fields []flatField, field string, fr bool) string {
	for _, f := range fields {
		if f.name == field {
			n := f.name
			if fr && len(f.french) > 0 {
				n = f.french[0]
			}
			n = strings.ReplaceAll(n, "_", " ")
			r, size := utf8.DecodeRuneInString(n)
			return string(unicode.ToUpper(r)) + n[size:]
		}
	}
	return field
}

// mdParagraph writes a text as a paragraph, its line breaks as hard breaks.
func mdParagraph(s string) string { return strings.ReplaceAll(s, "\n", "  \n") }

func exportMarkdown(w io.Writer, d *Deck) error {
	if err := mdWritable(d); err != nil {
		return err
	}
	fr := french(d)
	colon := ": "
	if fr {
		colon = " : "
	}
	var b strings.Builder
	key := func(fields []flatField, field, value string) {
		fmt.Fprintf(&b, "%s%s%s\n", mdKeyName(fields, field, fr), colon, mdParagraph(value))
	}
	if mdSafe(d.Title, nil) && !strings.Contains(d.Title, "\n") && !strings.HasSuffix(d.Title, "#") {
		fmt.Fprintf(&b, "# %s\n\n", d.Title)
	} else {
		key(metaFields, "title", d.Title)
		b.WriteString("\n")
	}
	key(metaFields, "language", d.Language)
	if d.Author != "" {
		key(metaFields, "author", d.Author)
	}
	if fr {
		b.WriteString("\n## Catégories\n\n")
	} else {
		b.WriteString("\n## Categories\n\n")
	}
	for _, c := range d.Categories {
		fmt.Fprintf(&b, "- %s (%s, %s)\n", c.Label, c.ID, c.Color)
	}
	for _, p := range d.Personas {
		if mdSafe(p.Name, nil) && !strings.Contains(p.Name, "#") && keyFold(p.Name) != "categories" {
			fmt.Fprintf(&b, "\n### %s\n\n", p.Name)
		} else if !strings.Contains(p.Name, "*") && !strings.HasSuffix(p.Name, `\`) {
			fmt.Fprintf(&b, "\n**%s**\n\n", p.Name)
		} else {
			return fmt.Errorf("persona %q: its name %q cannot be written in Markdown", p.ID, p.Name)
		}
		// Role, country and text as paragraphs when they read back so, as
		// key lines otherwise (a key line keeps the paragraphs after it
		// in their places).
		var keyed [][2]string
		for _, kv := range [][2]string{{"role", p.Role}, {"country", p.Country}, {"text", p.Text}} {
			if mdSafe(kv[1], flatFields) && kv[1] == strings.TrimSpace(kv[1]) {
				fmt.Fprintf(&b, "%s\n\n", mdParagraph(kv[1]))
			} else {
				keyed = append(keyed, kv)
			}
		}
		for _, c := range p.Conditions {
			fmt.Fprintf(&b, "%s\n", mdItem(c))
		}
		if p.Impact != "" {
			if mdSafe(p.Impact, flatFields) {
				fmt.Fprintf(&b, "\n%s\n", mdParagraph(p.Impact))
			} else {
				keyed = append(keyed, [2]string{"impact", p.Impact})
			}
		}
		if p.ID != Slug(p.Name) {
			keyed = append(keyed, [2]string{"id", p.ID})
		}
		keyed = append(keyed, [2]string{"category", p.Category})
		if CountryCode(p.Country) != p.CountryCode {
			keyed = append(keyed, [2]string{"country_code", p.CountryCode})
		}
		if p.Image != "" {
			keyed = append(keyed, [2]string{"image", p.Image})
		}
		if p.Copies != 0 {
			keyed = append(keyed, [2]string{"copies", strconv.Itoa(p.Copies)})
		}
		if len(p.Tags) > 0 {
			keyed = append(keyed, [2]string{"tags", joinTags(p.Tags)})
		}
		b.WriteString("\n")
		for _, kv := range keyed {
			key(flatFields, kv[0], kv[1])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
