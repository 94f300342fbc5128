package ios

import (
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// readSDKSignals records, from the central directory alone, the names SDK
// detection needs: every Frameworks/<Name>.framework of the app (kept in
// p.frameworks, which readPrivacyManifests credits with their manifests)
// and every <Name>.bundle.
func (p *ipaParser) readSDKSignals() {
	prefix := p.appDir + "/"
	frameworks := prefix + "Frameworks/"
	p.frameworks = map[string]bool{}
	for _, f := range p.z.Files() {
		rest, ok := strings.CutPrefix(f.Name, prefix)
		if !ok {
			continue
		}
		if fw, ok := strings.CutPrefix(f.Name, frameworks); ok {
			dir, _, _ := strings.Cut(fw, "/")
			if name, ok := strings.CutSuffix(dir, ".framework"); ok && name != "" {
				p.frameworks[name] = true
				p.d.AddSignal(audit.SignalIOSFramework, name, p.z.EntryName(f))
			}
		}
		for _, part := range strings.Split(rest, "/") {
			if name, ok := strings.CutSuffix(part, ".bundle"); ok && name != "" {
				p.d.AddSignal(audit.SignalIOSBundle, name, p.z.EntryName(f))
				break
			}
		}
	}
}

// dedupeSignals keeps one signal per kind and value, sorted.
func dedupeSignals(d *audit.Declaration) {
	d.SortSignals()
	out := d.Signals[:0]
	for i, s := range d.Signals {
		if i > 0 && s.Kind == d.Signals[i-1].Kind && s.Value == d.Signals[i-1].Value {
			continue
		}
		out = append(out, s)
	}
	d.Signals = out
}
