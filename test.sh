#!/usr/bin/env bash
# Runs every MediaVault test: installs what is missing (ffmpeg, Chromium, Node.js, Azurite), builds, runs all
# test projects (each starts its own Azurite on free ports, its own SQLite files and Kestrel on 127.0.0.1),
# and ends with one summary line "tests: N passed, N failed, N skipped".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/prerequisites.sh"
cd "$REPO_ROOT"

ensure_commands ffmpeg:ffmpeg ffprobe:ffmpeg chromium:chromium python3:python3
# Chromium's Dutch locale: date and time fields show dd-mm-jjjj and a 24-hour clock in the browser tests.
[ -f /usr/lib/chromium/locales/nl.pak ] || apt_install chromium-l10n
ensure_azurite
ensure_dotnet_tools

RESULTS="$REPO_ROOT/artifacts/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

log "Building"
dotnet build MediaVault.sln -c Debug -nologo -v quiet

log "Testing"
status=0
# Microsoft.Testing.Platform (global.json): one TRX report per test project, read below for the summary line.
dotnet test --solution MediaVault.sln -c Debug --no-build \
  --report-trx --results-directory "$RESULTS" "$@" || status=$?

python3 - "$RESULTS" <<'PY' || status=1
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/**/*.trx", recursive=True)
for f in files:
    root = ET.parse(f).getroot()
    # The failures again at the very end, where a shortened CI log still shows them.
    for r in root.iterfind("t:Results/t:UnitTestResult", ns):
        if r.get("outcome") not in ("Passed", "NotExecuted"):
            message = (r.findtext("t:Output/t:ErrorInfo/t:Message", "", ns) or "").strip().splitlines()
            print(f"FAILED {r.get('testName')}: {message[0][:300] if message else r.get('outcome')}")
    c = root.find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or not files or passed == 0 else 0)
PY
exit $status
