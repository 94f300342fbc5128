package ios

// Values App Store Connect accepts in a privacy manifest. Sources:
// Apple, "Describing use of required reason API" and "Describing data use
// in privacy manifests" (developer.apple.com/documentation/bundleresources/
// privacy_manifest_files). Codes are case-sensitive.

// requiredReasons maps each required-reason API category to its codes.
var requiredReasons = map[string][]string{
	"NSPrivacyAccessedAPICategoryFileTimestamp":   {"DDA9.1", "C617.1", "3B52.1", "0A2A.1"},
	"NSPrivacyAccessedAPICategorySystemBootTime":  {"35F9.1", "8FFB.1", "3D61.1"},
	"NSPrivacyAccessedAPICategoryDiskSpace":       {"85F4.1", "E174.1", "7D9E.1", "B728.1"},
	"NSPrivacyAccessedAPICategoryActiveKeyboards": {"3EC4.1", "54BD.1"},
	"NSPrivacyAccessedAPICategoryUserDefaults":    {"CA92.1", "1C8F.1", "C56D.1", "AC6B.1"},
}

var collectedDataTypes = []string{
	"NSPrivacyCollectedDataTypeName",
	"NSPrivacyCollectedDataTypeEmailAddress",
	"NSPrivacyCollectedDataTypePhoneNumber",
	"NSPrivacyCollectedDataTypePhysicalAddress",
	"NSPrivacyCollectedDataTypeOtherUserContactInfo",
	"NSPrivacyCollectedDataTypeHealth",
	"NSPrivacyCollectedDataTypeFitness",
	"NSPrivacyCollectedDataTypePaymentInfo",
	"NSPrivacyCollectedDataTypeCreditInfo",
	"NSPrivacyCollectedDataTypeOtherFinancialInfo",
	"NSPrivacyCollectedDataTypePreciseLocation",
	"NSPrivacyCollectedDataTypeCoarseLocation",
	"NSPrivacyCollectedDataTypeSensitiveInfo",
	"NSPrivacyCollectedDataTypeContacts",
	"NSPrivacyCollectedDataTypeEmailsOrTextMessages",
	"NSPrivacyCollectedDataTypePhotosorVideos",
	"NSPrivacyCollectedDataTypeAudioData",
	"NSPrivacyCollectedDataTypeGameplayContent",
	"NSPrivacyCollectedDataTypeCustomerSupport",
	"NSPrivacyCollectedDataTypeOtherUserContent",
	"NSPrivacyCollectedDataTypeBrowsingHistory",
	"NSPrivacyCollectedDataTypeSearchHistory",
	"NSPrivacyCollectedDataTypeUserID",
	"NSPrivacyCollectedDataTypeDeviceID",
	"NSPrivacyCollectedDataTypePurchaseHistory",
	"NSPrivacyCollectedDataTypeProductInteraction",
	"NSPrivacyCollectedDataTypeAdvertisingData",
	"NSPrivacyCollectedDataTypeOtherUsageData",
	"NSPrivacyCollectedDataTypeCrashData",
	"NSPrivacyCollectedDataTypePerformanceData",
	"NSPrivacyCollectedDataTypeOtherDiagnosticData",
	"NSPrivacyCollectedDataTypeEnvironmentScanning",
	"NSPrivacyCollectedDataTypeHands",
	"NSPrivacyCollectedDataTypeHead",
	"NSPrivacyCollectedDataTypeOtherDataTypes",
}

var collectionPurposes = []string{
	"NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising",
	"NSPrivacyCollectedDataTypePurposeDeveloperAdvertising",
	"NSPrivacyCollectedDataTypePurposeAnalytics",
	"NSPrivacyCollectedDataTypePurposeProductPersonalization",
	"NSPrivacyCollectedDataTypePurposeAppFunctionality",
	"NSPrivacyCollectedDataTypePurposeOther",
}
