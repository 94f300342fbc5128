package sdktest

import "github.com/permaudit/permaudit/platforms/android/aabtest"

// IMAppAAB is the Android app as an App Bundle whose code is not searched
// (no dex): the SDKs are known from the Maven libraries the Android
// Gradle plugin recorded in dependencies.pb — the Easemob IM SDK and
// Firebase Cloud Messaging from the base module, firebase-iid and
// androidx.core through FCM, Glide from the "gallery" feature module.
func IMAppAAB() []byte {
	perm := aabtest.UsesPermission
	base := aabtest.Manifest("com.example.chat", aabtest.UsesSdk(24, 34),
		perm("android.permission.INTERNET"), perm("android.permission.ACCESS_NETWORK_STATE"),
		perm("android.permission.WAKE_LOCK"), perm("com.google.android.c2dm.permission.RECEIVE"),
		perm("android.permission.POST_NOTIFICATIONS"), perm("android.permission.CAMERA"),
		perm("android.permission.RECORD_AUDIO"))
	base.NumberLines(1)
	gallery := aabtest.Manifest("com.example.chat")
	libs := []aabtest.Library{
		{Group: "io.hyphenate", Artifact: "hyphenate-chat", Version: "4.5.0"},
		{Group: "com.google.firebase", Artifact: "firebase-messaging", Version: "23.4.1", DependsOn: []int{2, 3}},
		{Group: "com.google.firebase", Artifact: "firebase-iid-interop", Version: "17.1.0"},
		{Group: "androidx.core", Artifact: "core", Version: "1.12.0"},
		{Group: "com.github.bumptech.glide", Artifact: "glide", Version: "4.16.0", DependsOn: []int{3}},
	}
	files := aabtest.AABFiles(aabtest.Module{Name: "base", Manifest: base}, aabtest.Module{Name: "gallery", Manifest: gallery})
	files = append(files, aabtest.File{Name: aabtest.DependenciesEntry, Deflate: true,
		Data: aabtest.Dependencies(libs, aabtest.ModuleDeps{Module: "base", Libraries: []int{0, 1}},
			aabtest.ModuleDeps{Module: "gallery", Libraries: []int{4}})})
	return aabtest.Zip(files...)
}
