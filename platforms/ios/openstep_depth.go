package ios

// maxOpenStepDepth bounds the nesting of an OpenStep text (project.pbxproj,
// .strings) before howett.net/plist parses it: its parser recurses per
// level, and a 16 MiB file of "(" must not exhaust the stack. Real
// projects nest a handful of levels.
const maxOpenStepDepth = 128

// openStepTooDeep reports whether dictionaries and arrays nest deeper
// than maxOpenStepDepth, ignoring brackets inside strings and comments.
func openStepTooDeep(data []byte) bool {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"' || c == '\'':
			for i++; i < len(data) && data[i] != c; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		case c == '/' && i+1 < len(data) && data[i+1] == '/':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(data) && data[i+1] == '*':
			for i += 2; i+1 < len(data) && !(data[i] == '*' && data[i+1] == '/'); i++ {
			}
			i++
		case c == '{' || c == '(':
			if depth++; depth > maxOpenStepDepth {
				return true
			}
		case c == '}' || c == ')':
			depth--
		}
	}
	return false
}
