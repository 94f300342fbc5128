package policyfile

import (
	"fmt"
	"strings"

	"github.com/permaudit/permaudit/audit"
)

// StarterConfig is the commented .permaudit.yaml `permaudit init` writes:
// every key with its default, the waiver shape as an example.
func StarterConfig() string {
	return fmt.Sprintf(starterConfig, audit.DefaultPolicyID, strings.Join(audit.BuiltinPolicyIDs(), ", "))
}

const starterConfig = `# .permaudit.yaml — permaudit's settings for this project, shared by every run
# (laptop, CI, pre-commit). permaudit finds it from the working directory upward,
# or reads the file --config names. A flag on the command line overrides a setting.
# Relative paths below are relative to this file.

# Policies to audit against: built-in ids or .yaml/.json policy files.
# Built-in: %[2]s.
policies: [%[1]s]

# The severity that fails the gate: error, warning, note or never.
failOn: error

# Exit code for a failed gate (1 unless set; 2, 3, 4 and 5 mean other things).
# exitCode: 1

# Files and directories to skip when a directory is searched (globs).
excludes: []
#  - "samples/**"

# Reports to write, as -o takes them: FORMAT or FORMAT=PATH.
outputs: [table]
#  - sarif=permaudit.sarif
#  - junit=permaudit.junit.xml

# An earlier JSON report (permaudit audit --write-baseline FILE): findings in it
# are still shown but only new ones count for the gate.
# baseline: permaudit-baseline.json

# Findings the privacy review accepted. A waived finding is still shown, marked
# with its reason, and does not count for the gate. Every pattern given must
# match (globs: * and ? within a path segment, ** across them); a waiver needs
# a rule or a permission, and a reason. After its expiry date it stops applying
# and the report says so; one that matches nothing is reported too.
waivers: []
#  - rule: beyond-policy                          # a rule id
#    permission: android.permission.READ_CONTACTS # a permission name (glob)
#    app: com.example.*                           # the app id (glob)
#    path: "app/**"                               # the artifact path (glob)
#    reason: contact sync, approved by the privacy review of 2025-03
#    expires: 2026-12-31                          # last day it applies (UTC)
`
