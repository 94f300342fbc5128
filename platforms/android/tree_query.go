package android

// Android attribute resource ids (android.R.attr). In compiled manifests
// these identify an attribute even when its name string was obfuscated.
const (
	attrLabel                = 0x01010001
	attrName                 = 0x01010003
	attrDebuggable           = 0x0101000f
	attrMinSdkVersion        = 0x0101020c
	attrVersionCode          = 0x0101021b
	attrVersionName          = 0x0101021c
	attrTargetSdkVersion     = 0x01010270
	attrMaxSdkVersion        = 0x01010271
	attrAllowBackup          = 0x01010280
	attrRequired             = 0x0101028e
	attrUsesCleartextTraffic = 0x010104ec
	attrUsesPermissionFlags  = 0x01010644
	// requestLegacyExternalStorage (API 29): public.xml 0x01010603.
	attrRequestLegacyStorage = 0x01010603
)

// androidAttrNames names the attributes above, so a compiled attribute
// whose name string disagrees with its resource id can be reported.
var androidAttrNames = map[uint32]string{
	attrLabel:                "label",
	attrName:                 "name",
	attrDebuggable:           "debuggable",
	attrMinSdkVersion:        "minSdkVersion",
	attrVersionCode:          "versionCode",
	attrVersionName:          "versionName",
	attrTargetSdkVersion:     "targetSdkVersion",
	attrMaxSdkVersion:        "maxSdkVersion",
	attrAllowBackup:          "allowBackup",
	attrRequired:             "required",
	attrUsesCleartextTraffic: "usesCleartextTraffic",
	attrUsesPermissionFlags:  "usesPermissionFlags",
}

// androidAttr finds an android: attribute. When the encoding carries
// resource ids the id decides, as it does for the platform; a source
// manifest has none, so the namespace and name decide.
func (e *element) androidAttr(resID uint32) (string, bool) {
	for _, a := range e.Attrs {
		if a.ResID != 0 {
			if a.ResID == resID {
				return a.Value, true
			}
			continue
		}
		if isAndroidNS(a.NS) && a.Name == androidAttrNames[resID] {
			return a.Value, true
		}
	}
	return "", false
}

// plainAttr finds an attribute outside any namespace, such as package.
// The platform looks these up by name alone, whatever resource id the
// resource map happens to pair with the name.
func (e *element) plainAttr(name string) (string, bool) {
	for _, a := range e.Attrs {
		if a.NS == "" && a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// toolsAttr finds a tools: attribute (source manifests only).
func (e *element) toolsAttr(name string) (string, bool) {
	for _, a := range e.Attrs {
		if (a.NS == nsTools || a.NS == "tools") && a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// isAndroidNS accepts the android namespace URI, and the bare prefix a
// source file leaves when it forgot to declare xmlns:android.
func isAndroidNS(ns string) bool { return ns == nsAndroid || ns == "android" }
