#!/usr/bin/env bash
# Runs MediaVault on this machine: installs what is missing (ffmpeg, Node.js, Azurite), starts Azurite on
# 127.0.0.1 with its data under .vault/azurite, and starts the vault in Development with the persona picker.
# Data (SQLite database, development master key, Azurite) persists in .vault/ between runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/prerequisites.sh"
cd "$REPO_ROOT"

VAULT_URL="${VAULT_URL:-http://127.0.0.1:5080}"
BLOB_PORT="${AZURITE_BLOB_PORT:-10000}"
QUEUE_PORT="${AZURITE_QUEUE_PORT:-10001}"
TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"

ensure_commands ffmpeg:ffmpeg ffprobe:ffmpeg
ensure_azurite

mkdir -p .vault/azurite
chmod 700 .vault
if wait_for_port 127.0.0.1 "$BLOB_PORT" 0; then
  log "Something already listens on 127.0.0.1:$BLOB_PORT; using it as Azurite."
else
  log "Starting Azurite (data in .vault/azurite)"
  node_modules/.bin/azurite --silent --skipApiVersionCheck --location .vault/azurite \
    --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" --queueHost 127.0.0.1 --queuePort "$QUEUE_PORT" \
    --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" > .vault/azurite.log 2>&1 &
  AZURITE_PID=$!
  trap 'kill "$AZURITE_PID" 2>/dev/null || true' EXIT INT TERM
  wait_for_port 127.0.0.1 "$BLOB_PORT" 30 || { log "Azurite did not start; see .vault/azurite.log"; exit 1; }
fi

AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export ASPNETCORE_ENVIRONMENT=Development
export ASPNETCORE_URLS="$VAULT_URL"
export Vault__DataDirectory="$REPO_ROOT/.vault"
export Vault__Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/devstoreaccount1;"

log "Building the vault"
dotnet build src/Vault.Api -c Release -nologo -v quiet
log "MediaVault draait op $VAULT_URL  —  aanmelden als demopersoon: $VAULT_URL/dev/aanmelden  —  API: $VAULT_URL/api/reference"
log "(Ctrl+C stopt de kluis en Azurite)"
dotnet run --project src/Vault.Api -c Release --no-build --no-launch-profile
