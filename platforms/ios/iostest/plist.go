// Package iostest writes the iOS inputs permaudit's tests need: binary and
// XML property lists, Mach-O executables with a code signature, provisioning
// profiles and .ipa archives. Everything is generated; no Apple tool or
// third-party binary is involved.
package iostest

import (
	"howett.net/plist"
)

// BinaryPlist encodes v (maps, slices, strings, bools, numbers) as a
// bplist00 document. It panics on a value plist cannot encode: fixtures
// are written by tests, and a bad one is a bug in the test.
func BinaryPlist(v any) []byte {
	b, err := plist.Marshal(v, plist.BinaryFormat)
	if err != nil {
		panic(err)
	}
	return b
}

// XMLPlist encodes v as an XML property list with tab indentation, the
// way Xcode writes one.
func XMLPlist(v any) []byte {
	b, err := plist.MarshalIndent(v, plist.XMLFormat, "\t")
	if err != nil {
		panic(err)
	}
	return b
}
