package deck

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// Markdown blocks.
const (
	mdPara = iota
	mdList
	mdHeading
	mdName // a line of bold text alone: **Name**
)

// mdLine is a line of text (or a list item) with its position.
type mdLine struct {
	text string
	pos  Pos
	hard bool // ends with a hard line break (two spaces or a backslash)
}

type mdBlock struct {
	kind  int
	level int    // headings
	text  string // headings and names
	pos   Pos
	lines []mdLine // paragraph lines, list items
}

var (
	mdHeadingRe = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	mdNameRe    = regexp.MustCompile(`^ {0,3}\*\*([^*]*[^*\s\\][^*]*)\*\*[ \t]*\\?$`)
	mdItemRe    = regexp.MustCompile(`^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$`)
	mdBreakRe   = regexp.MustCompile(`^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	mdKeyRe     = regexp.MustCompile(`^[ \t]*([^:：\s][^:：]{0,29}?)[ \t\x{00A0}\x{202F}]*[:：][ \t\x{00A0}\x{202F}]*(.*)$`)
	mdCatRe     = regexp.MustCompile(`^(.*?)[ \t]*\(([^()]*)\)$`)
)

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// indentOf returns how many columns of spaces (a tab counts 4) begin s.
func indentOf(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}

// textLine makes an mdLine of a paragraph's line: outer spaces trimmed,
// a hard break noted.
func textLine(s string, line int) mdLine {
	trimmed := strings.TrimLeft(s, " \t")
	col := utf8.RuneCountInString(s[:len(s)-len(trimmed)]) + 1
	hard := strings.HasSuffix(trimmed, "  ") || strings.HasSuffix(trimmed, `\`) && !strings.HasSuffix(trimmed, `\\`)
	t := strings.TrimRight(trimmed, " \t")
	if strings.HasSuffix(t, `\`) && !strings.HasSuffix(t, `\\`) {
		t = strings.TrimRight(t[:len(t)-1], " \t")
	}
	return mdLine{text: t, pos: Pos{Line: line, Column: col}, hard: hard}
}

// mdBlocks splits Markdown text into headings, name lines, paragraphs and lists.
func mdBlocks(lines []string) []mdBlock {
	var blocks []mdBlock
	var para, list *mdBlock
	afterBlank := false
	closePara := func() {
		if para != nil {
			blocks = append(blocks, *para)
			para = nil
		}
	}
	closeList := func() {
		if list != nil {
			blocks = append(blocks, *list)
			list = nil
		}
	}
	for i, l := range lines {
		n := i + 1
		switch {
		case isBlank(l):
			closePara()
			afterBlank = true
			continue
		case mdHeadingRe.MatchString(l):
			closePara()
			closeList()
			m := mdHeadingRe.FindStringSubmatchIndex(l)
			start := m[3]
			if m[4] >= 0 {
				start = m[4]
			}
			text := ""
			if m[4] >= 0 {
				text = strings.TrimSpace(l[m[4]:m[5]])
			}
			blocks = append(blocks, mdBlock{kind: mdHeading, level: m[3] - m[2], text: text, pos: Pos{Line: n, Column: utf8.RuneCountInString(l[:start]) + 1}})
		case mdNameRe.MatchString(l):
			closePara()
			closeList()
			m := mdNameRe.FindStringSubmatch(l)
			col := strings.Index(l, "**") + 3
			blocks = append(blocks, mdBlock{kind: mdName, text: strings.TrimSpace(m[1]), pos: Pos{Line: n, Column: utf8.RuneCountInString(l[:col-1]) + 1}})
		case mdBreakRe.MatchString(l):
			closePara()
			closeList()
		case mdItemRe.MatchString(l) && (para == nil || list != nil || !unicode.IsDigit(rune(strings.TrimSpace(l)[0]))):
			// A list interrupts a paragraph, unless it is numbered: "2024. Une
			// année…" goes on a paragraph.
			closePara()
			if list == nil {
				list = &mdBlock{kind: mdList, pos: Pos{Line: n, Column: indentOf(l) + 1}}
			}
			m := mdItemRe.FindStringSubmatch(l)
			item := textLine(m[1], n)
			item.pos.Column = utf8.RuneCountInString(l[:len(l)-len(m[1])]) + 1
			if m[1] == "" {
				item.pos.Column = utf8.RuneCountInString(l) + 1
			}
			list.lines = append(list.lines, item)
		case list != nil && (!afterBlank || indentOf(l) >= 2):
			// The continuation of the last item.
			last := &list.lines[len(list.lines)-1]
			t := textLine(l, n)
			sep := " "
			if last.text == "" {
				sep = ""
			}
			last.text += sep + t.text
		default:
			closeList()
			if para == nil {
				para = &mdBlock{kind: mdPara, pos: Pos{Line: n, Column: indentOf(l) + 1}}
			}
			para.lines = append(para.lines, textLine(l, n))
		}
		afterBlank = false
	}
	closePara()
	closeList()
	return blocks
}

// mdKey recognises a key line, such as "Catégorie : extraction", among fields.
func mdKey(fields *nameIndex, l mdLine) (field, value string, pos Pos, lang int, ok bool) {
	m := mdKeyRe.FindStringSubmatchIndex(l.text)
	if m == nil {
		return "", "", Pos{}, 0, false
	}
	if fields == nil {
		return "", "", Pos{}, 0, false
	}
	field, lang, ok = fields.lookup(l.text[m[2]:m[3]])
	if !ok {
		return "", "", Pos{}, 0, false
	}
	return field, l.text[m[4]:], Pos{Line: l.pos.Line, Column: l.pos.Column + utf8.RuneCountInString(l.text[:m[4]])}, lang, true
}

// mdUnescape removes Markdown's backslash escapes of ASCII punctuation
// ("\$" → "$"), except \* and \\, which are cardgen's own markup.
func mdUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			next := s[i+1]
			switch {
			case next == '*' || next == '\\':
				b.WriteByte(c)
				b.WriteByte(next)
				i++
				continue
			case next < utf8.RuneSelf && unicode.IsPunct(rune(next)) || next == '$' || next == '+' || next == '<' || next == '>' || next == '=' || next == '|' || next == '~' || next == '^' || next == '`':
				b.WriteByte(next)
				i++
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdValue joins a field's lines: soft breaks become spaces; hard breaks
// become line breaks in multi-line fields (text, impact), spaces elsewhere.
func mdValue(lines []mdLine, multi bool) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			if multi && lines[i-1].hard {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l.text)
	}
	return mdUnescape(b.String())
}

// mdSegment is a field's text in a persona: keyed ("Pays : Chine") or
// positional (a paragraph).
type mdSegment struct {
	field string // "" when positional, "?" for an unknown key
	lines []mdLine
	pos   Pos
	key   string // an unknown key, as written
	hint  string // for an unknown key
}

type mdReader struct {
	name       string
	problems   diag.List
	vote       languageVote
	categories []*value
	personas   []*value
}

// mdAbsent says what to do about a required field a persona lacks.
func mdAbsent(name string) (string, string) {
	switch name {
	case "role":
		return "missing", "write the role in the paragraph after the name"
	case "country":
		return "missing", "write the country in the paragraph after the role"
	case "text":
		return "missing", "write the persona's text in the paragraph after the country"
	case "conditions":
		return "no list of conditions", "list them after the text, one per line starting with \"- \""
	}
	return "missing", ""
}

var mdDialect = &dialect{
	flat:   true,
	absent: mdAbsent,
	emptyValue: func(name, noun string) (string, string) {
		if name == "name" {
			return "empty", "write the persona's name after ### (or between ** and **)"
		}
		return mdAbsent(name)
	},
	emptyItem: "remove the line or write the item",
	noID:      `add a line "Identifiant : …" (or "Id: …") with lowercase letters, digits and hyphens`,
	noCode: func(*value) string {
		return `add a line "Code pays : XX" (or "Country code: XX") with its two-letter ISO code, such as FR, CD, KR`
	},
}

func (m *mdReader) add(pos Pos, card, field, msg, hint string) {
	m.problems.Add(problemAt(m.name, pos, card, field, msg, hint))
}

// segments splits a paragraph into a positional part and keyed parts: a
// line that starts with a field's name and a colon starts a keyed part,
// and the lines after it, up to the next key line, continue it.
//
// A line that looks like a key line but names no field is an unknown key
// when strict (before the first persona, where no text may come) or when
// it is one letter away from a field's name ("Catégori : …"); otherwise it
// is text ("Attention : …").
func segments(b mdBlock, fields *nameIndex, vote *languageVote, strict bool) []mdSegment {
	var segs []mdSegment
	for _, l := range b.lines {
		if field, value, pos, lang, ok := mdKey(fields, l); ok {
			if vote != nil {
				vote.add(lang)
			}
			segs = append(segs, mdSegment{field: field, pos: pos, lines: []mdLine{{text: value, pos: pos, hard: l.hard}}})
			continue
		}
		if m := mdKeyRe.FindStringSubmatch(l.text); m != nil && len(strings.Fields(m[1])) <= 3 && unicode.IsLetter([]rune(m[1])[0]) {
			s := fields.suggest(m[1])
			near := s != "" && len(keyFold(m[1])) >= 4 && yamldoc.Distance(keyFold(m[1]), keyFold(s)) <= 1
			if strict || near {
				hint := "the keys here are " + fields.list
				if s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				segs = append(segs, mdSegment{field: "?", pos: l.pos, key: strings.TrimSpace(m[1]), hint: hint})
				continue
			}
		}
		if len(segs) == 0 {
			segs = append(segs, mdSegment{pos: l.pos})
		}
		last := &segs[len(segs)-1]
		if last.field == "?" {
			continue // the lines after an unknown key go with it
		}
		if last.field != "" && len(last.lines) == 1 && last.lines[0].text == "" {
			// "Texte :" alone on its line, the value on the next ones.
			last.lines, last.pos = last.lines[:0], l.pos
		}
		last.lines = append(last.lines, l)
	}
	return segs
}

// readMarkdown reads a Markdown dataset in the style of the workshop's
// source file.
func readMarkdown(name string, data []byte) (*source, diag.List) {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if !strings.Contains(text, "\n") {
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	lines := strings.Split(text, "\n")
	m := &mdReader{name: name}
	if isBlank(text) {
		m.add(Pos{}, "", "", "the file is empty", "start from cardgen export --format md")
		return nil, m.problems
	}
	blocks := mdBlocks(lines)

	title, lang := fileMeta(name)
	meta := map[string]*value{}
	setMeta := func(field, v string, pos Pos) {
		if v == "" && field != "author" {
			m.add(pos, "", field, "empty", "write the "+field+", or remove the line")
			m.problems.MarkLast(diag.CodeEmpty)
			return
		}
		if prev, dup := meta[field]; dup {
			m.add(pos, "", field, fmt.Sprintf("given twice (first on line %d)", prev.pos.Line), "keep one")
			return
		}
		meta[field] = &value{kind: vText, text: v, pos: pos}
	}

	inCategories := false
	var persona []mdBlock // the blocks of the persona being read
	flush := func() {
		if persona != nil {
			m.persona(persona)
			persona = nil
		}
	}
	for _, b := range blocks {
		isPersona := b.kind == mdName || b.kind == mdHeading && b.level > 1 && keyFold(b.text) != "categories"
		switch {
		case isPersona:
			flush()
			inCategories = false
			persona = []mdBlock{b}
		case b.kind == mdHeading && keyFold(b.text) == "categories" && b.level > 1:
			if persona != nil || len(m.personas) > 0 {
				m.add(b.pos, "", "", "the categories section comes after a persona", "move it before the first persona")
			}
			flush()
			inCategories = true
			if strings.ContainsAny(b.text, "éÉ") {
				m.vote.add(langFrench)
			} else {
				m.vote.add(langEnglish)
			}
		case b.kind == mdHeading:
			if len(m.personas) > 0 || persona != nil || meta["title"] != nil {
				m.add(b.pos, "", "", "a second level-1 heading (# …)", "there is one # title, for the deck; start each persona with ### Name")
				continue
			}
			setMeta("title", oneLine(mdUnescape(b.text)), b.pos)
		case persona != nil:
			persona = append(persona, b)
		case inCategories && b.kind == mdList:
			for _, it := range b.lines {
				m.category(it)
			}
		case inCategories:
			m.add(b.pos, "", "", "text in the categories section is not understood",
				"list one category per line: - Label (id, #RRGGBB); the id and colour are optional")
		case b.kind == mdPara:
			for _, s := range segments(b, metaNames, &m.vote, true) {
				if s.field == "?" {
					m.add(s.pos, "", s.key, "unknown key", s.hint)
					m.problems.MarkLast(diag.CodeUnknownField)
					continue
				}
				if s.field == "" {
					m.add(s.pos, "", "", "text before the first persona is not understood",
						"start each persona with ### Name or **Name**; before them, only # Title and lines such as \"Langue : fr\" or \"Auteur : …\" may come")
					continue
				}
				setMeta(s.field, mdValue(s.lines, false), s.pos)
			}
		default:
			m.add(b.pos, "", "", "a list before the first persona is not understood",
				"start each persona with ### Name or **Name**; list categories under ## Catégories")
		}
	}
	flush()

	if meta["title"] == nil {
		meta["title"] = textAt(title, Pos{})
	}
	if meta["language"] == nil {
		l := "fr"
		switch {
		case lang != "":
			l = lang
		case m.vote.result() != "":
			l = m.vote.result()
		}
		meta["language"] = textAt(l, Pos{})
	}
	deckMap := &value{kind: vMap}
	for _, f := range deckSchema {
		if v := meta[f.name]; v != nil {
			deckMap.set(f.name, v.pos, v)
		}
	}
	if len(m.personas) == 0 && len(m.problems) == 0 {
		m.add(Pos{}, "", "", "no persona found", "start each persona with a heading ### Name or a line **Name**")
	}
	root := &value{kind: vMap}
	root.set("deck", Pos{}, deckMap)
	root.set("categories", Pos{}, &value{kind: vList, items: m.categories})
	root.set("personas", Pos{}, &value{kind: vList, items: m.personas})
	return &source{root: root, dialect: mdDialect, lines: lines}, m.problems
}

// category reads an item of the categories section: "Label (id, #RRGGBB)".
func (m *mdReader) category(it mdLine) {
	label, id, color := mdUnescape(it.text), "", ""
	if mm := mdCatRe.FindStringSubmatch(label); mm != nil {
		parts := strings.Split(mm[2], ",")
		ok := true
		var pid, pcolor string
		for _, p := range parts {
			p = strings.TrimSpace(p)
			switch {
			case strings.HasPrefix(p, "#") && pcolor == "":
				pcolor = p
			case IsSlug(p) && pid == "":
				pid = p
			default:
				ok = false
			}
		}
		if ok {
			label, id, color = strings.TrimSpace(mm[1]), pid, pcolor
		}
	}
	c := &value{kind: vMap, pos: it.pos}
	for _, kv := range [][2]string{{"id", id}, {"label", oneLine(label)}, {"color", color}} {
		if kv[1] != "" {
			c.set(kv[0], it.pos, textAt(kv[1], it.pos))
		}
	}
	m.categories = append(m.categories, c)
}

// persona reads the blocks of one persona: its name (heading or bold
// line), paragraphs and key lines, and its list of conditions.
func (m *mdReader) persona(blocks []mdBlock) {
	head := blocks[0]
	p := &value{kind: vMap, pos: head.pos}
	keyed := map[string]mdSegment{}
	var before, after []mdSegment // positional paragraphs, before and after the list
	var list *mdBlock
	card := Slug(mdUnescape(head.text))
	// The id first, so that messages name the persona.
	for _, b := range blocks[1:] {
		if b.kind == mdPara {
			for _, s := range segments(b, personaNames, nil, false) {
				if s.field == "id" {
					card = oneLine(mdValue(s.lines, false))
				}
			}
		}
	}
	for _, b := range blocks[1:] {
		switch b.kind {
		case mdList:
			if list != nil {
				m.add(b.pos, card, "conditions", fmt.Sprintf("a second list (the conditions are the list on line %d)", list.pos.Line),
					"write all the conditions in one list, or join the two lists")
				continue
			}
			bb := b
			list = &bb
		case mdPara:
			for _, s := range segments(b, personaNames, &m.vote, false) {
				switch {
				case s.field == "?":
					m.add(s.pos, card, s.key, "unknown key", s.hint)
					m.problems.MarkLast(diag.CodeUnknownField)
				case s.field == "":
					if list == nil {
						before = append(before, s)
					} else {
						after = append(after, s)
					}
				case s.field == "name":
					m.add(s.pos, card, "name", fmt.Sprintf("given twice (first on line %d)", head.pos.Line), "keep the heading or the bold line")
				default:
					if prev, dup := keyed[s.field]; dup {
						m.add(s.pos, card, s.field, fmt.Sprintf("given twice (first on line %d)", prev.pos.Line), "keep one")
						continue
					}
					keyed[s.field] = s
				}
			}
		}
	}
	p.set("name", head.pos, textAt(oneLine(mdUnescape(head.text)), head.pos))

	// Positional paragraphs fill role, country and text, in that order,
	// unless a key line gives them; every paragraph after the second goes
	// to the text.
	var slots []string
	for _, f := range []string{"role", "country", "text"} {
		if _, ok := keyed[f]; !ok {
			slots = append(slots, f)
		}
	}
	// The country's paragraph may be left out when a key line gives its
	// code (or be forgotten): the paragraph in its place is the country
	// only if it reads like one, else it starts the text.
	if i := slices.Index(slots, "country"); i >= 0 && i < len(before) && !looksLikeCountry(before[i]) {
		if _, code := keyed["country_code"]; code || len(before) < len(slots) {
			slots = slices.Delete(slots, i, i+1)
		}
	}
	values := map[string]*value{}
	for i, s := range before {
		switch {
		case i < len(slots):
			f := slots[i]
			values[f] = textAt(mdValue(s.lines, f == "text"), s.pos)
		case len(slots) > 0 && slots[len(slots)-1] == "text":
			values["text"].text += "\n" + mdValue(s.lines, true)
		default:
			m.add(s.pos, card, "", "a paragraph too many", "before its list of conditions, a persona has a role, a country and a text")
		}
	}
	for i, s := range after {
		if _, ok := keyed["impact"]; ok || i > 0 {
			m.add(s.pos, card, "", "a paragraph after the impact", "a persona ends with its list of conditions and one paragraph for the impact; join the paragraphs, or start a new persona with ### Name")
			continue
		}
		values["impact"] = textAt(mdValue(s.lines, true), s.pos)
	}
	for f, s := range keyed {
		values[f] = textAt(mdValue(s.lines, f == "text" || f == "impact"), s.pos)
	}
	if s, ok := keyed["conditions"]; ok && list != nil {
		m.add(s.pos, card, "conditions", fmt.Sprintf("given twice (the list on line %d)", list.pos.Line), "keep the list")
		delete(values, "conditions")
	}
	if list != nil {
		l := &value{kind: vList, pos: list.pos}
		for _, it := range list.lines {
			l.items = append(l.items, textAt(oneLine(mdUnescape(it.text)), it.pos))
		}
		values["conditions"] = l
	}
	for _, f := range personaSchema {
		if v := values[f.name]; v != nil {
			p.set(f.name, v.pos, v)
		}
	}
	m.personas = append(m.personas, p)
}

// looksLikeCountry reports whether a paragraph reads as a country's name
// rather than a persona's text: a name CLDR knows, or one short line that
// does not end a sentence.
func looksLikeCountry(s mdSegment) bool {
	if len(s.lines) != 1 {
		return false
	}
	return countryLike(oneLine(mdValue(s.lines, false)))
}

func countryLike(v string) bool {
	if strings.Contains(v, "\n") {
		return false
	}
	if CountryCode(v) != "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(v)
	return v != "" && utf8.RuneCountInString(v) <= 40 && len(strings.Fields(v)) <= 5 && !strings.ContainsRune(".!?…:;", last)
}
