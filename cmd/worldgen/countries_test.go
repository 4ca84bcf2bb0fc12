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

// Two countries sharing a border (arc 0, wiggling by less than the
// tolerance), France (250) west of it and Germany (276) east; a feature
// without an id; the land made of the same arcs.
const countriesTopo = `{"type":"Topology",
"arcs":[
 [[10,0],[10.05,5],[10,10]],
 [[10,10],[0,10],[0,0],[10,0]],
 [[10,0],[20,0],[20,10],[10,10]],
 [[30,0],[31,0],[31,1],[30,1],[30,0]]
],
"objects":{
 "countries":{"type":"GeometryCollection","geometries":[
  {"type":"Polygon","id":"250","arcs":[[0,1]]},
  {"type":"Polygon","id":"276","arcs":[[2,-1]]},
  {"type":"Polygon","arcs":[[3]]}
 ]},
 "land":{"type":"GeometryCollection","geometries":[
  {"type":"Polygon","arcs":[[1,2]]},
  {"type":"Polygon","arcs":[[3]]}
 ]}
}}`

func TestConvertCountries(t *testing.T) {
	opt := countryDefaults
	opt.Source = "test"
	res, err := convertCountries([]byte(countriesTopo), opt)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Land      [][][][2]float64
		Countries map[string][][][][2]float64
	}
	if err := json.Unmarshal(res.JSON, &f); err != nil {
		t.Fatalf("%v\n%s", err, res.JSON)
	}
	want := map[string][][][][2]float64{
		// The border's wiggle (0.05°) is under the 0.1° tolerance: it is
		// simplified away once, and both sides use the same points.
		"FR": {{{{10, 0}, {10, 10}, {0, 10}, {0, 0}}}},
		"DE": {{{{10, 0}, {20, 0}, {20, 10}, {10, 10}}}},
	}
	if !reflect.DeepEqual(f.Countries, want) {
		t.Errorf("countries %v\nwant %v", f.Countries, want)
	}
	if len(f.Land) != 2 || res.Countries != 2 || res.Land != 2 {
		t.Errorf("%d land polygons, %d countries", len(f.Land), res.Countries)
	}
	again, _ := convertCountries([]byte(countriesTopo), opt)
	if !bytes.Equal(res.JSON, again.JSON) {
		t.Error("two runs differ")
	}
}

// With world-atlas installed, the conversion reproduces the committed
// outlines byte for byte.
func TestReproducesCommittedOutlines(t *testing.T) {
	in := "/tmp/wa/node_modules/world-atlas/countries-110m.json"
	raw, err := os.ReadFile(in)
	if err != nil {
		testenv.Missing(t, in, "npm install --prefix /tmp/wa world-atlas@2.0.2 (bash .ci/run does)")
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "data", "world", "outlines.json"))
	if err != nil {
		t.Fatal(err)
	}
	opt := countryDefaults
	opt.Source = countriesSource(in, raw, opt)
	res, err := convertCountries(raw, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.JSON, committed) {
		t.Errorf("regenerated outlines.json (%d bytes) differs from data/world/outlines.json (%d bytes): run go generate ./data", len(res.JSON), len(committed))
	}
}
