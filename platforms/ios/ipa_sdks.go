package ios

import (
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// readSDKSignals records, from the central directory alone, the names SDK
// detection needs: every Frameworks/<Name>.framework of the app (and
// whether it carries its own PrivacyInfo.xcprivacy, which Apple requires
// of commonly used SDKs: ITMS-91061), and every <Name>.bundle.
func (p *ipaParser) readSDKSignals() {
	prefix := p.appDir + "/"
	frameworks := prefix + "Frameworks/"
	for _, f := range p.z.Files() {
		rest, ok := strings.CutPrefix(f.Name, prefix)
		if !ok {
			continue
		}
		if fw, ok := strings.CutPrefix(f.Name, frameworks); ok {
			dir, inside, _ := strings.Cut(fw, "/")
			if name, ok := strings.CutSuffix(dir, ".framework"); ok && name != "" {
				entry := p.z.EntryName(f)
				p.d.AddSignal(audit.SignalIOSFramework, name, entry)
				if inside == "PrivacyInfo.xcprivacy" {
					p.d.AddSignal(audit.SignalIOSFrameworkPrivacy, name, entry)
				}
			}
		}
		for _, part := range strings.Split(rest, "/") {
			if name, ok := strings.CutSuffix(part, ".bundle"); ok && name != "" {
				p.d.AddSignal(audit.SignalIOSBundle, name, p.z.EntryName(f))
				break
			}
		}
	}
	dedupeSignals(&p.d)
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
