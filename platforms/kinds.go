package platforms

// IsPackage reports whether kind names a package a build produces (APK,
// AAB, IPA, HAP, …: a zip) rather than a single manifest file.
func IsPackage(kind string) bool {
	for i := range Formats {
		if Formats[i].Kind == kind {
			return Formats[i].sniffZip != nil
		}
	}
	return false
}
