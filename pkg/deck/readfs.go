package deck

import (
	"fmt"
	"io"
	"io/fs"
	"path"
)

// ReadPartialFS is ReadPartial for a dataset whose folder is fsys rather
// than the file system: name is the dataset's slash-separated path in
// fsys, and messages name it so; data is the file's bytes, or nil to read
// them from fsys (at most MaxFileSize). Pictures are read from name's
// folder in fsys, and from nowhere else.
//
// A server reads an upload this way, with the request's own folder as
// fsys: messages name the files as the user sent them, and the dataset
// cannot make the server read a file outside that folder.
func ReadPartialFS(fsys fs.FS, name string, data []byte, format string) (*Deck, error) {
	f, err := formatFor(name, format)
	if err != nil {
		return nil, err
	}
	if data == nil {
		if data, err = readFSLimited(fsys, name); err != nil {
			return nil, err
		}
	}
	return read(name, data, f, fsImages{fsys: fsys, dir: path.Dir(name)}, "")
}

// readFSLimited reads a dataset file from fsys, refusing one over
// MaxFileSize or that is not a regular file.
func readFSLimited(fsys fs.FS, name string) ([]byte, error) {
	file, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the dataset: %w", unwrapPath(err))
	}
	defer file.Close()
	fi, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read the dataset: %w", unwrapPath(err))
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("cannot read the dataset: %s is %s", name, fileKind(fi.Mode()))
	}
	if fi.Size() > MaxFileSize {
		return nil, tooBig(name, fi.Size())
	}
	data, err := io.ReadAll(io.LimitReader(file, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the dataset: %w", unwrapPath(err))
	}
	if len(data) > MaxFileSize {
		return nil, tooBig(name, int64(len(data)))
	}
	return data, nil
}
