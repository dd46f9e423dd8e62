#!/usr/bin/env bash
# Prints the path of a `temporal` CLI binary, building it from Go modules when none is found.
# Order: $TEMPORAL_BIN, `temporal` on PATH, the per-machine cache, then `go install` into the cache.
# Only tags whose go.mod has no `replace` directive can be `go install`ed (v1.6+ cannot).
set -euo pipefail

CACHE_DIR="${JIRA_DRIFT_CACHE:-$HOME/.cache/jira-drift}/bin"
TAGS=(v1.5.1 v1.4.1 v1.3.0)

if [[ -n "${TEMPORAL_BIN:-}" && -x "${TEMPORAL_BIN}" ]]; then echo "$TEMPORAL_BIN"; exit 0; fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi
for tag in "${TAGS[@]}"; do
  if [[ -x "$CACHE_DIR/$tag/temporal" ]]; then echo "$CACHE_DIR/$tag/temporal"; exit 0; fi
done

if ! command -v go >/dev/null 2>&1; then
  echo "ensure-temporal: no temporal binary and no Go toolchain to build one (install Go >= 1.25)" >&2
  exit 1
fi

for tag in "${TAGS[@]}"; do
  echo "ensure-temporal: building temporal CLI $tag from Go modules (takes a few minutes once per machine)..." >&2
  start=$(date +%s)
  if GOBIN="$CACHE_DIR/$tag" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$tag" >&2; then
    echo "ensure-temporal: built $tag in $(( $(date +%s) - start ))s" >&2
    echo "$CACHE_DIR/$tag/temporal"
    exit 0
  fi
  echo "ensure-temporal: $tag did not build, trying the next tag" >&2
done
echo "ensure-temporal: could not build the temporal CLI from any of: ${TAGS[*]}" >&2
exit 1
