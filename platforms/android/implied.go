package android

import "github.com/permaudit/permaudit/audit"

const (
	permWriteExternal = "android.permission.WRITE_EXTERNAL_STORAGE"
	permReadExternal  = "android.permission.READ_EXTERNAL_STORAGE"
	permReadPhone     = "android.permission.READ_PHONE_STATE"
	permReadContacts  = "android.permission.READ_CONTACTS"
	permWriteContacts = "android.permission.WRITE_CONTACTS"
	permReadCallLog   = "android.permission.READ_CALL_LOG"
	permWriteCallLog  = "android.permission.WRITE_CALL_LOG"
)

// addImpliedPermissions appends the permissions `aapt dump badging`
// reports as implied, with its reasons and in its order. As in aapt only
// counted <uses-permission> elements take part (not -sdk-23), and the
// implied READ_EXTERNAL_STORAGE copies WRITE's maxSdkVersion.
func addImpliedPermissions(d *audit.Declaration) {
	has := map[string]bool{}
	writeMax := 0
	for _, p := range d.Permissions {
		if p.Form != audit.FormUsesPermission || p.Removed || p.Misplaced != "" {
			continue
		}
		has[p.Name] = true
		if p.Name == permWriteExternal {
			writeMax = p.MaxSdkVersion // aapt keeps the last one's
		}
	}
	imply := func(name, reason string, maxSdk int) {
		d.Permissions = append(d.Permissions, audit.Permission{Name: name, Form: audit.FormImplied, Reason: reason, MaxSdkVersion: maxSdk})
		has[name] = true
	}
	target, known := effectiveTarget(d)
	if known && target < 4 {
		if !has[permWriteExternal] {
			imply(permWriteExternal, "targetSdkVersion < 4", 0)
		}
		if !has[permReadPhone] {
			imply(permReadPhone, "targetSdkVersion < 4", 0)
		}
	}
	if !has[permReadExternal] && has[permWriteExternal] {
		imply(permReadExternal, "requested WRITE_EXTERNAL_STORAGE", writeMax)
	}
	if known && target < 16 {
		if !has[permReadCallLog] && has[permReadContacts] {
			imply(permReadCallLog, "targetSdkVersion < 16 and requested READ_CONTACTS", 0)
		}
		if !has[permWriteCallLog] && has[permWriteContacts] {
			imply(permWriteCallLog, "targetSdkVersion < 16 and requested WRITE_CONTACTS", 0)
		}
	}
}

// effectiveTarget is the target level as aapt computes it: the number,
// the in-development level (10000) for a codename, and 0 for a package
// without <uses-sdk>. A source manifest without <uses-sdk> states no
// target at all: the build writes the one from Gradle, so the rules that
// depend on it wait for the merged manifest.
func effectiveTarget(d *audit.Declaration) (int, bool) {
	if d.App.TargetLevel == "" {
		return 0, d.Artifact.Kind != KindManifestXML
	}
	return audit.ParseLevel(audit.Android, d.App.TargetLevel), true
}
