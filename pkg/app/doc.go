// Package app is what the command line and the web server share: the
// operations users ask for (build, validate, export, list, preview a face,
// the guide, the calibration sheet, Tabletop Simulator, the layouts) as
// functions over datasets given by path or as bytes, with typed options in
// and, out, files in memory (each with the name it has by default), typed
// problems (diag.Problem, with file, line, column or cell, persona, field)
// and warnings.
//
// It never names a command-line flag. What is wrong with an option comes
// back as an *OptionError that says which option (an Option), which value
// and what is allowed; the command line words it with its flags in one
// place (cli.Exit), the web server with its parameters. Closed sets of
// words are types with their own parsers, where they belong: layout.Duplex,
// layout.Faces and layout.MarkStyle, deck.Sort, app.Paper and
// app.PictureFormat.
//
// Every operation reads and checks everything before drawing anything, and
// reports every problem at once, across stages: when a dataset has
// problems but could be read as a deck, its characters and the fitting of
// its cards are checked too, so that an unknown field and a missing glyph
// come out in the same run. Editions (a deck's other languages) come from
// package edition; composition and rendering from package build; writing
// files, all or none, from package fileout, through Write and a Place.
//
// File names follow one rule (names.go, and the README's "Output file
// names"): every option that changes what is printed shows in the name, in
// a fixed order, so that no variant overwrites another.
package app
