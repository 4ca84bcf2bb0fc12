package deck

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

// A dataset read from an fs.FS (an upload's folder) is named as given,
// finds its pictures in that folder, and nowhere else.
func TestReadPartialFS(t *testing.T) {
	t.Parallel()
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewRGBA(image.Rect(0, 0, 8, 6))); err != nil {
		t.Fatal(err)
	}
	dataset := func(image string) string {
		return "deck: {title: T, language: fr}\ncategories:\n  - {id: c, label: C, color: \"#8A4B14\"}\npersonas:\n" +
			"  - {id: koffi, name: Koffi, role: Mineur, country_code: CD, category: c, text: Je creuse., conditions: [Chaleur], image: " + image + "}\n"
	}
	fsys := fstest.MapFS{
		"jeu/deck.yaml":        {Data: []byte(dataset("images/koffi.png"))},
		"jeu/images/koffi.png": {Data: pic.Bytes()},
		"koffi.png":            {Data: pic.Bytes()},
	}
	// Bytes read from the folder, the picture beside them.
	d, err := ReadPartialFS(fsys, "jeu/deck.yaml", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Source != "jeu/deck.yaml" || d.Name != "deck" || d.Format != "yaml" {
		t.Errorf("source %q, name %q, format %q", d.Source, d.Name, d.Format)
	}
	img, err := d.ReadImage(&d.Personas[0])
	if err != nil || !bytes.Equal(img.Data, pic.Bytes()) {
		t.Errorf("the picture: %v", err)
	}
	// Bytes given: the folder still has the pictures.
	if _, err := ReadPartialFS(fsys, "jeu/deck.yaml", []byte(dataset("images/koffi.png")), "yaml"); err != nil {
		t.Errorf("with the bytes given: %v", err)
	}
	// A picture outside the dataset's folder, or missing: a problem at the
	// dataset's name as given.
	for _, c := range []struct{ image, want string }{
		{"../koffi.png", `leads outside the dataset's folder`},
		{"images/hao.png", `image "images/hao.png" not found`},
	} {
		d, err := ReadPartialFS(fsys, "jeu/deck.yaml", []byte(dataset(c.image)), "")
		if d == nil || err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "jeu/deck.yaml:") {
			t.Errorf("image %s: %v", c.image, err)
		}
	}
	// A file the folder does not have, a folder, a file too large.
	fsys["big.yaml"] = &fstest.MapFile{Data: make([]byte, MaxFileSize+1)}
	for name, want := range map[string]string{
		"missing.yaml": "cannot read the dataset: file does not exist",
		"jeu.yaml":     "cannot read the dataset: file does not exist",
		"big.yaml":     "more than the 16 MiB a dataset may be",
	} {
		if _, err := ReadPartialFS(fsys, name, nil, ""); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}
	fsys["dir.yaml/x"] = &fstest.MapFile{}
	if _, err := ReadPartialFS(fsys, "dir.yaml", nil, ""); err == nil || !strings.Contains(err.Error(), "a folder") {
		t.Errorf("a folder: %v", err)
	}
}
