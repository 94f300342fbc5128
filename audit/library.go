package audit

// Library is a third-party library a build packages, named as its build
// system names it: Maven "group:artifact" (":classifier"), a CocoaPods
// pod, a SwiftPM package, an ohpm package.
type Library struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	// Modules are the app's modules that depend on it directly.
	Modules []string `json:"modules,omitempty"`
	// Via names, for a library that comes in through another one, the
	// direct dependency that brings it.
	Via string `json:"via,omitempty"`
	// Source is the file that lists it (an archive entry or a project file).
	Source string `json:"source,omitempty"`
}
