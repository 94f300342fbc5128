// Command permaudit audits the permissions a mobile app declares against a
// privacy policy. All the work is in package cli; main only exits.
package main

import (
	"os"

	"github.com/permaudit/permaudit/cmd/permaudit/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
