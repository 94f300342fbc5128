package cli

import (
	"fmt"
	"io"
	"os"
	"reflect"

	"github.com/spf13/cobra"

	"github.com/permaudit/permaudit/audit"
	"github.com/permaudit/permaudit/audit/report"
)

func newMergeCmd(e env) *cobra.Command {
	opts := auditOptions{}
	cmd := &cobra.Command{
		Use:   "merge FILE...",
		Short: "Turn jsonl lines from one or many audits back into a report and a gate verdict",
		Long: `merge reads the lines 'permaudit audit --format jsonl' writes — from any number of files
or processes, concatenated in any order, - for stdin — and writes the reports and exits as one
audit of all those inputs would: artifacts in path order, the same --format and -o, the same
exit codes.

Every line must come from the same permaudit version and the same policies (checked by digest).
merge loads those policies again: built-in ones by id; a policy file with --policy or the config,
as the audit did. A path in several lines counts once when the lines agree, and is an unread
input when they differ.

merge runs the filter step itself: the suppressions the workers recorded are replaced by the
waivers of the config merge finds (or --config), --baseline and --fail-on, so a waiver's fate
(applied, unused, expired) is judged over the whole fleet, against merge's clock.

A stream that is not permaudit jsonl is exit 2: no report is written.`,
		Example: `  permaudit merge audit.jsonl
  cat shard-*.jsonl | permaudit merge -o sarif=fleet.sarif -o html=fleet.html --fail-on warning -`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("merge needs at least one FILE (- for stdin)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.set = cmd.Flags().Changed
			return runMerge(e, opts, args)
		},
	}
	reportFlags(cmd.Flags(), &opts)
	return cmd
}

func runMerge(e env, opts auditOptions, files []string) error {
	stream := report.NewStream()
	for _, name := range files {
		if err := readStream(e, stream, name); err != nil {
			return configError{err}
		}
	}
	stream.Finish()
	var ids []string
	for _, p := range stream.Policies {
		ids = append(ids, p.ID)
	}
	p, err := prepare(e, opts, ids)
	if err != nil {
		return err
	}
	tool := audit.Tool{Name: "permaudit", Version: Version}
	if stream.Lines > 0 {
		tool = stream.Tool
		if loaded := report.LinePolicies(p.policies); !reflect.DeepEqual(loaded, stream.Policies) {
			return configError{fmt.Errorf("the lines were audited against %s, but merge loaded %s: give merge the same --policy files as the audit",
				report.PolicyNames(stream.Policies), report.PolicyNames(loaded))}
		}
	}
	run := p.run(e, opts)
	res := &audit.Result{Tool: tool, Policies: p.policies, Artifacts: stream.Artifacts, Errors: stream.Errors, Time: run.Time}
	if err := run.Filter.Apply(res); err != nil {
		return configError{err}
	}
	return finish(e, res, p.s, nil)
}

func readStream(e env, s *report.Stream, name string) error {
	var r io.Reader = e.stdin
	if name == "-" {
		return s.Read("stdin", r)
	}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return s.Read(name, f)
}
