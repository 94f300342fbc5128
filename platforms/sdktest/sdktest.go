// Package sdktest writes packages that embed third-party SDKs the way a
// build leaves them: an APK whose merged manifest carries the SDKs'
// components and meta-data and whose classes*.dex name their classes, and
// an IPA with the SDKs' frameworks.
package sdktest

import (
	"github.com/permaudit/permaudit/platforms/android/axmltest"
	"github.com/permaudit/permaudit/platforms/android/dextest"
	"github.com/permaudit/permaudit/platforms/ios/iostest"
)

// IMApp is the Android app of the examples: the Easemob IM SDK (meta-data
// EASEMOB_APPKEY, its service, classes under com/hyphenate) and Xiaomi's
// MiPush (its receiver, classes in a second dex), with the permissions
// their merged manifests declare.
func IMApp() []byte {
	type N = axmltest.Node
	perm := func(line int, name string) *N {
		return &N{Name: "uses-permission", Line: line, Attrs: []axmltest.Attr{axmltest.A("name", name)}}
	}
	named := func(el, name string, line int) *N {
		return &N{Name: el, Line: line, Attrs: []axmltest.Attr{axmltest.A("name", name)}}
	}
	meta := &N{Name: "meta-data", Line: 20, Attrs: []axmltest.Attr{axmltest.A("name", "EASEMOB_APPKEY"), axmltest.A("value", "demo#chat")}}
	root := &N{Name: "manifest", Line: 1, Attrs: []axmltest.Attr{axmltest.AInt("versionCode", 42), axmltest.A("versionName", "3.1.0"),
		axmltest.Plain("package", "com.example.chat")},
		Children: []*N{
			{Name: "uses-sdk", Line: 2, Attrs: []axmltest.Attr{axmltest.AInt("minSdkVersion", 24), axmltest.AInt("targetSdkVersion", 34)}},
			perm(3, "android.permission.INTERNET"), perm(4, "android.permission.ACCESS_NETWORK_STATE"),
			perm(5, "android.permission.ACCESS_WIFI_STATE"), perm(6, "android.permission.CHANGE_WIFI_STATE"),
			perm(7, "android.permission.CAMERA"), perm(8, "android.permission.RECORD_AUDIO"),
			perm(9, "android.permission.VIBRATE"), perm(10, "com.example.chat.permission.MIPUSH_RECEIVE"),
			{Name: "application", Line: 11, Children: []*N{
				named("activity", ".MainActivity", 12),
				named("service", "com.hyphenate.chat.EMChatService", 13),
				named("receiver", "com.xiaomi.push.service.receivers.PingReceiver", 14),
				meta,
			}},
		}}
	return axmltest.Zip(nil,
		axmltest.File{Name: "AndroidManifest.xml", Data: axmltest.Encode(root, axmltest.Options{})},
		axmltest.File{Name: "classes.dex", Data: dextest.Dex("Lcom/example/chat/MainActivity;", "Lcom/hyphenate/chat/EMClient;",
			"Lcom/hyphenate/chat/adapter/EMAChatClient;", "Ljava/lang/Object;", "V", "onCreate")},
		axmltest.File{Name: "classes2.dex", Data: dextest.Dex("Lcom/xiaomi/mipush/sdk/MiPushClient;", "Landroidx/core/app/NotificationCompat;")},
	)
}

// IMAppIPA is the iOS app: HyphenateChat.framework (the IM SDK, without a
// privacy manifest) and FirebaseMessaging.framework (FCM, on Apple's list
// of commonly used SDKs, with one), and an app privacy manifest that
// declares device ID but not the diagnostic data the IM SDK collects.
func IMAppIPA() []byte {
	collected := func(t string) map[string]any {
		return map[string]any{"NSPrivacyCollectedDataType": t, "NSPrivacyCollectedDataTypeLinked": false,
			"NSPrivacyCollectedDataTypeTracking": false, "NSPrivacyCollectedDataTypePurposes": []any{"NSPrivacyCollectedDataTypePurposeAppFunctionality"}}
	}
	app := iostest.Bundle{Name: "Chat", Info: map[string]any{"CFBundleIdentifier": "com.example.chat", "CFBundleShortVersionString": "3.1.0",
		"MinimumOSVersion": "13.0", "NSCameraUsageDescription": "Take photos to send in chats",
		"NSMicrophoneUsageDescription": "Record voice messages", "NSLocationWhenInUseUsageDescription": "Send your location in a chat"},
		PrivacyManifest: map[string]any{"NSPrivacyTracking": false, "NSPrivacyCollectedDataTypes": []any{collected("NSPrivacyCollectedDataTypeDeviceID")}},
		Frameworks:      map[string]map[string]any{"FirebaseMessaging": {"NSPrivacyTracking": false}},
		// Push through APNs, as the IM SDK and FCM need (the Push
		// Notifications capability).
		Entitlements: map[string]any{"aps-environment": "production"},
	}
	return iostest.IPA(app, iostest.File{Name: "Payload/Chat.app/Frameworks/HyphenateChat.framework/HyphenateChat", Data: []byte("\xcf\xfa\xed\xfe")},
		iostest.File{Name: "Payload/Chat.app/Frameworks/HyphenateChat.framework/Info.plist", Data: iostest.XMLPlist(map[string]any{"CFBundleIdentifier": "com.easemob.HyphenateChat"})})
}
