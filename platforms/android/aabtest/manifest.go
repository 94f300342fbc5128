package aabtest

import "strconv"

// androidResIDs maps the android: attribute names fixtures use to their
// resource ids, so Android() can fill both the way aapt2 does.
var androidResIDs = map[string]uint32{
	"name":                 ResName,
	"debuggable":           ResDebuggable,
	"versionCode":          ResVersionCode,
	"versionName":          ResVersionName,
	"minSdkVersion":        ResMinSdk,
	"targetSdkVersion":     ResTargetSdk,
	"maxSdkVersion":        ResMaxSdk,
	"required":             ResRequired,
	"allowBackup":          ResAllowBackup,
	"usesCleartextTraffic": ResUsesCleartext,
}

// Android is an android: attribute as aapt2 writes it: the source string
// plus the resource id (0 when the name is not in the table above).
func Android(name, value string) Attr {
	return Attr{NS: NSAndroid, Name: name, Value: value, ResID: androidResIDs[name]}
}

// Typed is an android: attribute carrying only a compiled item and no
// source string, as some bundle tools write typed values.
func Typed(name string, item Item) Attr {
	return Attr{NS: NSAndroid, Name: name, ResID: androidResIDs[name], Item: item}
}

// Plain is an attribute with no namespace, such as manifest/@package.
func Plain(name, value string) Attr { return Attr{Name: name, Value: value} }

// El is an element without a namespace.
func El(name string, attrs []Attr, children ...*Element) *Element {
	return &Element{Name: name, Attrs: attrs, Children: children}
}

// Manifest is a <manifest package="pkg"> root declaring the android and
// dist namespaces, as aapt2 leaves them.
func Manifest(pkg string, children ...*Element) *Element {
	m := El("manifest", []Attr{Plain("package", pkg)}, children...)
	m.Namespaces = [][2]string{{"android", NSAndroid}, {"dist", NSDist}}
	return m
}

// UsesPermission is <uses-permission android:name="name" .../>.
func UsesPermission(name string, more ...Attr) *Element {
	return El("uses-permission", append([]Attr{Android("name", name)}, more...))
}

// UsesPermissionSdk23 is <uses-permission-sdk-23 android:name="name" .../>.
func UsesPermissionSdk23(name string, more ...Attr) *Element {
	return El("uses-permission-sdk-23", append([]Attr{Android("name", name)}, more...))
}

// UsesSdk is <uses-sdk> with string values and compiled ints, like aapt2.
func UsesSdk(min, target int32) *Element {
	minA := Android("minSdkVersion", itoa(min))
	minA.Item = Int(min)
	targetA := Android("targetSdkVersion", itoa(target))
	targetA.Item = Int(target)
	return El("uses-sdk", []Attr{minA, targetA})
}

// NumberLines gives e and its descendants consecutive source lines in
// document order from start, and returns the next free line.
func (e *Element) NumberLines(start uint32) uint32 {
	e.Line = start
	next := start + 1
	for _, c := range e.Children {
		next = c.NumberLines(next)
	}
	return next
}

func itoa(v int32) string { return strconv.Itoa(int(v)) }
