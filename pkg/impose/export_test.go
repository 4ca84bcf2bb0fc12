package impose

// For the tests of package impose_test.
var (
	Unique        = unique
	MarkIntervals = markIntervals
)
