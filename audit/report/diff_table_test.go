package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/permaudit/permaudit/audit"
)

// TestDiffTerminalEscapesInputText: paths, app ids, versions, permission
// names, notes and purpose texts in a diff come from the inputs; none may
// reach the terminal with a control character that acts (ESC, BEL, CR).
func TestDiffTerminalEscapesInputText(t *testing.T) {
	const esc = "\x1b]0;owned\x07"
	side := func(path string) audit.DiffSide {
		return audit.DiffSide{App: audit.App{Version: "1.0" + esc}, Artifacts: []audit.Artifact{{Path: path, Kind: "android-manifest"}}}
	}
	tests := []struct {
		name string
		diff audit.PlatformDiff
		un   []audit.Unpaired
	}{
		{"path and version", audit.PlatformDiff{Platform: audit.Android, AppID: "com.example", Old: side("old" + esc + ".xml"), New: side("new.xml")}, nil},
		{"app id and note", audit.PlatformDiff{Platform: audit.Android, AppID: "com.ex" + esc, Old: side("a.xml"), New: side("b.xml"),
			Notes: []string{"OLD names the app id by a build setting, $(X" + esc + ")"}}, nil},
		{"permission and purpose", audit.PlatformDiff{Platform: audit.IOS, AppID: "com.example", Old: side("a.plist"), New: side("b.plist"),
			Permissions: []audit.PermissionDiff{
				{Name: "NSCameraUsageDescription" + esc, Change: audit.ChangeAdded, Category: "camera", New: &audit.PermissionState{}},
				{Name: "NSMicrophoneUsageDescription", Change: audit.ChangeChanged, Category: "microphone",
					Old: &audit.PermissionState{}, New: &audit.PermissionState{}, Fields: []audit.FieldChange{{Field: "purpose", Old: "old\r\nforged line", New: "new" + esc}}}},
			Categories: []audit.CategoryDiff{{Category: "camera", Change: "gained", Permissions: []string{"NSCameraUsageDescription" + esc}}}}, nil},
		{"unpaired", audit.PlatformDiff{Platform: audit.Android, AppID: "com.example", Old: side("a.xml"), New: side("b.xml")},
			[]audit.Unpaired{{Side: "new", Platform: audit.IOS, Artifacts: []audit.Artifact{{Path: "Info" + esc + ".plist", Kind: "info-plist"}}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &audit.DiffReport{Tool: audit.Tool{Name: "permaudit", Version: "test"}, FailOnAdded: audit.GateNever,
				Comparisons: []audit.PlatformDiff{tc.diff}, Unpaired: tc.un}
			f, err := LookupDiff("table")
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := f.Writer.WriteDiff(&b, r); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if strings.ContainsAny(out, "\x1b\x07\r") {
				t.Errorf("a control character from the input reached the terminal:\n%q", out)
			}
			if !strings.Contains(out, `\x1b]0;owned\x07`) {
				t.Errorf("the escaped text is not shown:\n%s", out)
			}
		})
	}
}
