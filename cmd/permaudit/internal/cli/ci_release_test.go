package cli

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoreleaserConfig: .goreleaser.yml parses, builds a static binary
// stamped with the three variables `permaudit version` prints, names its
// archives and checksums the way action.yml downloads them, and builds its
// images from Dockerfiles that copy that binary.
func TestGoreleaserConfig(t *testing.T) {
	var cfg struct {
		Version int
		Builds  []struct {
			ID, Main, Binary string
			Env, Ldflags     []string
		}
		Archives []struct {
			NameTemplate string `yaml:"name_template"`
		}
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
		}
		DockersV2 []struct {
			ID, Dockerfile string
			IDs            []string
			Images, Tags   []string
			Platforms      []string
		} `yaml:"dockers_v2"`
	}
	readYAML(t, ".goreleaser.yml", &cfg)
	if cfg.Version != 2 || len(cfg.Builds) != 1 {
		t.Fatalf("version %d, %d builds; want goreleaser v2 and one build", cfg.Version, len(cfg.Builds))
	}
	b := cfg.Builds[0]
	if !strings.Contains(strings.Join(b.Env, " "), "CGO_ENABLED=0") {
		t.Error("the build is not static: CGO_ENABLED=0 missing")
	}
	ldflags := strings.Join(b.Ldflags, " ")
	_ = []*string{&Version, &Commit, &Date} // the variables the flags set must exist
	for _, v := range []string{"Version", "Commit", "Date"} {
		if !strings.Contains(ldflags, "-X github.com/permaudit/permaudit/cmd/permaudit/internal/cli."+v+"=") {
			t.Errorf("ldflags do not stamp cli.%s: %s", v, ldflags)
		}
	}
	action, _ := os.ReadFile("action.yml")
	if cfg.Archives[0].NameTemplate != "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}" ||
		!strings.Contains(string(action), `archive="permaudit_${version}_${os}_${arch}.${ext}"`) {
		t.Errorf("archive names of .goreleaser.yml (%s) and action.yml disagree", cfg.Archives[0].NameTemplate)
	}
	if cfg.Checksum.NameTemplate != "checksums.txt" || !strings.Contains(string(action), `"$base/checksums.txt"`) {
		t.Errorf("checksum file of .goreleaser.yml (%s) and action.yml disagree", cfg.Checksum.NameTemplate)
	}
	if len(cfg.DockersV2) == 0 {
		t.Fatal("no container image (dockers_v2)")
	}
	for _, d := range cfg.DockersV2 {
		df, err := os.ReadFile(d.Dockerfile)
		if err != nil {
			t.Errorf("image %s: %v", d.ID, err)
			continue
		}
		if top := strings.SplitN(d.Dockerfile, "/", 2)[0]; top != ".ci" {
			t.Errorf("image %s: Dockerfile outside .ci/: %s", d.ID, d.Dockerfile)
		}
		if !strings.Contains(string(df), "COPY $TARGETPLATFORM/"+b.Binary+" ") || !strings.Contains(string(df), "FROM gcr.io/distroless/static") {
			t.Errorf("image %s: %s does not copy the static binary onto distroless/static", d.ID, d.Dockerfile)
		}
		if len(d.Images) == 0 || len(d.Tags) == 0 || strings.Join(d.IDs, ",") != b.ID {
			t.Errorf("image %s: images %v, tags %v, ids %v", d.ID, d.Images, d.Tags, d.IDs)
		}
	}
}

// actionStep returns the script of one step of action.yml.
func actionStep(t *testing.T, id string) string {
	var a actionFile
	readYAML(t, "action.yml", &a)
	for _, s := range a.Runs.Steps {
		if s.ID == id {
			return s.Run
		}
	}
	t.Fatalf("action.yml has no step %q", id)
	return ""
}

// TestActionInstallVerifiesChecksum runs the action's install step against
// a release laid out as goreleaser publishes it (a local file:// URL): the
// archive is installed when its SHA-256 matches checksums.txt and refused
// when it does not.
func TestActionInstallVerifiesChecksum(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "tar", "sha256sum", "awk"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	script := actionStep(t, "install")
	archive := fakeRelease(t)
	sum := sha256.Sum256(archive)
	for _, tt := range []struct {
		name     string
		checksum string
		ok       bool
		want     string
	}{
		{"matching checksum", hex.EncodeToString(sum[:]), true, "permaudit 1.2.3"},
		{"tampered archive", strings.Repeat("0", 64), false, "checksum mismatch for permaudit_1.2.3_linux_amd64.tar.gz"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			releases := t.TempDir()
			dir := filepath.Join(releases, "v1.2.3")
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "permaudit_1.2.3_linux_amd64.tar.gz"), archive, 0o644)
			os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(tt.checksum+"  permaudit_1.2.3_linux_amd64.tar.gz\n"+
				strings.Repeat("1", 64)+"  permaudit_1.2.3_darwin_arm64.tar.gz\n"), 0o644)
			runner := t.TempDir()
			ghPath := filepath.Join(runner, "path")
			cmd := exec.Command("bash", "-c", script)
			cmd.Env = append(os.Environ(), "PERMAUDIT_VERSION=", "ACTION_REF=v1.2.3", "RUNNER_OS=Linux", "RUNNER_ARCH=X64",
				"RUNNER_TEMP="+runner, "GITHUB_PATH="+ghPath, "PERMAUDIT_RELEASES_URL=file://"+releases)
			out, err := cmd.CombinedOutput()
			if (err == nil) != tt.ok || !strings.Contains(string(out), tt.want) {
				t.Fatalf("err = %v, want ok %v; output lacks %q:\n%s", err, tt.ok, tt.want, out)
			}
			added, _ := os.ReadFile(ghPath)
			if tt.ok != (strings.TrimSpace(string(added)) == filepath.Join(runner, "permaudit-1.2.3")) {
				t.Errorf("GITHUB_PATH = %q", added)
			}
		})
	}
}

// fakeRelease is a release archive whose permaudit prints a version.
func fakeRelease(t *testing.T) []byte {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	body := []byte("#!/bin/sh\necho permaudit 1.2.3\n")
	for _, f := range []struct {
		name string
		data []byte
	}{{"README.md", []byte("readme")}, {"permaudit", body}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o755, Size: int64(len(f.data))}); err != nil {
			t.Fatal(err)
		}
		tw.Write(f.data)
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

// TestActionRunStep runs the action's run step with a stand-in permaudit
// that records its arguments: inputs become those arguments (policy ids
// split, extra arguments not globbed), and the exit code is an output
// rather than the step's failure, so the SARIF upload still happens.
func TestActionRunStep(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	bin, work := t.TempDir(), t.TempDir()
	argsFile, outFile := filepath.Join(work, "args"), filepath.Join(work, "output")
	os.WriteFile(filepath.Join(bin, "permaudit"), []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > "+argsFile+"\ntouch out.sarif\nexit 1\n"), 0o755)
	os.WriteFile(filepath.Join(work, "app.apk"), nil, 0o644)
	cmd := exec.Command("bash", "-c", actionStep(t, "run"))
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"), "GITHUB_OUTPUT="+outFile,
		"PATHS=*.apk ios", "POLICY=easemob-im\nmy policy.yaml", "FAIL_ON=warning", "CONFIG=", "BASELINE=",
		"SARIF=out.sarif", "EXTRA_ARGS=--exclude samples/**")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the run step failed: %v\n%s", err, out)
	}
	args, _ := os.ReadFile(argsFile)
	want := "audit\n-o\ntable\n-o\nsarif=out.sarif\n--fail-on\nwarning\n--policy\neasemob-im\n--policy\nmy\n--policy\npolicy.yaml\n--exclude\nsamples/**\napp.apk\nios\n"
	if string(args) != want {
		t.Errorf("permaudit got\n%s\nwant\n%s", args, want)
	}
	output, _ := os.ReadFile(outFile)
	if string(output) != "exit-code=1\nsarif=out.sarif\n" {
		t.Errorf("GITHUB_OUTPUT = %q", output)
	}
}
