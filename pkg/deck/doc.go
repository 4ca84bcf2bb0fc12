// Package deck is the persona dataset: its model, the readers of its six
// formats, which keep the line and column (or spreadsheet cell) of every
// field, the checks that need no font or layout, export to every format,
// and selection.
//
// # How it is built
//
// One table, schema.go, describes every field once: its names in English
// and French, its kind (one line, text, list, tags, copies, colour),
// whether it is required, how it is checked, where it goes in the model.
// Each format is one file whose reader turns the file into the common form
// (form.go), a tree of values with their positions, and whose writer
// writes a deck; formats.go registers them. One decoder (decode.go) turns
// the common form into a Deck by the schema, saying each problem in the
// format's words; tables (table.go) are shared by CSV and workbooks. A new
// field is one entry in the schema; a new format is one file and one line
// in the registry.
//
// # Schema
//
// A deck has metadata (title, language as a BCP 47 tag, author),
// categories (id, label, color as #RRGGBB) and personas. A persona has:
//
//	id            unique lowercase slug, such as maria-luz
//	name, role
//	country       as printed; it may be left out when country_code is given,
//	              in every format: cards then name the country in the deck's
//	              language (from CLDR: "Congo-Kinshasa" for CD in French)
//	country_code  ISO 3166-1 alpha-2, such as CD
//	category      the id of a category
//	text          first-person text; *italic*, **bold**, \* for a literal asterisk
//	conditions    a list of one-line items
//	impact        optional
//	image         optional: a PNG or JPEG file, its path relative to the dataset's folder
//	copies        optional: how many of the card to print, 1 to 1000 (Persona.Copies 0 means 1)
//	tags          optional: a list of labels
//
// These names are the same in every format. Load and Read choose a format
// from the file's extension (.yaml/.yml, .json, .csv, .md/.markdown, .xlsx,
// .ods) unless one is named. They report every problem at once, as a diag.List, each
// with the file, line (and column where it means something), persona id,
// field, what is wrong and what to do; they return a deck only when there
// is none.
//
// # YAML and JSON
//
// The canonical format, data/personas.yaml, and JSON with the same shape:
//
//	{"deck": {"title": "…", "language": "fr", "author": "…"},
//	 "categories": [{"id": "mine", "label": "Mines", "color": "#8A4B14"}],
//	 "personas": [{"id": "ana", "name": "Ana", …, "conditions": ["…"]}]}
//
// Both are strict: an unknown field is a problem, with a "did you mean"
// when it looks like a typo; so are a field given twice, a missing or
// empty required field, and a value of the wrong type. JSON is read by the
// YAML reader (JSON is YAML), after encoding/json has found it valid.
//
// A YAML syntax error is reported at the line of the mistake, with what
// it is and what to do (see yamldoc: a key that lines up with no key
// above it, a quote or a [ never closed, a tab, a ": " or a leading * in
// a value); a value that YAML read as a comment (color: #8A4B14) says to
// write it in quotes. A YAML file holds one document: a second one (a ---
// line after the first) is a problem at its line, as is a control
// character YAML does not allow. Aliases may add at most 16 MiB of text to the document once
// expanded: past that, the alias where it goes past is a problem, found
// before anything is expanded.
//
// # CSV
//
// As spreadsheets export it. A header row names the columns, with the
// schema's names or their French equivalents: identifiant, nom, rôle or
// métier, pays, code_pays, catégorie, texte, conditions, impact, image,
// exemplaires, étiquettes. Case, accents, spaces and underscores do not
// matter ("Code pays" = "code_pays"). The header is the first line that
// names three different fields; its separator, a comma or a semicolon, is
// the file's. name, role, country, text and conditions are required
// columns (country not when there is a code_pays column: a row then needs
// one of the two); the others are optional, and so is the order.
//
// The file may be UTF-8, with or without a byte order mark, or
// Windows-1252 (what Excel writes in French locales), recognised by not
// being valid UTF-8. Line ends may be CRLF; quoted cells may hold several
// lines. The conditions are one per line in their cell, or on one line
// separated by " | ". Tags are separated by commas, or by "|" when the cell
// has one.
//
// In a row, an empty id is made from the name with Slug (letters kept:
// Łukasz → lukasz, Æsa → aesa); an empty
// country_code (or no such column) is found from the country's name in
// French or English, as CLDR gives it (CountryCode); an empty category (or
// no such column) is the default category, DefaultCategory.
//
// Every problem names the cell as a spreadsheet shows it, such as "cell
// H5" (column letter and row number, counting blank rows as a spreadsheet
// does), or the row ("row 1", for a missing column), and the physical line
// where it is (for a condition in a multi-line cell, the line of the
// condition; for a character, its own line, Locate): syntax errors and
// bytes that are not text too.
//
// A CSV file cannot hold the deck's metadata in its table, so rows above
// the header may give it, one key and value per row; these keys are
// matched like column names:
//
//	titre;Les visages cachés de l'IA        (or title)
//	langue;fr                               (or language)
//	auteur;Collège Jean Moulin              (or author)
//	catégorie;extraction;Extraction de matières premières;#8A4B14
//	                                        (or category; label and colour optional)
//
// Without them, Title is the file name without its extension
// ("mes-personas.csv" → "mes-personas") and Fields has no "title": the
// file gave none, so the cards show none (pkg/app prints the deck without
// a title and warns, saying which row to add). The author is empty and the
// language is, in order: the file name's language suffix ("deck.en.csv" →
// en, title "deck"); English ("en") when the header uses English names
// (name, country, text, …) and no French one; French ("fr") otherwise.
//
// A UTF-8 file with a row in another encoding (pasted from elsewhere) is
// not read as Windows-1252: each such row is a problem.
//
// Export writes CSV for French Excel: UTF-8 with a BOM, semicolons, CRLF,
// those rows above the header, and the header in French when the deck's
// language is French (in English otherwise). A cell starting with =, +, -
// or @, which a spreadsheet would run as a formula, is written after an
// apostrophe ('=…), and reading takes one apostrophe off such a cell, so
// that the round trip gives the value back.
//
// # Workbooks (.xlsx, .ods)
//
// Read as CSV is, sheet by sheet: the sheet named personas (or
// personnages), else the first, holds the table, with optional preamble
// rows; an optional categories (catégories) sheet has a header naming id
// (identifiant), label (libellé) and color (couleur) and a category per
// row; an optional deck (jeu) sheet has the preamble's key rows. A cell's
// lines are its lines (conditions one per line). Values are read as the
// sheet shows them; a cell the spreadsheet made a date or a time of, a
// formula without a stored result and an error value are problems at
// their cell, and no formula is ever computed. Problems name the sheet and
// the cell: "personas!D4" (Pos.Cell). Export writes the three sheets, the
// header in the deck's language, text wrapped, columns as wide as their
// text, the category cells in their colour, every value as a string. See
// workbook.go for the bounds a hostile file meets.
//
// # Markdown
//
// In the style of the workshop's source file. Each persona starts with a
// heading (## to ######, usually ### Name) or a line of bold text alone,
// **Name**, whose line may go on, after a line break, with the role:
//
//	### Hao
//
//	Extractrice de terres rares
//
//	Chine
//
//	Je démonte des vieux smartphones…
//
//	- Travail mal payé
//	- Conditions très dures
//
//	Contact de produits chimiques toxiques.
//
// Paragraphs before the list are the role, the country and the text, in
// that order (more paragraphs join the text, one line each); the country's
// paragraph may be left out when a key line gives its code (the paragraph
// in its place is the country only if it reads like one: a name CLDR
// knows, or one short line that ends no sentence); the "- " (or
// "* ", "1. ") list is the conditions; one paragraph after it is the
// impact. Lines of a paragraph join with spaces; a hard line break (two
// spaces or a backslash at the end of a line) is a space in one-line
// fields and a line break in the text and impact. Backslash escapes of
// punctuation are removed ("\$" → "$") except \* and \\, cardgen's own
// markup. Rules (---) between personas are ignored.
//
// A key line — a field's name, a colon, its value, on a line of its own
// in a paragraph — gives any field explicitly, with the names of the CSV
// columns (French typography's space before the colon is fine):
//
//	Catégorie : extraction         (or Category: extraction)
//	Code pays : CD                 (or Country code: CD)
//	Identifiant : hao-2            (or Id: hao-2)
//	Image : images/hao.png
//	Exemplaires : 2                (or Copies: 2)
//	Étiquettes : mines, Afrique    (or Tags: …)
//
// A field given by a key line takes no paragraph: with "Pays : Chine", the
// paragraphs before the list are the role and the text. A line that looks
// like a key line but is one letter away from a field's name ("Catégori :
// x") is a problem with a "did you mean"; other such lines ("Attention :
// …") are text. Without key
// lines, the id is made from the name with Slug, the country code is found
// from the country's name (a name not in the table is a problem asking for
// a "Code pays : XX" line) and the category is the default one.
//
// Before the first persona may come a "# Title" heading, key lines for
// the deck (Titre, Langue, Auteur, or Title, Language, Author) and a
// categories section, a "## Catégories" (or "## Categories") heading with
// one category per item, its id and colour optional:
//
//	## Catégories
//
//	- Extraction de matières premières (extraction, #8A4B14)
//	- Travail du clic
//
// Anything else there is a problem, unknown keys included. Without them,
// the title, language and author come as for CSV, the language being
// English when the key lines are in English only.
//
// # Categories in tables and Markdown
//
// A category cell or key line names a category declared above, or one of
// the built-in categories of the embedded deck (BuiltinCategories), by id
// or by label, without regard to case, accents or punctuation ("travail du
// clic" = clickwork). Any other name creates a category, its id made with
// Slug and its colour the next of Palette, dark colours on which white
// text has a contrast of at least 4.5:1. A deck has at most MaxCategories.
//
// # Bounds
//
// Every reader takes time in proportion to its file (a 16 MiB file at
// most), and reports at most 500 problems (then how many more); a table
// reports ten unknown or unnamed columns one by one, then how many more.
// A message quotes at most 60 characters of a value, then its length.
//
// # Normalisation
//
// All text is converted to Unicode NFC; spaces at line ends and blank
// lines around a value go; in one-line fields (everything but text and
// impact) line breaks become spaces, and in text and impact blank lines
// go. Nothing else is rewritten.
//
// # Images
//
// An image path is relative to the folder of the dataset file (Deck.Dir);
// it must name a PNG or JPEG file inside that folder or below it: an
// absolute path, a path through "..", or a symbolic link leading out is a
// problem, as are a missing file and a file that is not a PNG or JPEG
// image. Deck.OpenImage opens a persona's image.
//
// # Round trips
//
// Export writes a deck in any format; reading it back gives the same deck
// (the same values, apart from positions and the file's name). The known
// limits: in Markdown, a backslash before punctuation other than * and \
// in the model's text does not survive (Markdown reads it as an escape),
// and a name that is neither a safe heading nor a safe bold line makes
// Export fail; in CSV, a persona's only condition containing " | " is
// split; in CSV and Markdown, a tag containing "|" is split. The fuzz
// targets check the round trip of every deck they manage to load.
package deck
