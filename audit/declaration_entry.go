package audit

// SetEntry records that everything d declares comes from one place: an
// archive member (AndroidManifest.xml in an APK, module.json in a HAP) or
// a file of a source project. Parsers of one file leave Entry empty; the
// caller that knows where the file sits sets it once here.
func (d *Declaration) SetEntry(entry string) {
	for i := range d.Permissions {
		d.Permissions[i].Entry = entry
	}
	for i := range d.Facts {
		d.Facts[i].Entry = entry
	}
	for i := range d.Notes {
		d.Notes[i].Entry = entry
	}
	for i := range d.Signals {
		d.Signals[i].Entry = entry
	}
}
