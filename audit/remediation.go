package audit

import "fmt"

// Remediation is the exact declaration to add for a missing permission.
func Remediation(p Platform, name string, cs *Catalogs) string {
	switch p {
	case Android:
		return fmt.Sprintf(`Add to AndroidManifest.xml, as a direct child of <manifest>: <uses-permission android:name="%s" />`, name)
	case IOS:
		return fmt.Sprintf("Add to Info.plist: <key>%s</key><string>…why the app needs it…</string>", name)
	case HarmonyOS:
		if e, ok := cs.ByPlatform[HarmonyOS].Lookup(FormRequestPermission, name); ok &&
			(e.GrantMode == "user_grant" || e.GrantMode == "manual_settings") {
			return fmt.Sprintf(`Add to module.json5 requestPermissions: {"name": "%s", "reason": "$string:<key>", "usedScene": {"abilities": ["EntryAbility"], "when": "inuse"}}`, name)
		}
		return fmt.Sprintf(`Add to module.json5 requestPermissions: {"name": "%s"}`, name)
	}
	return "Declare " + name + "."
}

// removal is the edit that takes a permission out.
func removal(p Platform, name string) string {
	switch p {
	case Android:
		return fmt.Sprintf(`Remove <uses-permission android:name="%s" />; if a library adds it, add <uses-permission android:name="%s" tools:node="remove" />`, name, name)
	case IOS:
		return fmt.Sprintf("Remove the %s key from Info.plist and the code that needs it.", name)
	case HarmonyOS:
		return fmt.Sprintf(`Remove {"name": "%s"} from requestPermissions; for a library's, list it in build-profile.json5 buildOption.removePermissions.`, name)
	}
	return "Remove " + name + "."
}
