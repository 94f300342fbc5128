package harmony

// LookupIndexStrings exposes the resources.index reader to the external
// tests: the base values of names found in data.
func LookupIndexStrings(data []byte, names ...string) (map[string]string, error) {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	x, err := readResourceIndex(data, want)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, n := range names {
		if v, ok := x.lookup(n); ok {
			out[n] = v
		}
	}
	return out, nil
}
