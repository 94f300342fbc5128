package audit

import (
	"errors"
	"fmt"
	"os"
	"testing"
)

func TestInputError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{errors.New("not a manifest"), "app.apk: not a manifest"},
		{fmt.Errorf("wrapped: %w", &ParseError{Entry: "Payload/A.app/Info.plist", Line: 7, Err: errors.New("bad plist")}),
			"app.apk!Payload/A.app/Info.plist:7: bad plist"},
		{&os.PathError{Op: "open", Path: "app.apk", Err: os.ErrNotExist}, "app.apk: file does not exist"},
	}
	for _, tt := range tests {
		if got := NewInputError("app.apk", tt.err).String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
