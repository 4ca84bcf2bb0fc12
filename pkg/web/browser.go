package web

import (
	"os/exec"
	"runtime"
)

// OpenBrowser opens url in the default browser: xdg-open on Linux and the
// BSDs, open on macOS, the URL handler on Windows.
func OpenBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	// Reap it without waiting here: some openers stay until the browser quits.
	go cmd.Wait()
	return nil
}
