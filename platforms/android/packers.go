package android

import (
	"fmt"
	"path"
	"strings"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/platforms/archive"
)

// RulePacked: a packer (protector) encrypted the app's code, so the dex
// permaudit reads is the packer's loader (documented in audit/rules_inputs.go).
const RulePacked = "package-packed"

// factApplicationClass is the fact holding <application android:name>.
const factApplicationClass = "application.name"

// packer is a well-known Android protector as it shows in a package: the
// Application class its stub replaces the app's with, and the native
// loaders or encrypted payloads it adds. Names are from APKiD's public
// rules (github.com/rednaga/APKiD, apkid/rules/apk/packers.yara) and the
// stub class names unpacking write-ups and tools publish.
type packer struct {
	name       string
	appClasses []string
	// stubs are path.Match patterns for an entry's base name, each the
	// packer's own: one is enough.
	stubs []string
	// weakStubs are names any app might use for a library of its own
	// (libshell.so): they count only beside the stub Application class.
	weakStubs []string
}

var packers = []packer{
	{name: "360 Jiagu (Qihoo 360)", appClasses: []string{"com.stub.StubApp"},
		stubs: []string{"libjiagu*.so"}, weakStubs: []string{"libprotectClass.so"}},
	{name: "Tencent Legu", appClasses: []string{"com.tencent.StubShell.TxAppEntry"},
		stubs: []string{"libshellx-*.so"}, weakStubs: []string{"libshell.so"}},
	{name: "Bangcle (SecNeo)", appClasses: []string{"com.secneo.apkwrapper.ApplicationWrapper"},
		stubs: []string{"libsecexe.so", "libDexHelper.so", "libDexHelper-x86.so"}, weakStubs: []string{"libsecmain.so"}},
	{name: "Baidu app protection", appClasses: []string{"com.baidu.protect.StubApplication"},
		stubs: []string{"libbaiduprotect*.so", "baiduprotect*.jar"}},
	{name: "iJiami", appClasses: []string{"s.h.e.l.l.S"}, stubs: []string{"ijiami.dat", "ijiami.ajm"}},
	{name: "Alibaba mobile security", stubs: []string{"libmobisec.so"}},
}

// maxPackerEvidence caps the entries a note names.
const maxPackerEvidence = 3

// detectPacker looks for a packer's stub class and files. When one is
// there, the dex read is the packer's loader, not the app: SDK signals
// from it prove presence but no absence, so the code counts as not
// scanned and an SDK-bound policy applies as for a lone manifest.
func detectPacker(z *archive.Zip, d *audit.Declaration) {
	app := ""
	for _, f := range d.Facts {
		if f.Key == factApplicationClass {
			app = f.Value
		}
	}
	for _, p := range packers {
		evidence := p.evidence(app, z)
		if len(evidence) == 0 {
			continue
		}
		d.CodeScanned = false
		d.Facts = append(d.Facts, audit.Fact{Key: audit.FactPacker, Value: p.name, Entry: z.Prefix})
		d.Notes = append(d.Notes, audit.Note{RuleID: RulePacked, Severity: audit.SeverityNote, Entry: z.Prefix,
			Message: fmt.Sprintf("protected by %s (%s): its classes*.dex is the packer's loader and the app's own code is encrypted, "+
				"so SDKs are recognised from the manifest alone and a policy bound to an SDK is evaluated, as for a lone manifest",
				p.name, strings.Join(evidence, ", "))})
		return
	}
}

func (p packer) evidence(app string, z *archive.Zip) []string {
	var out []string
	byClass := false
	for _, c := range p.appClasses {
		if app == c {
			byClass = true
			out = append(out, "application class "+c)
		}
	}
	files := 0
	for _, f := range z.Files() {
		base := path.Base(f.Name)
		if !matchAny(p.stubs, base) && !(byClass && matchAny(p.weakStubs, base)) {
			continue
		}
		if files++; files > maxPackerEvidence {
			continue
		}
		out = append(out, f.Name)
	}
	if files > maxPackerEvidence {
		out = append(out, fmt.Sprintf("and %d more", files-maxPackerEvidence))
	}
	return out
}

func matchAny(patterns []string, base string) bool {
	for _, s := range patterns {
		if ok, _ := path.Match(s, base); ok {
			return true
		}
	}
	return false
}

// packed reports whether a parser noted a packer in d.
func packed(d audit.Declaration) bool {
	for _, n := range d.Notes {
		if n.RuleID == RulePacked {
			return true
		}
	}
	return false
}
