package deck

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/cardgen/cardgen/pkg/diag"
)

// Export writes d in format (one of Formats), so that reading it back
// gives the same deck. See the package documentation for what each format
// looks like.
func Export(w io.Writer, d *Deck, format string) error {
	name, err := ParseFormat(format)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if err := formatNamed(name).write(bw, d); err != nil {
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
	yamlRecord(&b, deckSchema, d, "  ", "  ")
	b.WriteString("categories:\n")
	for i := range d.Categories {
		yamlRecord(&b, categorySchema, &d.Categories[i], "  - ", "    ")
	}
	b.WriteString("personas:\n")
	for i := range d.Personas {
		if i > 0 {
			b.WriteString("\n")
		}
		yamlRecord(&b, personaSchema, &d.Personas[i], "  - ", "    ")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// yamlRecord writes v's fields, the first after first, the others after
// indent: required fields always, optional ones when they have a value.
func yamlRecord[T any](b *strings.Builder, schema []field[T], v *T, first, indent string) {
	for i := range schema {
		f := &schema[i]
		if f.need == optional && f.empty(v) {
			continue
		}
		lead := indent
		if i == 0 {
			lead = first
		}
		switch f.kind {
		case kindText:
			yamlText(b, lead, f.name, *f.str(v))
		case kindList, kindTags:
			fmt.Fprintf(b, "%s%s:\n", lead, f.name)
			for _, item := range *f.list(v) {
				fmt.Fprintf(b, "%s  - %s\n", indent, yamlScalar(item))
			}
		case kindCopies:
			fmt.Fprintf(b, "%s%s: %d\n", lead, f.name, *f.num(v))
		case kindColor:
			fmt.Fprintf(b, "%s%s: %q\n", lead, f.name, f.rgb(v).String())
		default:
			fmt.Fprintf(b, "%s%s: %s\n", lead, f.name, yamlScalar(*f.str(v)))
		}
	}
}

// ---- JSON

// jsonObject is an object whose keys keep the schema's order.
type jsonObject []jsonMember

type jsonMember struct {
	key string
	val any
}

func (o jsonObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := jsonWrite(&b, m.key); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := jsonWrite(&b, m.val); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// jsonWrite writes v as JSON, without escaping <, > and & (not HTML).
func jsonWrite(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	return nil
}

// jsonRecord is v's fields as an object: required fields always, optional
// ones when they have a value.
func jsonRecord[T any](schema []field[T], v *T) jsonObject {
	var o jsonObject
	for i := range schema {
		f := &schema[i]
		if f.need == optional && f.empty(v) {
			continue
		}
		var val any
		switch f.kind {
		case kindList, kindTags:
			val = append([]string{}, *f.list(v)...)
		case kindCopies:
			val = *f.num(v)
		case kindColor:
			val = f.rgb(v).String()
		default:
			val = *f.str(v)
		}
		o = append(o, jsonMember{f.name, val})
	}
	return o
}

func exportJSON(w io.Writer, d *Deck) error {
	categories, personas := []jsonObject{}, []jsonObject{}
	for i := range d.Categories {
		categories = append(categories, jsonRecord(categorySchema, &d.Categories[i]))
	}
	for i := range d.Personas {
		personas = append(personas, jsonRecord(personaSchema, &d.Personas[i]))
	}
	out := jsonObject{{"deck", jsonRecord(deckSchema, d)}, {"categories", categories}, {"personas", personas}}
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
	for _, r := range tableRows(d) {
		for i := range r {
			r[i] = escapeCell(r[i])
		}
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// tableRows is a deck as a CSV file's rows: the deck's fields and the
// categories above the header, in the deck's language, then a blank row,
// the header and a row per persona.
func tableRows(d *Deck) [][]string {
	fr := french(d)
	var rows [][]string
	for i := range deckSchema {
		f := &deckSchema[i]
		if !f.empty(d) {
			rows = append(rows, []string{localName(f, fr), f.text(d)})
		}
	}
	for _, c := range d.Categories {
		r := []string{categoryKey(fr)}
		for i := range categorySchema {
			r = append(r, categorySchema[i].text(&c))
		}
		rows = append(rows, r)
	}
	rows = append(rows, []string{""}, tableHeader(fr))
	return append(rows, personaRows(d)...)
}

func categoryKey(fr bool) string {
	if fr {
		return "catégorie"
	}
	return "category"
}

// tableHeader names the persona columns in the deck's language.
func tableHeader(fr bool) []string {
	var h []string
	for i := range personaSchema {
		h = append(h, localName(&personaSchema[i], fr))
	}
	return h
}

// personaRows is a row of cells per persona, as tableHeader names them.
func personaRows(d *Deck) [][]string {
	var rows [][]string
	for i := range d.Personas {
		var r []string
		for j := range personaSchema {
			r = append(r, personaSchema[j].text(&d.Personas[i]))
		}
		rows = append(rows, r)
	}
	return rows
}

// checkTags checks that every persona's tags can be written in one cell
// or key line.
func checkTags(d *Deck) error {
	for i := range d.Personas {
		if err := tagsOK(&d.Personas[i]); err != nil {
			return err
		}
	}
	return nil
}

// tagsOK checks that p's tags can be written in one cell or key line.
func tagsOK(p *Persona) error {
	for _, t := range p.Tags {
		if strings.Contains(t, "|") {
			return fmt.Errorf("persona %s: tag %s contains \"|\", which separates tags in CSV and Markdown; change the tag or export to YAML or JSON", diag.Quote(p.ID), diag.Quote(t))
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
				return fmt.Errorf("persona %s: field %q: %s has a backslash that Markdown would read as an escape; remove it or export to another format", diag.Quote(card), field, diag.Quote(v))
			}
		}
		return nil
	}
	errs := []error{check("", "title", d.Title), check("", "author", d.Author)}
	for _, c := range d.Categories {
		errs = append(errs, check("", "label", c.Label))
	}
	if err := checkTags(d); err != nil {
		return err
	}
	for i := range d.Personas {
		p := &d.Personas[i]
		for j := range personaSchema {
			f := &personaSchema[j]
			switch f.kind {
			case kindLine, kindText:
				errs = append(errs, check(p.ID, f.name, *f.str(p)))
			case kindList, kindTags:
				for k, item := range *f.list(p) {
					errs = append(errs, check(p.ID, fmt.Sprintf("%s[%d]", f.name, k+1), item))
				}
			}
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
func mdSafe(s string, keyFields *nameIndex) bool {
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
func mdKeyName[T any](f *field[T], fr bool) string {
	n := strings.ReplaceAll(localName(f, fr), "_", " ")
	r, size := utf8.DecodeRuneInString(n)
	return string(unicode.ToUpper(r)) + n[size:]
}

// mdParagraph writes a text as a paragraph, its line breaks as hard breaks.
func mdParagraph(s string) string { return strings.ReplaceAll(s, "\n", "  \n") }

// mdPlaced are the persona fields a Markdown file writes in their own
// places (the heading, paragraphs, the list); the others are key lines.
var mdPlaced = []string{"name", "role", "country", "text", "conditions", "impact"}

// mdDerived reports whether a field left out of a Markdown file reads back
// as p has it: the id made from the name, the code from the country.
func mdDerived(f *field[Persona], p *Persona) bool {
	switch f.name {
	case "id":
		return p.ID == Slug(p.Name)
	case "country_code":
		return CountryCode(p.Country) == p.CountryCode
	}
	return false
}

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
	metaKey := func(name, value string) {
		fmt.Fprintf(&b, "%s%s%s\n", mdKeyName(lookup(deckSchema, name), fr), colon, mdParagraph(value))
	}
	if mdSafe(d.Title, nil) && !strings.Contains(d.Title, "\n") && !strings.HasSuffix(d.Title, "#") {
		fmt.Fprintf(&b, "# %s\n\n", d.Title)
	} else {
		metaKey("title", d.Title)
		b.WriteString("\n")
	}
	for i := range deckSchema {
		if f := &deckSchema[i]; f.name != "title" && !f.empty(d) {
			metaKey(f.name, f.text(d))
		}
	}
	if fr {
		b.WriteString("\n## Catégories\n\n")
	} else {
		b.WriteString("\n## Categories\n\n")
	}
	for _, c := range d.Categories {
		fmt.Fprintf(&b, "- %s (%s, %s)\n", c.Label, c.ID, c.Color)
	}
	for i := range d.Personas {
		p := &d.Personas[i]
		if mdSafe(p.Name, nil) && !strings.Contains(p.Name, "#") && keyFold(p.Name) != "categories" {
			fmt.Fprintf(&b, "\n### %s\n\n", p.Name)
		} else if !strings.Contains(p.Name, "*") && !strings.HasSuffix(p.Name, `\`) {
			fmt.Fprintf(&b, "\n**%s**\n\n", p.Name)
		} else {
			return fmt.Errorf("persona %s: its name %s cannot be written in Markdown", diag.Quote(p.ID), diag.Quote(p.Name))
		}
		// Role, country and text as paragraphs when they read back so, as
		// key lines otherwise (a key line keeps the paragraphs after it
		// in their places).
		keyed := map[string]bool{}
		for _, kv := range [][2]string{{"role", p.Role}, {"country", p.Country}, {"text", p.Text}} {
			switch {
			case kv[0] == "country" && kv[1] == "" && p.CountryCode != "":
				continue // left out: the code says it
			case kv[0] == "country" && !countryLike(kv[1]),
				kv[0] == "text" && p.Country == "" && countryLike(kv[1]):
				// A reader would take one for the other (looksLikeCountry).
				keyed[kv[0]] = true
			case mdSafe(kv[1], personaNames) && kv[1] == strings.TrimSpace(kv[1]):
				fmt.Fprintf(&b, "%s\n\n", mdParagraph(kv[1]))
			default:
				keyed[kv[0]] = true
			}
		}
		for _, c := range p.Conditions {
			fmt.Fprintf(&b, "%s\n", mdItem(c))
		}
		if p.Impact != "" {
			if mdSafe(p.Impact, personaNames) {
				fmt.Fprintf(&b, "\n%s\n", mdParagraph(p.Impact))
			} else {
				keyed["impact"] = true
			}
		}
		b.WriteString("\n")
		for j := range personaSchema {
			f := &personaSchema[j]
			placed := contains(mdPlaced, f.name) && !keyed[f.name]
			if placed || f.need == optional && f.empty(p) || mdDerived(f, p) || f.unless != "" && f.empty(p) && !lookup(personaSchema, f.unless).empty(p) {
				continue
			}
			fmt.Fprintf(&b, "%s%s%s\n", mdKeyName(f, fr), colon, mdParagraph(f.text(p)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
