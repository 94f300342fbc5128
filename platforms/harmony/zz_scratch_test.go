package harmony
import ("testing";"fmt";"os";"path/filepath";"encoding/json";"github.com/permaudit/permaudit/platforms/archive")
func TestScratch(t *testing.T){
 for _, dir := range []string{"module-json5","app-json5"} {
  fs,_ := filepath.Glob("/work/shared/corpus/harmony/"+dir+"/*")
  for _, f := range fs { data,_ := os.ReadFile(f); k,ok := SniffJSON(data); d, err := ParseModule(data)
   if dir=="app-json5" { a, err := ParseAppJSON(data); fmt.Println(filepath.Base(f), k, ok, a, err); continue }
   names := []string{}; for _, p := range d.Permissions { names = append(names, fmt.Sprintf("%s@%d r=%v us=%v", p.Name[15:], p.Line, p.HasPurpose, p.UsedScene!=nil)) }
   fmt.Println(filepath.Base(f), k, ok, d.Artifact.Kind, d.App, d.Modules, err, names, d.Facts) }
 }
 fs,_ := filepath.Glob("/work/shared/corpus/harmony/hap/*")
 for _, f := range fs { fh,_ := os.Open(f); st,_ := fh.Stat(); z, err := archive.Open(fh, st.Size()); if err != nil { fmt.Println(f, err); continue }
  k, ok := DetectPackage(z); var d any; if k=="app" { d, err = ParseAppPack(z) } else { d, err = ParseHAP(z) }
  b,_ := json.Marshal(d); fmt.Println(filepath.Base(f), k, ok, err, string(b)) }
}
