package cli

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/report"
	"github.com/permaudit/permaudit/platforms"
)

// sdkListOptions are the sdk-list command's flags.
type sdkListOptions struct {
	Format string
	searchFlags
}

func newSDKListCmd(e env) *cobra.Command {
	opts := sdkListOptions{}
	formats := make([]string, len(report.SDKListFormats))
	var help strings.Builder
	for i, f := range report.SDKListFormats {
		formats[i] = f.Name
		fmt.Fprintf(&help, "  %-16s %s\n", f.Name, f.Description)
	}
	cmd := &cobra.Command{
		Use:   "sdk-list APP...",
		Short: "List the third-party SDKs an app embeds, with the permissions each brought",
		Long: `sdk-list reads each APP — a package, a directory searched for them, or - for a manifest on
standard input (a package must be named) — and lists the third-party SDKs found in it: name, vendor,
purpose, the declared permissions in the SDK's documented permission set, the data its privacy
statement says it collects, and the link to that statement. This is the third-party SDK list app
stores and regulators (for example China's MIIT rules) ask an app to publish. An input that could not
be read is named in the list (table, Markdown, JSON "errors") and on stderr, and the exit code is 3.

SDKs are recognised from data (policydata/sdks): manifest components and meta-data keys, class
packages in classes*.dex string tables, iOS frameworks and bundles, HarmonyOS modules. "not recorded"
marks what the catalog does not hold; it never means "none".

--format play-data-safety drafts Google Play's Data safety answers for ONE Android app, as the CSV
Play Console imports (App content > Data safety > Import from CSV): the data types the detected SDKs'
statements name (policydata/privacy/play-data-types.json maps their data items to Play's types and
purposes), each collected by the SDK's vendor for the app; shared only where the statement says
so; not ephemeral; required unless the statement says collection is optional (then left blank). The
file has every row of the Console's export, general questions included, but leaves blank what a
package cannot show (encryption in transit, account creation and deletion, data deletion, Families
Policy, security review, UPI badge, accounts created outside the app); stderr lists those questions
and what could not be mapped. It is a draft of the SDKs' part, not of the app's own code: review
it in the Console before publishing.

Exit codes: 0 listed, 2 usage error (also: play-data-safety given no Android artifact, or more than one),
3 an input could not be read (the others are still listed).

Output formats (--format):
` + help.String(),
		Example: `  permaudit sdk-list app-release.apk
  permaudit sdk-list --format markdown app.ipa > third-party-sdks.md
  permaudit sdk-list --format play-data-safety app-release.apk > data-safety.csv`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("sdk-list needs at least one APP")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error { return runSDKList(e, opts, args) },
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "table", "output format: "+strings.Join(formats, ", "))
	opts.searchFlags.register(f)
	return cmd
}

func runSDKList(e env, opts sdkListOptions, args []string) error {
	format, err := report.LookupSDKList(opts.Format)
	if err != nil {
		return usageError{err}
	}
	if err := opts.searchFlags.check(); err != nil {
		return err
	}
	cs, err := audit.BuiltinCatalogs()
	if err != nil {
		return fmt.Errorf("built-in catalogs: %w", err)
	}
	res := &audit.Result{}
	// "-" reads a manifest from stdin, as audit does (platforms/stdin.go).
	scan := platforms.ScanOptions{WalkOptions: opts.walk(), Stdin: e.stdin}
	for in := range platforms.Scan(args, scan) {
		if in.Err != nil {
			res.Errors = append(res.Errors, audit.NewInputError(in.Path, in.Err))
			continue
		}
		res.Artifacts = append(res.Artifacts, audit.Evaluate(in.Declaration, nil, cs))
	}
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].Path < res.Errors[j].Path })
	for _, ie := range res.Errors {
		fmt.Fprintf(e.stderr, "permaudit: %s\n", audit.Visible(ie.String()))
	}
	o := report.Options{Width: tableWidth(e, stdoutTerminal(e.stdout))}
	if err := format.Write(e.stdout, e.stderr, audit.NewSDKListing(res.Artifacts, res.Errors, cs), o); err != nil {
		var one *audit.OneAppError
		if errors.As(err, &one) {
			if len(res.Errors) > 0 { // an unread input may be the app: 3 wins
				fmt.Fprintf(e.stderr, "permaudit: %s\n", audit.Visible(err.Error()))
				return exitCode(ExitInputError)
			}
			return usageError{err}
		}
		return err
	}
	if len(res.Errors) > 0 {
		return exitCode(ExitInputError)
	}
	return nil
}
