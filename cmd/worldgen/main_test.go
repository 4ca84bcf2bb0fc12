package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cardgen/cardgen/internal/testenv"
)

// A small topology in the world-atlas layout: quantized (lon = q - 180,
// lat = q - 90), delta-encoded arcs; a negative index -1-i (^i) is arc i
// reversed. Arc 4 crosses the antimeridian.
const topo = `{"type":"Topology",
"transform":{"scale":[1,1],"translate":[-180,-90]},
"arcs":[
 [[180,90],[10,0],[0,10],[-10,0],[0,-10]],
 [[183,93],[0,4],[4,0],[0,-4],[-4,0]],
 [[200,90],[10,0],[0,10]],
 [[200,90],[0,10],[10,0]],
 [[350,120],[-340,0],[0,10],[340,0],[0,-10]],
 [[0,5],[30,0],[0,3],[-30,0],[0,-3]],
 [[100,100],[1,0],[0,1],[-1,0]]
],
"objects":{"land":{"type":"GeometryCollection","geometries":[
 {"type":"MultiPolygon","arcs":[[[0],[-2]],[[2,-4]],[[4]],[[5]],[[6]]]}
]}}}`

func decode(t *testing.T, b []byte) (string, [][][2]float64) {
	t.Helper()
	var f struct {
		Source   string         `json:"source"`
		Polygons [][][2]float64 `json:"polygons"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, b)
	}
	return f.Source, f.Polygons
}

func TestConvert(t *testing.T) {
	opt := options{Object: "land", Source: "test", Tol: 0.3, MinPoints: 4, MinLat: -60}
	res, err := convert([]byte(topo), opt)
	if err != nil {
		t.Fatal(err)
	}
	src, rings := decode(t, res.JSON)
	if src != "test" {
		t.Errorf("source %q", src)
	}
	want := [][][2]float64{
		{{0, 0}, {10, 0}, {10, 10}, {0, 10}},         // arc 0, closed point dropped
		{{3, 3}, {7, 3}, {7, 7}, {3, 7}},             // hole: arc 1 reversed
		{{20, 0}, {30, 0}, {30, 10}, {20, 10}},       // arcs 2 and ~3 stitched
		{{170, 30}, {180, 30}, {180, 40}, {170, 40}}, // cut at the antimeridian: west part
		{{-180, 30}, {-170, 30}, {-170, 40}, {-180, 40}},
		// arc 5 lies south of 60°S: dropped; arc 6 is a 1° square:
		// simplified at 0.3° it keeps its 4 corners.
		{{-80, 10}, {-79, 10}, {-79, 11}, {-80, 11}},
	}
	if !reflect.DeepEqual(rings, want) {
		t.Errorf("rings\n%v\nwant\n%v", rings, want)
	}
	if res.DroppedSouth != 1 {
		t.Errorf("dropped south %d, want 1", res.DroppedSouth)
	}
	again, _ := convert([]byte(topo), opt)
	if !bytes.Equal(res.JSON, again.JSON) {
		t.Error("two runs differ")
	}
	// A coarser tolerance flattens the small square away.
	opt.Tol = 2
	res, _ = convert([]byte(topo), opt)
	if _, r := decode(t, res.JSON); len(r) != 5 || res.DroppedSmall == 0 {
		t.Errorf("tol 2: %d rings, %d dropped as small; want the 1° square dropped", len(r), res.DroppedSmall)
	}
}

func TestSimplifyRing(t *testing.T) {
	// A square with noisy, nearly straight sides keeps only its corners.
	var r []pt
	for i := 0; i < 10; i++ {
		r = append(r, pt{float64(i), 0.01 * float64(i%2)})
	}
	for i := 0; i < 10; i++ {
		r = append(r, pt{10, float64(i)})
	}
	for i := 10; i > 0; i-- {
		r = append(r, pt{float64(i), 10})
	}
	for i := 10; i > 0; i-- {
		r = append(r, pt{0, float64(i)})
	}
	got := simplifyRing(r, 0.3)
	want := []pt{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("simplifyRing = %v, want %v", got, want)
	}
}

// With world-atlas installed where data/world.go's go:generate line expects
// it, the conversion reproduces the committed file byte for byte.
func TestReproducesCommittedFile(t *testing.T) {
	in := "/tmp/wa/node_modules/world-atlas/land-110m.json"
	raw, err := os.ReadFile(in)
	if err != nil {
		testenv.Missing(t, in, "npm install --prefix /tmp/wa world-atlas@2.0.2 (bash .ci/run does)")
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "data", "world", "land.json"))
	if err != nil {
		t.Fatal(err)
	}
	opt := defaults
	opt.Source = source(in, raw, opt)
	res, err := convert(raw, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.JSON, committed) {
		t.Errorf("regenerated land.json (%d bytes) differs from data/world/land.json (%d bytes): run go generate ./data", len(res.JSON), len(committed))
	}
}
