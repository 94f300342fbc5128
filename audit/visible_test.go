package audit

import "testing"

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"android.permission.CAMERA", "android.permission.CAMERA"},
		{"日本語 ✓ \uFFFD", "日本語 ✓ \uFFFD"},
		{"\x1b[2J\x1b[HGate: passed.", `\x1b[2J\x1b[HGate: passed.`},
		{"bell\a", `bell\x07`},
		{"two\nlines\r", `two\x0alines\x0d`},
		{"tab\there", `tab\x09here`},
		{"del\x7f", `del\x7f`},
		{"c1\u009b31m", `c1\u009b31m`},
		{"rtl\u202eexe.txt", `rtl\u202eexe.txt`},
		{"bad\xffutf8", `bad\xffutf8`},
	}
	for _, tt := range tests {
		if got := Visible(tt.in); got != tt.want {
			t.Errorf("Visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
