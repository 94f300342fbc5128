package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/report"
)

// completeAuditFlags lets the shell complete flag values (cobra's
// `permaudit completion bash|zsh|fish|powershell`): formats, thresholds,
// colour modes and built-in policy ids, or a policy file.
func completeAuditFlags(cmd *cobra.Command) {
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	_ = cmd.RegisterFlagCompletionFunc("format", fixed(report.Names()...))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixed(failOnValues...))
	_ = cmd.RegisterFlagCompletionFunc("color", fixed(colorModes...))
	_ = cmd.RegisterFlagCompletionFunc("output", func(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
		if strings.Contains(typed, "=") {
			return nil, cobra.ShellCompDirectiveDefault // a path after FORMAT=
		}
		var out []string
		for _, f := range report.Formats {
			out = append(out, f.Name, f.Name+"=")
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
	_ = cmd.RegisterFlagCompletionFunc("policy", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		// Built-in ids, with the shell's own file completion for a policy file.
		return audit.BuiltinPolicyIDs(), cobra.ShellCompDirectiveDefault
	})
}
