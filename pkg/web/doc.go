// Package web is cardgen's local web server: one page, embedded in the
// binary (package page), and a small HTTP API that the page and scripts use
// to check a dataset, preview its cards, edit them and download the PDFs.
//
// It is the only package that imports net/http. It knows nothing of how a
// deck is read, composed or rendered: every operation goes through the
// Backend interface (backend.go), which AppBackend implements over package
// app (backend_app.go): one app call per request.
//
// What the server promises on a teacher's laptop:
//
//   - It listens on the loopback address unless told otherwise, and refuses
//     requests whose Host header is neither localhost nor an IP address
//     (DNS rebinding), and cross-origin POSTs (Sec-Fetch-Site, Origin).
//   - Uploads obey the command line's limits (16 MiB dataset, 20 MB per
//     picture) plus limits of its own on the whole body and on .zip files
//     (entries, expanded size, no path leaving the folder); too much is a
//     413 with a clear message.
//   - Every request has a time limit; at most MaxBuilds operations run at
//     once, others wait a little or get 503 with Retry-After. The app layer
//     gets the request's context: work whose time is up, or whose client
//     went away, stops.
//   - What a request uploads lives in memory (the dataset) or in a private
//     folder under the server's own temporary folder (its pictures and
//     other editions), removed when the request ends; the app layer reads
//     that folder as the dataset's (app.Dataset.FS), so messages name the
//     files as the user sent them. The server reads and writes nothing
//     else. The access log has the method, the path, the status and the
//     time taken, nothing more.
package web
