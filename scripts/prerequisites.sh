#!/usr/bin/env bash
# Installs what MediaVault needs on a Debian machine with the .NET SDK, only when it is missing:
# Debian packages (ffmpeg; chromium for the browser tests; nodejs/npm for Azurite), Azurite from the
# committed npm lock file, and the .NET local tools. Sourced by run.sh and test.sh.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '\033[1;34m[mediavault]\033[0m %s\n' "$*" >&2; }

apt_install() {
  local missing=("$@")
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      log "Missing Debian packages: ${missing[*]}. Install them (apt-get install ${missing[*]}) or run as root."; exit 1
    fi
  fi
  log "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_commands "command:package" ...
ensure_commands() {
  local packages=()
  for pair in "$@"; do
    local cmd="${pair%%:*}" pkg="${pair##*:}"
    command -v "$cmd" >/dev/null 2>&1 || packages+=("$pkg")
  done
  if [ "${#packages[@]}" -gt 0 ]; then apt_install "${packages[@]}"; fi
}

ensure_azurite() {
  ensure_commands node:nodejs npm:npm
  if [ ! -x "$REPO_ROOT/node_modules/.bin/azurite" ]; then
    log "Installing Azurite from package-lock.json"
    (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

ensure_dotnet_tools() {
  (cd "$REPO_ROOT" && dotnet tool restore >/dev/null)
}

# wait_for_port host port seconds
wait_for_port() {
  local host="$1" port="$2" seconds="$3"
  for _ in $(seq 1 $((seconds * 10))); do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}
