#!/usr/bin/env bash
# Deploys MediaVault to one Azure resource group, in the order the vault needs (docs/deploy.md explains each
# step and what to do when one fails):
#   1. infrastructure (infra/azuredeploy.json, apps left out)     5. apps on the new image (deployApps=true)
#   2. container image, built in the registry (az acr build)     6. database users for the apps' identities
#   3. master key in Key Vault, created once, never replaced      7. wait until the API reports ready
#   4. database migration: the idempotent SQL Server script, applied here as a deployment step. The vault
#      never migrates itself at start-up in production (Vault__Database__MigrateOnStart=false).
# Every step is idempotent: after a failure, fix the cause and run the script again.
#
# Usage:
#   infra/deploy.sh --resource-group rg-mediavault --parameters infra/azuredeploy.parameters.json \
#                   [--location westeurope] [--image-tag TAG] [--sql-temporary-public-access] \
#                   [--lock-audit-immutability]
#
#   --sql-temporary-public-access  For a runner outside the VNet: opens the SQL server to this machine's
#                                  public IP for steps 4 and 6 only, and closes it again on exit.
#   --lock-audit-immutability      Locks the WORM policy of the audit-checkpoints container. IRREVERSIBLE:
#                                  a locked policy can be extended but never shortened or removed.
#
# Needs: az (logged in; Owner or User Access Administrator + Contributor on the resource group, because the
#        template creates role assignments), jq, openssl, curl, the .NET SDK (dotnet ef from
#        dotnet-tools.json), and go-sqlcmd. The identity running it must be in the SQL admin Entra group.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEMPLATE="$REPO_ROOT/infra/azuredeploy.json"
MASTER_KEY_TEMPLATE="$REPO_ROOT/infra/master-key.json"
GRANTS="$REPO_ROOT/infra/sql/grant-app-access.sql"
WORK="$REPO_ROOT/artifacts/deploy"

RESOURCE_GROUP=""
PARAMETERS=""
LOCATION="westeurope"
IMAGE_TAG=""
SQL_TEMPORARY_PUBLIC_ACCESS=false
LOCK_AUDIT_IMMUTABILITY=false

log() { printf '\n[deploy %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { printf '[deploy] %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 64; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --resource-group|-g) RESOURCE_GROUP="${2:?}"; shift 2 ;;
    --parameters|-p) PARAMETERS="${2:?}"; shift 2 ;;
    --location|-l) LOCATION="${2:?}"; shift 2 ;;
    --image-tag) IMAGE_TAG="${2:?}"; shift 2 ;;
    --sql-temporary-public-access) SQL_TEMPORARY_PUBLIC_ACCESS=true; shift ;;
    --lock-audit-immutability) LOCK_AUDIT_IMMUTABILITY=true; shift ;;
    -h|--help) usage ;;
    *) printf 'Unknown argument: %s\n' "$1" >&2; usage ;;
  esac
done
[[ -n "$RESOURCE_GROUP" && -n "$PARAMETERS" ]] || usage
[[ -f "$PARAMETERS" ]] || die "Parameters file not found: $PARAMETERS (copy infra/azuredeploy.parameters.example.json)"
PARAMETERS="$(cd "$(dirname "$PARAMETERS")" && pwd)/$(basename "$PARAMETERS")"
for tool in az jq openssl curl dotnet sqlcmd; do
  command -v "$tool" >/dev/null || die "$tool is required (see docs/deploy.md, 'What you need')"
done

cd "$REPO_ROOT"
mkdir -p "$WORK"
chmod 700 "$WORK"
if [[ -z "$IMAGE_TAG" ]]; then
  IMAGE_TAG="$(git rev-parse --short=12 HEAD)"
  if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
    die "The working tree has uncommitted changes; commit them or pass --image-tag explicitly."
  fi
fi

output() { jq -r --arg k "$1" '.[$k].value' "$WORK/outputs.json"; }

deploy_template() { # $1 = deployApps (true|false), $2.. extra parameters
  local apps="$1"; shift
  az deployment group create \
    --resource-group "$RESOURCE_GROUP" \
    --name "mediavault-$(date -u +%Y%m%d%H%M%S)-apps-$apps" \
    --template-file "$TEMPLATE" \
    --parameters "@$PARAMETERS" \
    --parameters deployApps="$apps" "$@" \
    --query properties.outputs -o json >"$WORK/outputs.json"
}

# --- 1. Infrastructure -------------------------------------------------------------------------------------
log "1/7 Infrastructure in resource group $RESOURCE_GROUP ($LOCATION)"
az account show --query '{subscription:name, tenant:tenantId, user:user.name}' -o table
az group create --name "$RESOURCE_GROUP" --location "$LOCATION" --tags application=MediaVault -o none
deploy_template false
REGISTRY="$(output registryName)"
LOGIN_SERVER="$(output registryLoginServer)"
KEY_VAULT="$(output keyVaultName)"
SQL_SERVER="$(output sqlServerName)"
SQL_FQDN="$(output sqlServerFqdn)"
SQL_DATABASE="$(output sqlDatabaseName)"
STORAGE_ACCOUNT="$(output storageAccountName)"
MASTER_KEY_SECRET="$(jq -r '.parameters.masterKeySecretName.value // "vault-master-key"' "$PARAMETERS")"
IMAGE="$LOGIN_SERVER/mediavault:$IMAGE_TAG"

# --- 2. Container image ------------------------------------------------------------------------------------
log "2/7 Image $IMAGE"
if az acr repository show --name "$REGISTRY" --image "mediavault:$IMAGE_TAG" -o none 2>/dev/null; then
  echo "Image already in the registry; not rebuilt."
else
  az acr build --registry "$REGISTRY" --image "mediavault:$IMAGE_TAG" --file Dockerfile . -o none
fi

# --- 3. Master key -----------------------------------------------------------------------------------------
log "3/7 Master key (Key Vault $KEY_VAULT, secret $MASTER_KEY_SECRET)"
SECRET_ID="$(az keyvault show --name "$KEY_VAULT" --resource-group "$RESOURCE_GROUP" --query id -o tsv)/secrets/$MASTER_KEY_SECRET"
# Only a definite "not found" creates a key: any other failure (permissions, throttling) stops the deployment,
# because writing a second master key would make every wrapped per-recording key unreadable.
if lookup_error="$(az resource show --ids "$SECRET_ID" -o none 2>&1)"; then
  echo "The master key exists; it is never replaced by a deployment (rotation re-wraps keys inside the vault)."
elif [[ "$lookup_error" != *NotFound* ]]; then
  die "Could not tell whether the master key exists; not creating one. $lookup_error"
else
  echo "Creating the master key (256 random bits; the value is never printed or written outside a 0600 temp file)."
  key_parameters="$(umask 077 && mktemp "$WORK/master-key.XXXXXX.json")"
  trap 'rm -f "$key_parameters"' EXIT
  # The key travels through a pipe (never a command-line argument, which other users could read in /proc).
  openssl rand -base64 32 | jq -Rn --arg kv "$KEY_VAULT" --arg name "$MASTER_KEY_SECRET" \
    '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
       contentVersion: "1.0.0.0",
       parameters: { keyVaultName: { value: $kv }, secretName: { value: $name }, masterKey: { value: input } } }' \
    >"$key_parameters"
  az deployment group create --resource-group "$RESOURCE_GROUP" --name "mediavault-master-key" \
    --template-file "$MASTER_KEY_TEMPLATE" --parameters "@$key_parameters" -o none
  rm -f "$key_parameters"
  trap - EXIT
fi

# --- SQL network access for this runner (optional) ----------------------------------------------------------
close_sql() {
  echo "Closing the SQL server to public access again."
  az sql server firewall-rule delete -g "$RESOURCE_GROUP" -s "$SQL_SERVER" -n deploy-runner -o none 2>/dev/null || true
  az sql server update -g "$RESOURCE_GROUP" -n "$SQL_SERVER" --enable-public-network false -o none
}
if [[ "$SQL_TEMPORARY_PUBLIC_ACCESS" == true ]]; then
  RUNNER_IP="$(curl -fsS https://api.ipify.org)"
  [[ "$RUNNER_IP" =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "Could not determine this runner's public IPv4 address."
  log "Opening the SQL server to $RUNNER_IP for the database steps"
  trap close_sql EXIT
  az sql server update -g "$RESOURCE_GROUP" -n "$SQL_SERVER" --enable-public-network true -o none
  az sql server firewall-rule create -g "$RESOURCE_GROUP" -s "$SQL_SERVER" -n deploy-runner \
    --start-ip-address "$RUNNER_IP" --end-ip-address "$RUNNER_IP" -o none
fi
run_sql() { # $1 = script, then sqlcmd options such as -v NAME=value
  local script="$1"; shift
  # go-sqlcmd: Entra token from the az login (DefaultAzureCredential); -b stops at the first error.
  sqlcmd -S "tcp:$SQL_FQDN,1433" -d "$SQL_DATABASE" --authentication-method ActiveDirectoryDefault -b -i "$script" "$@"
}

# --- 4. Database migration ---------------------------------------------------------------------------------
log "4/7 Database migration (idempotent script, SqlServerVaultDbContext)"
dotnet tool restore >/dev/null
dotnet ef migrations script --idempotent \
  --context SqlServerVaultDbContext \
  --project src/Vault.Api --startup-project src/Vault.Api \
  --configuration Release \
  --output "$WORK/migrate.sql"
run_sql "$WORK/migrate.sql"

# --- 5. Apps ----------------------------------------------------------------------------------------------
log "5/7 API and media worker on $IMAGE"
deploy_template true containerImage="$IMAGE"
API_APP="$(output apiAppName)"
WORKER_APP="$(output workerAppName)"
API_FQDN="$(output apiFqdn)"

# --- 6. Database users for the apps' managed identities -----------------------------------------------------
log "6/7 Database access for $API_APP and $WORKER_APP (read/write data, no DDL, append-only audit)"
run_sql "$GRANTS" \
  -v "ApiIdentityName=$API_APP" -v "ApiPrincipalId=$(output apiPrincipalId)" \
  -v "WorkerIdentityName=$WORKER_APP" -v "WorkerPrincipalId=$(output workerPrincipalId)"

if [[ "$SQL_TEMPORARY_PUBLIC_ACCESS" == true ]]; then
  close_sql
  trap - EXIT
fi

# --- Audit checkpoint immutability (optional, irreversible) -------------------------------------------------
if [[ "$LOCK_AUDIT_IMMUTABILITY" == true ]]; then
  log "Locking the WORM policy of audit-checkpoints (irreversible)"
  policy="$(az storage container immutability-policy show -g "$RESOURCE_GROUP" \
    --account-name "$STORAGE_ACCOUNT" --container-name audit-checkpoints -o json)"
  if [[ "$(jq -r '.state' <<<"$policy")" == "Locked" ]]; then
    echo "Already locked."
  else
    az storage container immutability-policy lock -g "$RESOURCE_GROUP" \
      --account-name "$STORAGE_ACCOUNT" --container-name audit-checkpoints \
      --if-match "$(jq -r '.etag' <<<"$policy")" -o none
  fi
fi

# --- 7. Ready? --------------------------------------------------------------------------------------------
log "7/7 Waiting for https://$API_FQDN/health/ready"
for attempt in $(seq 1 60); do
  if curl -fsS -o /dev/null "https://$API_FQDN/health/ready"; then
    log "MediaVault is ready: https://$API_FQDN  (image $IMAGE)"
    exit 0
  fi
  sleep 10
done
die "The API did not report ready within 10 minutes. Look at: az containerapp logs show -g $RESOURCE_GROUP -n $API_APP --type console"
