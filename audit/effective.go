package audit

// Why values of an EffectivePermission.
const (
	WhyDeclared    = "declared"    // declared and in effect
	WhyImplied     = "implied"     // added by the build tools or platform for an old target (Permission.Reason says why)
	WhySplit       = "split"       // granted along with a declared one because of the target level
	WhyIneffective = "ineffective" // declared but without effect at the app's target level
)

// EffectivePermission is one permission as the platform treats it at the
// app's target level, as opposed to as written in the manifest.
type EffectivePermission struct {
	Name     string `json:"name"`
	Category string `json:"category,omitempty"`
	Why      string `json:"why"`
	// From is the declared permission a split one comes with.
	From string `json:"from,omitempty"`
	// Detail says in words which levels it reaches and why.
	Detail string `json:"detail,omitempty"`
}

// Split is a permission the Android runtime grants together with a
// declared one, either always or while the app targets below a level:
// AOSP frameworks/base/data/etc/platform.xml <split-permission>, and
// PermissionManager.getSplitPermissions (developer.android.com).
type Split struct {
	From string
	To   []string
	// BelowTarget: the split applies while targetSdk < BelowTarget; 0 = always.
	BelowTarget int
}

const ap = "android.permission."

// AndroidSplits is platform.xml's split-permission list.
var AndroidSplits = []Split{
	{From: ap + "ACCESS_FINE_LOCATION", To: []string{ap + "ACCESS_COARSE_LOCATION"}},
	{From: ap + "WRITE_EXTERNAL_STORAGE", To: []string{ap + "READ_EXTERNAL_STORAGE"}},
	{From: ap + "READ_CONTACTS", To: []string{ap + "READ_CALL_LOG"}, BelowTarget: 16},
	{From: ap + "WRITE_CONTACTS", To: []string{ap + "WRITE_CALL_LOG"}, BelowTarget: 16},
	{From: ap + "ACCESS_FINE_LOCATION", To: []string{ap + "ACCESS_BACKGROUND_LOCATION"}, BelowTarget: 29},
	{From: ap + "ACCESS_COARSE_LOCATION", To: []string{ap + "ACCESS_BACKGROUND_LOCATION"}, BelowTarget: 29},
	{From: ap + "READ_EXTERNAL_STORAGE", To: []string{ap + "ACCESS_MEDIA_LOCATION"}, BelowTarget: 29},
	{From: ap + "WRITE_EXTERNAL_STORAGE", To: []string{ap + "ACCESS_MEDIA_LOCATION"}, BelowTarget: 29},
	{From: ap + "BLUETOOTH", To: []string{ap + "BLUETOOTH_SCAN", ap + "BLUETOOTH_CONNECT", ap + "BLUETOOTH_ADVERTISE"}, BelowTarget: 31},
	{From: ap + "BLUETOOTH_ADMIN", To: []string{ap + "BLUETOOTH_SCAN", ap + "BLUETOOTH_CONNECT", ap + "BLUETOOTH_ADVERTISE"}, BelowTarget: 31},
	{From: ap + "BODY_SENSORS", To: []string{ap + "BODY_SENSORS_BACKGROUND"}, BelowTarget: 33},
	{From: ap + "READ_EXTERNAL_STORAGE", To: []string{ap + "READ_MEDIA_AUDIO", ap + "READ_MEDIA_VIDEO", ap + "READ_MEDIA_IMAGES"}, BelowTarget: 33},
	{From: ap + "WRITE_EXTERNAL_STORAGE", To: []string{ap + "READ_MEDIA_AUDIO", ap + "READ_MEDIA_VIDEO", ap + "READ_MEDIA_IMAGES"}, BelowTarget: 33},
	{From: ap + "READ_MEDIA_IMAGES", To: []string{ap + "READ_MEDIA_VISUAL_USER_SELECTED"}},
	{From: ap + "READ_MEDIA_VIDEO", To: []string{ap + "READ_MEDIA_VISUAL_USER_SELECTED"}},
	{From: ap + "ACCESS_MEDIA_LOCATION", To: []string{ap + "READ_MEDIA_VISUAL_USER_SELECTED"}},
}

// SplitsFrom lists the splits a declared Android permission takes part in.
func SplitsFrom(name string) []Split {
	var out []Split
	for _, s := range AndroidSplits {
		if s.From == name {
			out = append(out, s)
		}
	}
	return out
}

// SplitsTo lists the splits that grant an Android permission.
func SplitsTo(name string) []Split {
	var out []Split
	for _, s := range AndroidSplits {
		for _, t := range s.To {
			if t == name {
				out = append(out, s)
			}
		}
	}
	return out
}
