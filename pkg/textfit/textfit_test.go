package textfit

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cardgen/cardgen/data"
	"github.com/cardgen/cardgen/internal/testenv"
	"github.com/cardgen/cardgen/pkg/deck"
	"github.com/cardgen/cardgen/pkg/typeface"
	"github.com/cardgen/cardgen/pkg/typo"
)

func family(t testing.TB) *typeface.Family {
	t.Helper()
	fam, err := typeface.Default()
	if err != nil {
		t.Fatal(err)
	}
	return fam
}

func TestParseInline(t *testing.T) {
	R, I, B, BI := typeface.Regular, typeface.Italic, typeface.Bold, typeface.BoldItalic
	tests := []struct {
		in   string
		want []Run
	}{
		{"plain", []Run{{"plain", R}}},
		// A * that pairs with no other is printed as typed (issue 10).
		{"3*4 = 12", []Run{{"3*4 = 12", R}}},
		{"a * b", []Run{{"a * b", R}}},
		{"*open", []Run{{"*open", R}}},
		{"**open", []Run{{"**open", R}}},
		{"3*4 et *b*", []Run{{"3*4 et ", R}, {"b", I}}},
		{"*a* et 3*4", []Run{{"a", I}, {" et 3*4", R}}},
		{"2 * 3 * 4 = *24*", []Run{{"2 * 3 * 4 = ", R}, {"24", I}}},
		{"**gras** *", []Run{{"gras", B}, {" *", R}}},
		{"chez *Cloudfactory*, une", []Run{{"chez ", R}, {"Cloudfactory", I}, {", une", R}}},
		{"**fort** et *doux*", []Run{{"fort", B}, {" et ", R}, {"doux", I}}},
		{"***tout***", []Run{{"tout", BI}}},
		{`5 \* 3 = 15 \\ ok`, []Run{{`5 * 3 = 15 \ ok`, R}}},
	}
	for _, tt := range tests {
		got, err := ParseInline(tt.in, R)
		if err != nil {
			t.Errorf("ParseInline(%q): %v", tt.in, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("ParseInline(%q) = %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("ParseInline(%q)[%d] = %v, want %v", tt.in, i, got[i], tt.want[i])
			}
		}
	}
	if got := Plain("chez *Cloudfactory*"); got != "chez Cloudfactory" {
		t.Errorf("Plain = %q", got)
	}
}

func runs(s string) []Run { return []Run{{Text: s, Style: typeface.Regular}} }

func TestBreakNeverAtNoBreakSpace(t *testing.T) {
	fam := family(t)
	text := "pour récupérer des «\u202Fterres rares\u202F» dans des déchets : 1,50\u00A0$/heure, vraiment\u202F!"
	// Try every width from very narrow to wide: no line may start with
	// ; : ! ? » or end with «, and no-break spaces never become breaks.
	for w := 20.0; w <= 120; w += 0.5 {
		lines, err := Break(fam, runs(text), 10, w)
		if err != nil {
			continue // a word wider than w
		}
		var joined []string
		for _, l := range lines {
			s := l.Text()
			joined = append(joined, s)
			if l.Width > w+1e-9 {
				t.Fatalf("width %.1f: line %q is %.2f mm wide", w, s, l.Width)
			}
			if strings.ContainsAny(s[:1], ";:!?»") {
				t.Errorf("width %.1f: line starts with punctuation: %q", w, s)
			}
			if strings.HasSuffix(s, "«") || strings.HasSuffix(s, "\u202F") || strings.HasSuffix(s, "\u00A0") {
				t.Errorf("width %.1f: line ends badly: %q", w, s)
			}
		}
		noSpace := strings.NewReplacer(" ", "")
		if got := noSpace.Replace(strings.Join(joined, "")); got != noSpace.Replace(text) {
			t.Fatalf("width %.1f: lines %q do not give back the text", w, joined)
		}
	}
}

func TestBreakAfterHyphen(t *testing.T) {
	fam := family(t)
	text := "Micro-travailleuse"
	whole := fam.Face(typeface.Regular).Width(text, 10)
	lines, err := Break(fam, runs(text), 10, whole-1)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || lines[0].Text() != "Micro-" || lines[1].Text() != "travailleuse" {
		t.Errorf("lines = %q, want [Micro- travailleuse]", []string{lines[0].Text()})
	}
}

func TestBreakHardLineBreak(t *testing.T) {
	lines, err := Break(family(t), runs("one\ntwo"), 10, 100)
	if err != nil || len(lines) != 2 {
		t.Fatalf("got %d lines, %v; want 2", len(lines), err)
	}
}

func TestBreakWordTooLong(t *testing.T) {
	_, err := Break(family(t), runs("anticonstitutionnellement"), 10, 20)
	var tl *TooLongError
	if !errors.As(err, &tl) || tl.Word != "anticonstitutionnellement" || tl.Max != 20 {
		t.Fatalf("err = %v, want a TooLongError naming the word", err)
	}
}

func TestBreakKeepsStyles(t *testing.T) {
	fam := family(t)
	rs, _ := ParseInline("chez *Cloudfactory*, entreprise", typeface.Regular)
	lines, err := Break(fam, rs, 10, 200)
	if err != nil || len(lines) != 1 {
		t.Fatal(lines, err)
	}
	p := lines[0].Pieces
	if len(p) != 3 || p[1].Text != "Cloudfactory" || p[1].Style != typeface.Italic {
		t.Fatalf("pieces = %+v", p)
	}
	// Pieces sit end to end: each starts where the previous ends.
	for i := 1; i < len(p); i++ {
		if d := p[i].X - (p[i-1].X + p[i-1].W); d < -1e-9 || d > 1e-9 {
			t.Errorf("piece %d starts at %.3f, previous ends at %.3f", i, p[i].X, p[i-1].X+p[i-1].W)
		}
	}
}

func TestFitLargestSize(t *testing.T) {
	fam := family(t)
	text := strings.Repeat("Je travaille en sous-traitance pour une plateforme européenne. ", 3)
	paras := []Para{{Runs: runs(text)}}
	spec := Spec{Width: 62, Height: 40, Max: 14, Min: 6, Leading: 1.3}
	b, err := Fit(fam, paras, spec)
	if err != nil {
		t.Fatal(err)
	}
	if b.Height > spec.Height {
		t.Errorf("height %.2f > %.2f", b.Height, spec.Height)
	}
	for _, l := range b.Lines {
		if box := l.Box(); box.Right() > spec.Width+1e-9 || box.Bottom() > spec.Height+1e-9 || box.Y < 0 {
			t.Errorf("line %q leaves the box: %v", l.Text(), box)
		}
	}
	// The next size up does not fit: Fit found the largest.
	if b.Size < spec.Max {
		bigger, err := Layout(fam, paras, b.Size+0.25, spec)
		if err == nil && bigger.Height <= spec.Height {
			t.Errorf("size %.2f fits too, Fit chose %.2f", b.Size+0.25, b.Size)
		}
	}
}

func TestFitError(t *testing.T) {
	fam := family(t)
	paras := []Para{{Runs: runs(strings.Repeat("mot ", 500))}}
	_, err := Fit(fam, paras, Spec{Width: 62, Height: 50, Max: 12, Min: 7})
	var fe *FitError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want a FitError", err)
	}
	if fe.Min != 7 || fe.Need <= fe.Have || !strings.Contains(err.Error(), "7 pt") {
		t.Errorf("FitError = %+v (%v)", fe, err)
	}
}

func TestFitMaxLines(t *testing.T) {
	fam := family(t)
	_, err := Fit(fam, []Para{{Runs: runs("Collectrice de données cartographiques et autres")}},
		Spec{Width: 30, Height: 100, Max: 12, Min: 11, MaxLines: 1})
	if fe := (*FitError)(nil); !errors.As(err, &fe) || !strings.Contains(err.Error(), "lines, at most 1") {
		t.Fatalf("a two-line name in one line: %v; want a FitError on the number of lines", err)
	}
}

func BenchmarkFit(b *testing.B) {
	fam := family(b)
	paras := []Para{{Runs: runs("Chez Cloudfactory, entreprise de sous-traitance pour des entreprises européennes, nous assistons des IA : analyse de radiographies médicales, aide au repérage des baleines pour qu’elles n’entrent pas en collision avec des navires sans pilote, etc.")}}
	spec := Spec{Width: 62, Height: 60, Max: 12.5, Min: 7, Leading: 1.3}
	for b.Loop() {
		if _, err := Fit(fam, paras, spec); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzBreak(f *testing.F) {
	fam := family(f)
	for _, s := range []string{"", "a b", "des «\u202Fterres\u202F»", "*x* **y**", "Micro-travailleuse", "a\nb", "\\*"} {
		f.Add(s, 30.0)
	}
	f.Fuzz(func(t *testing.T, s string, w float64) {
		if w < 1 || w > 500 {
			return
		}
		rs, err := ParseInline(s, typeface.Regular)
		if err != nil {
			return
		}
		lines, err := Break(fam, rs, 9, w)
		if err != nil {
			return
		}
		for _, l := range lines {
			if l.Width > w+1e-6 {
				t.Fatalf("line %q is %.3f mm wide, max %.3f", l.Text(), l.Width, w)
			}
		}
	})
}

// TestBreakAfterClosingQuote: a line may break between » and an opening
// parenthesis after it (Unicode 15.1's LB15; uniseg follows 15.0).
func TestBreakAfterClosingQuote(t *testing.T) {
	fam := family(t)
	text := "des «\u202Fterres rares\u202F» (groupe de métaux)"
	head := "des «\u202Fterres rares\u202F»"
	w := fam.Face(typeface.Regular).Width(head+" (gr", 10)
	lines, err := Break(fam, runs(text), 10, w)
	if err != nil {
		t.Fatal(err)
	}
	if lines[0].Text() != head {
		t.Errorf("first line %q, want %q", lines[0].Text(), head)
	}
}

// FuzzFit: any text, any box: Fit returns a block whose every line lies in
// the box, at a size in the range, or a FitError; it never panics or hangs.
func FuzzFit(f *testing.F) {
	fam := family(f)
	f.Add("Je démonte des vieux smartphones, pour récupérer des «\u202Fterres rares\u202F».", 62.0, 40.0)
	f.Add("*a* **b** \\* c\nd", 10.0, 5.0)
	f.Add("", 1.0, 1.0)
	f.Fuzz(func(t *testing.T, s string, w, h float64) {
		if !(w >= 1 && w <= 300 && h >= 1 && h <= 300) || len(s) > 2000 {
			return
		}
		rs, err := ParseInline(s, typeface.Regular)
		if err != nil {
			return
		}
		spec := Spec{Width: w, Height: h, Max: 12, Min: 7, Leading: 1.3}
		b, err := Fit(fam, []Para{{Runs: rs}}, spec)
		if err != nil {
			var fe *FitError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a FitError", err)
			}
			return
		}
		if b.Size < spec.Min || b.Size > spec.Max || b.Height > h+1e-9 {
			t.Fatalf("size %.2f, height %.2f for a %.1f × %.1f box", b.Size, b.Height, w, h)
		}
		for _, l := range b.Lines {
			if box := l.Box(); box.X < -1e-9 || box.Right() > w+1e-9 || box.Y < -1e-9 || box.Bottom() > h+1e-9 {
				t.Fatalf("line %q at %v leaves the %.1f × %.1f box", l.Text(), box, w, h)
			}
		}
	})
}

// TestWordInitialHyphen: an option such as --back-offset stays whole, while
// an ordinary hyphenated word may still break after its hyphen.
func TestWordInitialHyphen(t *testing.T) {
	fam := family(t)
	text := "cardgen build --back-offset 1.5,-0.5 now"
	for w := 15.0; w <= 80; w += 0.5 {
		lines, err := Break(fam, runs(text), 9, w)
		if err != nil {
			continue
		}
		for _, l := range lines {
			if s := l.Text(); strings.HasSuffix(s, "--back-") || strings.HasSuffix(s, "--") || s == "offset" {
				t.Errorf("width %.1f: the option is broken: %q", w, s)
			}
		}
	}
}

// TestParseInlineAsMarkdown: asterisks pair as CommonMark pairs them
// (examples from its specification), and those that pair with none stay.
func TestParseInlineAsMarkdown(t *testing.T) {
	t.Parallel()
	R, I, BI := typeface.Regular, typeface.Italic, typeface.BoldItalic
	tests := []struct {
		in   string
		want []Run
	}{
		{"*foo**bar**baz*", []Run{{"foo", I}, {"bar", BI}, {"baz", I}}},
		{"*foo**bar*", []Run{{"foo**bar", I}}}, // the rule of three
		{"foo***bar***baz", []Run{{"foo", R}, {"bar", BI}, {"baz", R}}},
		{"**foo*", []Run{{"*", R}, {"foo", I}}},
		{"*foo**", []Run{{"foo", I}, {"*", R}}},
		{"a * foo bar*", []Run{{"a * foo bar*", R}}},
		{"*(*foo*)*", []Run{{"(", I}, {"foo", I}, {")", I}}},
		{"** fort **", []Run{{"** fort **", R}}},
		{`\**a*`, []Run{{"*", R}, {"a", I}}},
		{"*a\\*b*", []Run{{"a*b", I}}},
		{"«\u202F*terres rares*\u202F»", []Run{{"«\u202F", R}, {"terres rares", I}, {"\u202F»", R}}},
	}
	for _, tt := range tests {
		got, err := ParseInline(tt.in, R)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseInline(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if got := Plain("3*4 = 12, *douze*"); got != "3*4 = 12, douze" {
		t.Errorf("Plain = %q", got)
	}
}

// TestParseInlineLinear: markup that pairs with nothing, in bulk, is
// parsed in linear time (an opener that no closer finds is not searched
// again and again). Not parallel: it counts the processor time it takes.
func TestParseInlineLinear(t *testing.T) {
	for _, unit := range []string{"*a ", "a*", " *", "**a* ", "a *b** "} {
		s := strings.Repeat(unit, 256<<10/len(unit)) // quadratic: minutes
		start := testenv.CPUTime()
		runs, _ := ParseInline(s, typeface.Regular)
		if d := testenv.CPUTime() - start; d > testenv.Limit(time.Second) {
			t.Errorf("%q × %d: %v", unit, len(s)/len(unit), d)
		}
		if n := len(runs); n == 0 {
			t.Errorf("%q: no runs", unit)
		}
	}
}

// FuzzParseInline: whatever the markup, only asterisks disappear, two by
// two or in pairs of runs, and every other character stays, in order.
func FuzzParseInline(f *testing.F) {
	for _, s := range []string{"3*4 = 12", "*a* **b** ***c***", `\* \\ \a`, "*(*x*)*", "a * b", "**x*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		runs, err := ParseInline(s, typeface.Regular)
		if err != nil {
			t.Fatal(err)
		}
		plain := Plain(s)
		unescaped := strings.NewReplacer(`\*`, "*", `\\`, `\`).Replace(s)
		noStar := func(s string) string { return strings.ReplaceAll(s, "*", "") }
		if noStar(unescaped) != noStar(plain) {
			t.Fatalf("Plain(%q) = %q loses more than asterisks", s, plain)
		}
		if gone := strings.Count(unescaped, "*") - strings.Count(plain, "*"); gone%2 != 0 || gone < 0 {
			t.Fatalf("Plain(%q) = %q: %d asterisks gone", s, plain, gone)
		}
		for _, r := range runs {
			if r.Text == "" {
				t.Fatalf("ParseInline(%q) has an empty run", s)
			}
		}
	})
}

// TestFitFarTooLongAtOnce: 10 MB of text in a card's box (68 s before,
// issue 15) fails from its length alone, at once, with a FitError that
// says how much room it needs at least; a text a few times too long still
// gets the exact figures. Not parallel: it counts the processor time it
// takes.
func TestFitFarTooLongAtOnce(t *testing.T) {
	fam := family(t)
	spec := Spec{Width: 62, Height: 69.8, Max: 12.5, Min: 7.5, Leading: 1.3}
	word := "Je démonte des vieux smartphones, pour récupérer des «\u202Fterres rares\u202F». "
	huge := strings.Repeat(word, 10<<20/len(word))
	start := testenv.CPUTime()
	_, err := Fit(fam, []Para{{Runs: runs(huge)}}, spec)
	elapsed := testenv.CPUTime() - start
	var fe *FitError
	if !errors.As(err, &fe) || !fe.AtLeast || fe.Need < FarTooLong*spec.Height || fe.Lines < 10000 {
		t.Fatalf("err = %#v, want a FitError with a lower bound", err)
	}
	if elapsed > testenv.Limit(time.Second) {
		t.Errorf("10 MB of text took %v to fail", elapsed)
	}
	if msg := err.Error(); !strings.Contains(msg, "needs at least") || !strings.Contains(msg, "times as much") {
		t.Errorf("message %q", msg)
	}
	// The bound is a bound: the text needs at least that much.
	small := strings.Repeat(word, 300)
	_, err = Fit(fam, []Para{{Runs: runs(small)}}, spec)
	if !errors.As(err, &fe) || !fe.AtLeast {
		t.Fatalf("300 sentences: err = %v, want a lower bound", err)
	}
	b, lerr := Layout(fam, []Para{{Runs: runs(small)}}, spec.Min, spec)
	if lerr != nil || b.Height < fe.Need || len(b.Lines) < fe.Lines {
		t.Errorf("the text needs %.1f mm and %d lines, the bound says at least %.1f mm and %d lines", b.Height, len(b.Lines), fe.Need, fe.Lines)
	}
	// Five times too long: exact figures, as the reference gives them.
	five := strings.Repeat(word, 72)
	_, err = Fit(fam, []Para{{Runs: runs(five)}}, spec)
	_, want := refFit(fam, []Para{{Runs: runs(five)}}, spec)
	if !errors.As(err, &fe) || fe.AtLeast || !reflect.DeepEqual(err, want) || fe.Need < 3*spec.Height {
		t.Errorf("err = %v, want the reference's %v, a few times too long", err, want)
	}
}

// BenchmarkFitFarTooLong: 1 MB of text in a card's box (6 s before).
func BenchmarkFitFarTooLong(b *testing.B) {
	fam := family(b)
	word := "Je démonte des vieux smartphones, pour récupérer des «\u202Fterres rares\u202F». "
	paras := []Para{{Runs: runs(strings.Repeat(word, 1<<20/len(word)))}}
	spec := Spec{Width: 62, Height: 69.8, Max: 12.5, Min: 7.5, Leading: 1.3}
	for b.Loop() {
		if _, err := Fit(fam, paras, spec); err == nil {
			b.Fatal("1 MB fits")
		}
	}
}

// BenchmarkRefitCard sets every text of one card of the default deck, front
// and back, in the boxes of a tarot card (70 × 120 mm): the text work of
// refitting a card after an edit.
func BenchmarkRefitCard(b *testing.B) {
	fam := family(b)
	d, err := deck.LoadFS(data.FS, data.Default)
	if err != nil {
		b.Fatal(err)
	}
	ts := typo.For(d.Language)
	p := d.Personas[0]
	type field struct {
		text  string
		style typeface.Style
		spec  Spec
		para  Para
	}
	fields := []field{
		{text: d.Categories[0].Label, style: typeface.Bold, spec: Spec{Width: 54, Height: 9.5, Max: 9, Min: 7.5, MaxLines: 2, Leading: 1.15}},
		{text: p.Name, style: typeface.Bold, spec: Spec{Width: 62, Height: 99, Max: 22, Min: 14, MaxLines: 1}},
		{text: p.Role, style: typeface.Italic, spec: Spec{Width: 62, Height: 88, Max: 11.5, Min: 9, MaxLines: 2}},
		{text: p.Country, style: typeface.Bold, spec: Spec{Width: 62, Height: 78, Max: 9.5, Min: 8, MaxLines: 1}},
		{text: p.Text, style: typeface.Regular, spec: Spec{Width: 62, Height: 60, Max: 12.5, Min: 7, Leading: 1.3}},
		{text: d.Title, style: typeface.Regular, spec: Spec{Width: 50, Height: 3, Max: 7, Min: 7, MaxLines: 1}},
		{text: "1/20", style: typeface.Bold, spec: Spec{Width: 62, Height: 3, Max: 7, Min: 7, MaxLines: 1}},
		{text: p.Name, style: typeface.Bold, spec: Spec{Width: 54, Height: 5.5, Max: 12, Min: 9, MaxLines: 1}},
		{text: d.Title, style: typeface.Regular, spec: Spec{Width: 50, Height: 3, Max: 7, Min: 7, MaxLines: 1}},
		{text: "1/20", style: typeface.Bold, spec: Spec{Width: 62, Height: 3, Max: 7, Min: 7, MaxLines: 1}},
	}
	back := []field{{text: "Conditions de travail", style: typeface.Bold, para: Para{Scale: 1.1, Tag: "heading"}}}
	for _, c := range p.Conditions {
		back = append(back, field{text: c, style: typeface.Regular, para: Para{Bullet: "•", SpaceBefore: 0.3}})
	}
	back = append(back, field{text: "Impact", style: typeface.Bold, para: Para{Scale: 1.1, SpaceBefore: 1.4}},
		field{text: p.Impact, style: typeface.Regular, para: Para{SpaceBefore: 0.3}})
	backSpec := Spec{Width: 62, Height: 88, Max: 12.5, Min: 7, Leading: 1.3}
	for b.Loop() {
		for _, f := range fields {
			rs, _ := ParseInline(ts(f.text), f.style)
			if _, err := Fit(fam, []Para{{Runs: rs}}, f.spec); err != nil {
				b.Fatal(err)
			}
		}
		paras := make([]Para, len(back))
		for i, f := range back {
			paras[i] = f.para
			paras[i].Runs, _ = ParseInline(ts(f.text), f.style)
		}
		if _, err := Fit(fam, paras, backSpec); err != nil {
			b.Fatal(err)
		}
	}
}
