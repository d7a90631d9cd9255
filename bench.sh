#!/usr/bin/env bash
# MediaVault benchmarks: builds Release and runs every figure against its baseline measured in the same run
# (real Azurite, ffmpeg-made media, the vault on 127.0.0.1). Prints a table and writes bench/results/latest.json.
#   ./bench.sh            full run (1 GiB / 4 GiB uploads, 10k pupils, 10k destructions, 1M audit events)
#   ./bench.sh --quick    smaller sizes, about two minutes
#   ./bench.sh --only upload|consent|destruction|audit-query|audit-chain|load
#   (load: 20 uploading + 100 seeking viewers for 60 s; left out of --quick, where --only load runs its 10 s form)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/prerequisites.sh"
cd "$REPO_ROOT"

ensure_commands ffmpeg:ffmpeg ffprobe:ffmpeg
ensure_azurite

log "Building (Release)"
dotnet build bench/Vault.Bench/Vault.Bench.csproj -c Release -nologo -v quiet

log "Running"
exec dotnet bench/Vault.Bench/bin/Release/net10.0/Vault.Bench.dll "$@"
