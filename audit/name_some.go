package audit

import (
	"fmt"
	"strings"
)

// NameSome lists the first n items and counts the rest ("a, b, c and 4
// more"): enough to find them, short enough for one message line.
func NameSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}
