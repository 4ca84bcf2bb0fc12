// Package fileout writes output files so that nothing is lost, left behind
// or replaced that should not be. It is what every command that writes
// (build, export, preview, guide, calibrate, and later the web server)
// shares.
//
// Write takes a set of files and writes them as one:
//
//   - Each regular file goes to a temporary file beside its target
//     (".name.NNN.tmp"), written and synced, then renamed into place.
//     Readers see the old file or the new one, never a partial one. Every
//     temporary file is complete before the first rename; if anything fails
//     before that, no target is touched and nothing is left behind: no
//     temporary file and no folder that Write created for it.
//   - The renames happen together, under a lock that Abort also takes: a
//     signal (see Abort) either removes every temporary file before any
//     rename, or waits until all are done.
//   - An existing file keeps its permissions. A file without write
//     permission for its owner (mode 0444), or one the user may not open
//     for writing, is refused with a message, as cp would.
//   - A symbolic link to a regular file is written through: the file it
//     points to is replaced and the link stays.
//   - An existing file that is not a regular file (a device such as
//     /dev/null, a named pipe, /dev/stdout) is opened and written to, never
//     renamed over; a named pipe nobody reads from is refused rather than
//     waited on, and a folder or a socket is refused.
//   - The name "-" means the standard output given in Options.
package fileout
