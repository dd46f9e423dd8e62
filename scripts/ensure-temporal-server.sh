#!/usr/bin/env bash
# Prints the directory holding a Temporal server build: `server` (go.temporal.io/server/cmd/server),
# `sql` (its schema tool, cmd/tools/sql), and the module's own PostgreSQL schema files and sample
# config copied next to them (so a later `go clean -modcache` does not break the cache).
# Builds it from Go modules once per machine into ~/.cache/jira-drift; a lock makes a second caller
# wait for a build in progress instead of starting another.
set -euo pipefail

VERSION="${TEMPORAL_SERVER_VERSION:-v1.32.2}"
# The module's go.mod asks for a newer Go than the machine has; the proxy serves this toolchain.
export GOTOOLCHAIN="${GOTOOLCHAIN_FOR_TEMPORAL_SERVER:-go1.27.3}"
ROOT="${JIRA_DRIFT_CACHE:-$HOME/.cache/jira-drift}/bin"
DIR="$ROOT/temporal-server-$VERSION"

ready() { [[ -x "$DIR/server" && -x "$DIR/sql" && -f "$DIR/config/development-postgres12.yaml" && -d "$DIR/schema/postgresql/v12/temporal/versioned" ]]; }

if ready; then echo "$DIR"; exit 0; fi
if ! command -v go >/dev/null 2>&1; then
  echo "ensure-temporal-server: no Go toolchain to build the Temporal server with" >&2
  exit 1
fi

mkdir -p "$ROOT"
exec 9>"$ROOT/.temporal-server-$VERSION.lock"
flock 9
if ready; then echo "$DIR"; exit 0; fi

tmp="$DIR.partial"
rm -rf "$tmp" && mkdir -p "$tmp"
echo "ensure-temporal-server: building go.temporal.io/server $VERSION with $GOTOOLCHAIN (several minutes, once per machine)..." >&2
start=$(date +%s)
GOBIN="$tmp" GOFLAGS=-mod=mod go install "go.temporal.io/server/cmd/server@$VERSION" >&2
built_server=$(date +%s)
GOBIN="$tmp" GOFLAGS=-mod=mod go install "go.temporal.io/server/cmd/tools/sql@$VERSION" >&2
end=$(date +%s)

src="$(go env GOMODCACHE)/go.temporal.io/server@$VERSION"
mkdir -p "$tmp/config" "$tmp/schema/postgresql"
cp "$src/config/development-postgres12.yaml" "$tmp/config/"
cp -r "$src/schema/postgresql/v12" "$tmp/schema/postgresql/"
chmod -R u+w "$tmp"
printf 'version=%s\ngo=%s\nserver_build_s=%s\nsql_build_s=%s\nbuilt_at=%s\n' \
  "$VERSION" "$GOTOOLCHAIN" "$((built_server - start))" "$((end - built_server))" "$(date -u +%FT%TZ)" >"$tmp/BUILD-INFO"
rm -rf "$DIR" && mv "$tmp" "$DIR"
echo "ensure-temporal-server: built server in $((built_server - start))s, sql tool in $((end - built_server))s" >&2
echo "$DIR"
