package data

import "embed"

// World holds the outline and the country table of the facilitator's world
// map (package worldmap reads them):
//
//   - world/land.json: Natural Earth 1:110m land, simplified by cmd/worldgen,
//     {"source": "...", "polygons": [[[lon,lat],...], ...]}: one ring per
//     entry, implicitly closed, holes included (fill even-odd);
//   - world/countries.json: a representative point per ISO 3166-1 alpha-2
//     code, {"source": "...", "countries": {"FR": {"name", "lon", "lat"}}};
//   - world/outlines.json: Natural Earth 1:110m country outlines for the
//     cards' locator maps, converted by cmd/worldgen -countries,
//     {"source": "...", "countries": {"FR": [polygon, ...]}, "other": [...]},
//     a polygon being its outer ring then its holes;
//   - world/NOTICE: where they come from and under which terms.
//
// land.json and outlines.json are rebuilt from the npm package world-atlas
// (the same input gives the same bytes):
//
//	cd /tmp && mkdir -p wa && cd wa && npm install world-atlas@2.0.2
//	go generate ./data
//
//go:generate go run ../cmd/worldgen -in /tmp/wa/node_modules/world-atlas/land-110m.json -out world/land.json
//go:generate go run ../cmd/worldgen -countries -in /tmp/wa/node_modules/world-atlas/countries-110m.json -out world/outlines.json
//go:embed world/land.json world/countries.json world/outlines.json world/NOTICE
var World embed.FS

// World's file names.
const (
	WorldLand      = "world/land.json"
	WorldCountries = "world/countries.json"
	WorldOutlines  = "world/outlines.json"
)
