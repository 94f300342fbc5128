//go:build permaudit_nogen

package main

// readsJSON: with the tag, the loaders read policydata's JSON.
const readsJSON = true
