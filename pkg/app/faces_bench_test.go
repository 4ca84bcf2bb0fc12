package app

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"testing/fstest"
)

// thousand is the built-in deck's 20 personas fifty times over, as JSON.
func thousand(b testing.TB) []byte {
	data, _, err := Export(ExportOptions{To: "json"})
	if err != nil {
		b.Fatal(err)
	}
	var d map[string]any
	json.Unmarshal(data, &d)
	var many []any
	for i := range 50 {
		for _, p := range d["personas"].([]any) {
			q := map[string]any{}
			for k, v := range p.(map[string]any) {
				q[k] = v
			}
			q["id"] = fmt.Sprintf("%s-%d", q["id"], i)
			many = append(many, q)
		}
	}
	d["personas"] = many
	out, _ := json.Marshal(d)
	return out
}

// BenchmarkFacesOneOfThousand: the refit of one card of a 1,000-card deck
// as the web page asks for it on every keystroke.
func BenchmarkFacesOneOfThousand(b *testing.B) {
	data := thousand(b)
	ds := Dataset{Path: "deck.json", Data: data, FS: fstest.MapFS{}}
	for b.Loop() {
		if _, err := Faces(context.Background(), FacesOptions{Dataset: ds, Layout: "a4", Only: []string{"koffi-37"}, Format: SVG}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFacesOneSentAlone: the same refit, the card sent alone with its
// number, as the page sends it.
func BenchmarkFacesOneSentAlone(b *testing.B) {
	data := thousand(b)
	var d map[string]any
	json.Unmarshal(data, &d)
	d["personas"] = d["personas"].([]any)[741:742]
	one, _ := json.Marshal(d)
	ds := Dataset{Path: "deck.json", Data: one, FS: fstest.MapFS{}}
	for b.Loop() {
		if _, err := Faces(context.Background(), FacesOptions{Dataset: ds, Layout: "a4", Format: SVG, Number: 742, Total: 1000}); err != nil {
			b.Fatal(err)
		}
	}
}
