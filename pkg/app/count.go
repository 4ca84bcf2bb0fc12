package app

import "github.com/cardgen/cardgen/pkg/labels"

// count writes n and a noun (labels.Cards, …) in English, by its plural
// rules, as cardgen's own messages do: "1 card", "2 cards".
func count(n int, key string) string { return labels.Count("en", n, key) }
