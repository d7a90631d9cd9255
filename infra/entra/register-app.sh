#!/usr/bin/env bash
# Creates or updates the MediaVault app registration in the Instituut's Entra ID tenant from
# app-registration.json (app roles, redirect URIs, exposed scope, ID tokens, multi-tenant sign-in).
# Idempotent: run it again after changing the manifest or the host name; it never creates a second app and
# never adds a client secret (the vault signs users in with ID tokens and needs no credential of its own).
#
# Usage: infra/entra/register-app.sh --host vault.example.nl [--host <another host>] [--display-name MediaVault]
#        Each --host gets the redirect URIs https://<host>/signin-oidc and /signout-callback-oidc (for example the
#        custom domain and, while DNS is not ready, the Container Apps host name). The first is the primary host.
# Needs: az (logged in with `az login` as a user who may register applications, e.g. Application Developer
#        or Application Administrator, in the Instituut's tenant) and jq.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MANIFEST="$HERE/app-registration.json"
GRAPH="https://graph.microsoft.com/v1.0"
HOSTS=()
DISPLAY_NAME=""

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 64; }
log() { printf '[register-app] %s\n' "$*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --host) HOSTS+=("${2:?--host needs a value}"); shift 2 ;;
    --display-name) DISPLAY_NAME="${2:?--display-name needs a value}"; shift 2 ;;
    -h|--help) usage ;;
    *) log "Unknown argument: $1"; usage ;;
  esac
done

[[ ${#HOSTS[@]} -gt 0 ]] || { log "--host is required (the vault's public host name, without https://)"; usage; }
for host in "${HOSTS[@]}"; do
  if [[ ! "$host" =~ ^[A-Za-z0-9.-]+$ ]]; then
    log "--host must be a bare host name such as vault.example.nl (got '$host')"
    exit 64
  fi
done
HOST="${HOSTS[0]}"
for tool in az jq; do
  command -v "$tool" >/dev/null || { log "$tool is required"; exit 69; }
done
DISPLAY_NAME="${DISPLAY_NAME:-$(jq -r '.displayName' "$MANIFEST")}"

TENANT_ID="$(az account show --query tenantId -o tsv)"
log "Tenant: $TENANT_ID; application: '$DISPLAY_NAME'; hosts: ${HOSTS[*]}"

# 1. Find the application by display name, or create it. More than one match is an error, never a guess.
matches="$(az ad app list --filter "displayName eq '${DISPLAY_NAME//\'/\'\'}'" --query '[].{appId:appId,id:id}' -o json)"
count="$(jq 'length' <<<"$matches")"
if [[ "$count" -gt 1 ]]; then
  log "More than one application is called '$DISPLAY_NAME'; rename or remove the extra ones first:"
  jq -r '.[] | "  appId \(.appId)  objectId \(.id)"' <<<"$matches" >&2
  exit 1
elif [[ "$count" -eq 1 ]]; then
  APP_ID="$(jq -r '.[0].appId' <<<"$matches")"
  OBJECT_ID="$(jq -r '.[0].id' <<<"$matches")"
  log "Updating existing application $APP_ID"
else
  log "Creating application '$DISPLAY_NAME'"
  created="$(az ad app create --display-name "$DISPLAY_NAME" --sign-in-audience AzureADMultipleOrgs --query '{appId:appId,id:id}' -o json)"
  APP_ID="$(jq -r '.appId' <<<"$created")"
  OBJECT_ID="$(jq -r '.id' <<<"$created")"
fi

BODY="$(mktemp)"
trap 'rm -f "$BODY"' EXIT

# 2. App roles and scopes that exist in Entra but are no longer in the manifest must be disabled before
#    Graph lets them be removed. Disable them first (keeping everything else as it is).
current="$(az rest --method GET --uri "$GRAPH/applications/$OBJECT_ID?\$select=appRoles,api" -o json)"
stale="$(jq --slurpfile m "$MANIFEST" '
  ($m[0].appRoles | map(.id)) as $roleIds
  | ($m[0].api.oauth2PermissionScopes | map(.id)) as $scopeIds
  | {
      roles: [ .appRoles[] | select((.id as $id | $roleIds | index($id)) | not) | select(.isEnabled) ],
      scopes: [ (.api.oauth2PermissionScopes // [])[] | select((.id as $id | $scopeIds | index($id)) | not) | select(.isEnabled) ]
    }' <<<"$current")"
if [[ "$(jq '(.roles | length) + (.scopes | length)' <<<"$stale")" -gt 0 ]]; then
  log "Disabling app roles/scopes that left the manifest: $(jq -r '[.roles[].value, .scopes[].value] | join(", ")' <<<"$stale")"
  jq '{
        appRoles: [ .appRoles[] | .isEnabled = (if (.id as $id | $stale[0].roles | map(.id) | index($id)) then false else .isEnabled end) ],
        api: { oauth2PermissionScopes: [ (.api.oauth2PermissionScopes // [])[] | .isEnabled = (if (.id as $id | $stale[0].scopes | map(.id) | index($id)) then false else .isEnabled end) ] }
      }' --slurpfile stale <(printf '%s' "$stale") <<<"$current" >"$BODY"
  az rest --method PATCH --uri "$GRAPH/applications/$OBJECT_ID" --headers Content-Type=application/json --body "@$BODY" >/dev/null
fi

# 3. Apply the manifest: placeholders become this app's client id and the vault's host names.
sed -e "s/__CLIENT_ID__/$APP_ID/g" -e "s/__VAULT_HOST__/$HOST/g" "$MANIFEST" \
  | jq --arg name "$DISPLAY_NAME" --args '
      .displayName = $name
      | .web.redirectUris = [ $ARGS.positional[] as $h | .web.redirectUris[] | sub("https://[^/]+/"; "https://\($h)/") ] ' \
      "${HOSTS[@]}" >"$BODY"
az rest --method PATCH --uri "$GRAPH/applications/$OBJECT_ID" --headers Content-Type=application/json --body "@$BODY" >/dev/null
log "Manifest applied (8 app roles, scope Vault.Access, redirect URIs: $(jq -r '.web.redirectUris | join(" ")' "$BODY"))"

# 4. The service principal in the Instituut's tenant. Only users (or groups) that were given an app role
#    may sign in: appRoleAssignmentRequired is the vault's default deny at the identity provider.
if ! az ad sp show --id "$APP_ID" >/dev/null 2>&1; then
  log "Creating the service principal (enterprise application) in tenant $TENANT_ID"
  az ad sp create --id "$APP_ID" >/dev/null
fi
SP_ID="$(az ad sp show --id "$APP_ID" --query id -o tsv)"
az rest --method PATCH --uri "$GRAPH/servicePrincipals/$SP_ID" --headers Content-Type=application/json \
  --body '{"appRoleAssignmentRequired": true}' >/dev/null

cat <<EOF

MediaVault is registered.
  Application (client) id : $APP_ID
  Instituut tenant id     : $TENANT_ID
  Redirect URI            : https://$HOST/signin-oidc

Next steps (docs/deploy.md, "Entra ID"):
  1. Put the client id in infra/azuredeploy.parameters.json (entraClientId) and the tenant id in allowedTenantIds.
  2. Assign app roles to users or groups: Enterprise applications > $DISPLAY_NAME > Users and groups.
  3. Each partner school (board) with its own tenant: its Global/Privileged Role Administrator opens
       https://login.microsoftonline.com/organizations/adminconsent?client_id=$APP_ID&redirect_uri=https://$HOST/signin-oidc
     signs in with an account of that school's tenant and grants consent; then the school sets
     "Assignment required" on its enterprise application and assigns the app roles to its own staff.
     Add that school's tenant id to allowedTenantIds and redeploy.
EOF
