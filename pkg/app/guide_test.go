package app

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cardgen/cardgen/internal/testenv"
)

// TestGuideListsEveryPersonaInThePDF: the facilitator's sheet of a deck
// with 100 personas in one category (and 3 in a category of the teacher's
// own) lists every one of them, on as many pages as it takes: read back
// from the PDF with pdftotext and counted.
func TestGuideListsEveryPersonaInThePDF(t *testing.T) {
	t.Parallel()
	pdftotext := testenv.Tool(t, "apt-get install poppler-utils (bash .ci/run does)", "pdftotext")
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("deck:\n  title: Cent personas\n  language: fr\ncategories:\n" +
		"  - {id: clickwork, label: Travail du clic, color: \"#7B3F8C\"}\n" +
		"  - {id: gardiennage, label: Gardiennage de serveurs, color: \"#2E5E4E\"}\npersonas:\n")
	codes := []string{"FR", "KE", "BR", "IN", "CN", "MG", "PH", "US", "DE", "NG"}
	for i := range 100 {
		fmt.Fprintf(&b, "  - {id: p%03d, name: Personne%03d, role: Annotatrice de données, country_code: %s, category: clickwork, text: Je travaille., conditions: [Bas salaire]}\n",
			i, i, codes[i%len(codes)])
	}
	for i := range 3 {
		fmt.Fprintf(&b, "  - {id: g%d, name: Garde%d, role: Gardien, country_code: FR, category: gardiennage, text: Je garde., conditions: [Nuit]}\n", i, i)
	}
	data := filepath.Join(dir, "cent.yaml")
	if err := os.WriteFile(data, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := Guide(GuideOptions{Dataset: Dataset{Path: data}})
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "guide.pdf")
	if err := os.WriteFile(pdf, out.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out.Pages < 2 {
		t.Errorf("%d page(s) for 103 personas", out.Pages)
	}
	text, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	listed := map[string]int{}
	for _, m := range regexp.MustCompile(`(Personne\d{3}|Garde\d), (Annotatrice|Gardien)`).FindAllStringSubmatch(string(text), -1) {
		listed[m[1]]++
	}
	for i := range 100 {
		if name := fmt.Sprintf("Personne%03d", i); listed[name] != 1 {
			t.Errorf("%s listed %d times", name, listed[name])
		}
	}
	for i := range 3 {
		if name := fmt.Sprintf("Garde%d", i); listed[name] != 1 {
			t.Errorf("%s listed %d times", name, listed[name])
		}
	}
	if len(listed) != 103 {
		t.Errorf("%d personas listed, want 103", len(listed))
	}
}
