//go:build !permaudit_nogen

package main

// readsJSON: without the tag, the loaders would return the generated
// data this program is about to replace.
const readsJSON = false
