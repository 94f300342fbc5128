// Package audit holds permaudit's data model and the pure steps that turn
// declarations into findings: evaluate, filter, gate.
package audit

// Platform names the mobile platform a declaration belongs to.
type Platform string

const (
	Android   Platform = "android"
	IOS       Platform = "ios"
	HarmonyOS Platform = "harmonyos"
)

// Title is the platform's name as people write it.
func (p Platform) Title() string {
	switch p {
	case Android:
		return "Android"
	case IOS:
		return "iOS"
	case HarmonyOS:
		return "HarmonyOS"
	}
	return string(p)
}

// Platforms lists every supported platform in report order.
var Platforms = []Platform{Android, IOS, HarmonyOS}

// Form says how a permission was declared; names stay as written.
type Form string

const (
	FormUsesPermission      Form = "uses-permission"
	FormUsesPermissionSdk23 Form = "uses-permission-sdk-23"
	FormImplied             Form = "implied"
	FormUsageDescription    Form = "usage-description"
	FormBackgroundMode      Form = "background-mode"
	FormEntitlement         Form = "entitlement"
	FormRequestPermission   Form = "request-permission"
)

// Artifact identifies the file a declaration was read from.
type Artifact struct {
	Path   string `json:"path"`
	Kind   string `json:"kind"`
	SHA256 string `json:"sha256,omitempty"`
	Size   int64  `json:"size,omitempty"`
}

// App is the identity of the app as the artifact states it. Levels stay
// strings because platforms spell them differently ("34", "15.0", "12").
type App struct {
	ID          string `json:"id,omitempty"`
	Version     string `json:"version,omitempty"`
	MinLevel    string `json:"minLevel,omitempty"`
	TargetLevel string `json:"targetLevel,omitempty"`
}

// Location points at where something was declared: the file, the entry
// inside an archive, and the 1-based line where the source is text.
type Location struct {
	File  string `json:"file,omitempty"`
	Entry string `json:"entry,omitempty"`
	Line  int    `json:"line,omitempty"`
}

// UsedScene is HarmonyOS's requestPermissions[].usedScene.
type UsedScene struct {
	Abilities []string `json:"abilities,omitempty"`
	When      string   `json:"when,omitempty"`
	// HasWhen tells an empty "when" (invalid) from an absent one.
	HasWhen bool `json:"hasWhen,omitempty"`
}

// Permission is one declared (or implied, or removed) permission.
type Permission struct {
	Name     string `json:"name"`
	Form     Form   `json:"form"`
	Category string `json:"category,omitempty"`
	// MaxSdkVersion is Android's android:maxSdkVersion; 0 means unbounded.
	MaxSdkVersion int `json:"maxSdkVersion,omitempty"`
	// NotRequired is android:required="false".
	NotRequired bool `json:"notRequired,omitempty"`
	// Removed marks a tools:node="remove" entry: an explicit absence.
	Removed bool `json:"removed,omitempty"`
	// Misplaced names the parent element when the platform ignores the
	// declaration because it is not where it must be.
	Misplaced string `json:"misplaced,omitempty"`
	// Purpose is the text shown to the user: an iOS purpose string or a
	// HarmonyOS reason. HasPurpose tells an empty text from an absent one.
	Purpose    string     `json:"purpose,omitempty"`
	HasPurpose bool       `json:"hasPurpose,omitempty"`
	UsedScene  *UsedScene `json:"usedScene,omitempty"`
	// Reason says why an implied permission was added.
	Reason string `json:"reason,omitempty"`
	// Module names the split, extension or module that declares it.
	Module string `json:"module,omitempty"`
	Line   int    `json:"line,omitempty"`
	Entry  string `json:"entry,omitempty"`
	// DeclaredBy names the detected SDKs whose documented permission set
	// includes this permission; empty means the app itself (or a library
	// permaudit cannot tell apart from it). SDKs are recognised from the
	// package's code and, where recorded, its library coordinates.
	DeclaredBy []string `json:"declaredBy,omitempty"`
}

// Fact is a platform setting worth reporting that is not a permission:
// ATS exceptions, application flags, entitlements' values.
type Fact struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Line  int    `json:"line,omitempty"`
	Entry string `json:"entry,omitempty"`
}

// Module is one part of a package that declares on its own: an AAB
// feature module, an APK split, an iOS app extension, a HAP in an .app.
type Module struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Entry string `json:"entry,omitempty"`
	ID    string `json:"id,omitempty"`
}

// Declaration is what one artifact declares, platform-neutral. A package
// of several modules is one Declaration: the union of its modules, each
// permission naming the module that declares it.
type Declaration struct {
	Platform    Platform     `json:"platform"`
	Artifact    Artifact     `json:"artifact"`
	App         App          `json:"app"`
	Modules     []Module     `json:"modules,omitempty"`
	Permissions []Permission `json:"permissions"`
	Facts       []Fact       `json:"facts,omitempty"`
	// Notes are things the parser noticed that are not permissions, such
	// as a zip with data before it; the evaluator reports them.
	Notes []Note `json:"notes,omitempty"`
	// Group is set when the artifact is one platform of a cross-platform app.
	Group *AppGroup `json:"group,omitempty"`
	// Libraries are the third-party libraries the build packages, where
	// the artifact records them (an AAB's dependencies.pb, a project's
	// dependency files).
	Libraries []Library `json:"libraries,omitempty"`
	// Signals are the names SDK detection looks at (components, meta-data
	// keys, dex packages, frameworks, modules); reports show the SDKs
	// detected from them, not the raw list.
	Signals []Signal `json:"-"`
	// CodeScanned says the parser read the package's code index (dex
	// string tables), so an SDK without a signal is absent, not unseen.
	CodeScanned bool `json:"-"`
}

// Note is a parser observation the evaluator turns into a finding.
type Note struct {
	RuleID   string   `json:"ruleId"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Entry    string   `json:"entry,omitempty"`
	Line     int      `json:"line,omitempty"`
}

// RuleProjectUnresolved marks something in a source project (a build
// setting, a reference, a module) permaudit could not resolve, so the
// audit of that project may differ from what its build ships.
const RuleProjectUnresolved = "project-unresolved"

// AppGroup names the cross-platform app (React Native, Flutter, …) a
// declaration is one platform's part of; artifacts with the same Root
// are one app.
type AppGroup struct {
	Name      string `json:"name"`
	Framework string `json:"framework"`
	Root      string `json:"root"`
}
