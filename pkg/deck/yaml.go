package deck

import (
	"strings"

	"github.com/cardgen/cardgen/pkg/diag"
	"github.com/cardgen/cardgen/pkg/yamldoc"
)

// YAML: the canonical format, data/personas.yaml. The file is read by
// yamldoc (positions, aliases bounded, one document) and its node tree
// is the common form as it is.

var yamlDialect = &dialect{
	describe: func(v *value) string {
		switch v.kind {
		case vMap:
			return "a mapping (key: value lines)"
		case vList:
			return "a list"
		case vNull:
			return "nothing"
		}
		return "a single value"
	},
	copiesFound: func(v *value) string {
		if v.kind == vList || v.kind == vMap {
			return "a list or mapping"
		}
		return diag.Quote(v.text)
	},
	textOK:   func(v *value) bool { return v.kind != vList && v.kind != vMap },
	notText:  "expected text",
	notList:  "expected a list",
	listHint: `write one "- item" per line`,
	notMap:   func(known []string) string { return "expected " + strings.Join(known, ", ") + " as key: value lines" },
	addField: func(name string, k kind) string {
		if k == kindList || k == kindTags {
			return "add " + name + `: with one "- item" per line`
		}
		return "add " + name + ": ..."
	},
	addSection: map[string]string{
		"deck":       "add deck: with title: and language:",
		"categories": "add categories: with at least one id, label and color",
		"personas":   "add personas: with at least one persona",
	},
	itemsHint: map[string]string{
		"categories": `start each category with "- id: ..."`,
		"personas":   `start each persona with "- id: ..."`,
	},
	emptyItem: "remove the line or write the item",
}

func readYAML(name string, data []byte) (*source, diag.List) {
	r := &yamldoc.Reader{File: name}
	doc := r.Parse(data, "start from cardgen export --format yaml")
	if doc == nil {
		return nil, r.Problems
	}
	lines := strings.Split(string(data), "\n")
	return &source{root: fromYAML(doc, lines, map[*yamldoc.Node]*value{}), dialect: yamlDialect, lines: lines}, r.Problems
}

// fromYAML converts a YAML node into the common form. An alias is its
// anchor's value, converted once (yamldoc.Reader.Parse has bounded what
// aliases add); an alias in a list keeps its own position, so that a
// problem with the item (the persona too many) names the alias's line.
func fromYAML(n *yamldoc.Node, lines []string, done map[*yamldoc.Node]*value) *value {
	if n.Kind == yamldoc.AliasNode && n.Alias != nil {
		v := *fromYAML(n.Alias, lines, done)
		v.pos = Pos{Line: n.Line, Column: n.Column}
		if v.kind == vMap || v.kind == vList {
			return &v
		}
		v.pos = Pos{Line: n.Alias.Line, Column: n.Alias.Column}
		return &v
	}
	if v, ok := done[n]; ok {
		return v
	}
	v := &value{pos: Pos{Line: n.Line, Column: n.Column}, text: n.Value}
	done[n] = v
	switch n.Kind {
	case yamldoc.MappingNode:
		v.kind = vMap
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			v.set(k.Value, Pos{Line: k.Line, Column: k.Column}, fromYAML(n.Content[i+1], lines, done))
		}
	case yamldoc.SequenceNode:
		v.kind = vList
		for _, c := range n.Content {
			v.items = append(v.items, fromYAML(c, lines, done))
		}
	case yamldoc.ScalarNode:
		switch n.Tag {
		case "!!int":
			v.kind = vInt
		case "!!float":
			v.kind = vFloat
		case "!!bool":
			v.kind = vBool
		case "!!null":
			v.kind = vNull
			// color: #8A4B14 is an empty value and a comment.
			if c, col := yamldoc.Commented(lines, n); c != "" {
				v.comment, v.pos.Column = c, col
			}
		}
	default:
		v.kind = vNull
	}
	return v
}
