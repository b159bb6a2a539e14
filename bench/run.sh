#!/usr/bin/env bash
# Side-by-side benchmarks on this machine, in one run: Mandate's token endpoint vs oidc-provider, and MCP tools/call
# direct to an upstream vs through Mandate's gateway. See bench/README.md. Every knob is an environment variable:
#
#   TARGETS=all|tokens|mandate|peer|gateway   what to benchmark (default all; "both" is the old name of all):
#       tokens = Mandate vs oidc-provider; mandate or peer = one of them alone ("peer" needs no Mandate build);
#       gateway = tools/call direct vs through the gateway (bench/Mandate.BenchUpstream as the upstream)
#   CONCURRENCY=64 WARMUP=3 DURATION=10   closed-loop shape for every measured run
#   GATEWAY_WARMUP=20                     warm-up of each gateway-run target (tiered JIT of two processes settles slowly)
#   GATEWAY_RUNS="plain mandate dpop inject ledger-off outcomes-failures"   which gateway comparisons to make (default all)
#   MANDATE_MAX_CALLS=10000               max_calls of the bench mandate's tool; "none" leaves it out (no counter: the
#                                         schema check alone), to tell the counter's cost from the rest of the mandate's
#   MANDATE_TOKENS=(GATEWAY_WARMUP+DURATION)*2+1   mandate-carrying tokens (separate grants, max_calls 10000 each) the
#                                         "with a mandate" run takes in turn: enough for 20,000 calls/s without running out
#   MANDATE_CODES=50000 PEER_CODES=20000  authorization codes minted per server before the auth-code run
#   MANDATE_PORT=5100 PEER_PORT=3100 UPSTREAM_PORT=5300   (the gateway run reuses MANDATE_PORT)
#   MANDATE_PROJECT=src/Mandate           the Mandate project (CLI + serve) to build in Release
#   MANDATE_DLL=path                      skip the Release build and run this Mandate assembly
#   MANDATE_SETUP_AFTER_START=1           run the Mandate CLI set-up after `serve` is up (default: before)
#   MANDATE_LOG_LEVEL=Warning             Logging__LogLevel__Default for Mandate (no per-request logging)
#   RESULTS_DIR=bench/results/<utc time>  where logs and JSON lines go (bench/results/ is git-ignored)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
TARGETS=${TARGETS:-all}
[[ $TARGETS != both ]] || TARGETS=all
CONCURRENCY=${CONCURRENCY:-64}
WARMUP=${WARMUP:-3}
DURATION=${DURATION:-10}
GATEWAY_WARMUP=${GATEWAY_WARMUP:-20}
MANDATE_CODES=${MANDATE_CODES:-50000}
PEER_CODES=${PEER_CODES:-20000}
MANDATE_PORT=${MANDATE_PORT:-5100}
PEER_PORT=${PEER_PORT:-3100}
UPSTREAM_PORT=${UPSTREAM_PORT:-5300}
MANDATE_LOG_LEVEL=${MANDATE_LOG_LEVEL:-Warning}
MANDATE_PROJECT=${MANDATE_PROJECT:-src/Mandate}
RESOURCE=https://bench.example/api
SCOPE=read
REDIRECT_URI=http://127.0.0.1:9/cb
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)}
WORK_DIR=$(mktemp -d -t mandate-bench.XXXXXX)
HARNESS_DLL=$BENCH_DIR/Mandate.LoadHarness/bin/Release/net10.0/Mandate.LoadHarness.dll
UPSTREAM_DLL=$BENCH_DIR/Mandate.BenchUpstream/bin/Release/net10.0/Mandate.BenchUpstream.dll
GATEWAY_RESOURCE=http://127.0.0.1:$MANDATE_PORT/mcp/bench
GATEWAY_RUNS=${GATEWAY_RUNS:-plain mandate dpop inject ledger-off outcomes-failures}
MANDATE_MAX_CALLS=${MANDATE_MAX_CALLS:-10000}
MANDATE_TOKENS=${MANDATE_TOKENS:-$(( (GATEWAY_WARMUP + DURATION) * 2 + 1 ))}
LOAD_ARGS=(--concurrency "$CONCURRENCY" --warmup "$WARMUP" --duration "$DURATION" --json-out "$RESULTS_DIR/results.jsonl")
GATEWAY_LOAD_ARGS=(--concurrency "$CONCURRENCY" --warmup "$GATEWAY_WARMUP" --duration "$DURATION" --json-out "$RESULTS_DIR/results.jsonl")
# Shared by both servers' login: a throwaway local password (oidc-provider's dev login accepts any).
BENCH_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
export BENCH_PASSWORD
PEER_PID='' MANDATE_PID='' UPSTREAM_PID='' FAILED=0

log() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }
want() { # mandate|peer|gateway
  case $TARGETS in
    all) return 0 ;;
    tokens) [[ $1 != gateway ]] ;;
    *) [[ $TARGETS == "$1" ]] ;;
  esac
}
# Both token servers are measured, so the token benchmarks compare them.
want_token_comparison() { want mandate && want peer; }

stop_server() { # pid name
  [[ -n $1 ]] && kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
  echo "run.sh: $2 did not stop on SIGTERM; killing pid $1" >&2
  kill -KILL "$1" 2>/dev/null || true
}

cleanup() {
  stop_server "$MANDATE_PID" mandate
  stop_server "$PEER_PID" oidc-provider
  stop_server "$UPSTREAM_PID" bench-upstream
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT

port_is_free() { [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/" || true) == 000 ]]; }

wait_until_listening() { # pid port name log
  for _ in $(seq 300); do
    kill -0 "$1" 2>/dev/null || { tail -n 40 "$4" >&2; die "$3 exited during start-up (log: $4)"; }
    port_is_free "$2" || return 0
    sleep 0.2
  done
  die "$3 is not listening on port $2 after 60 s (log: $4)"
}

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
peak_rss_mb() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# Prints one field of the JSON object a command printed; tolerates log lines before the object.
json_field() { # field < output
  node -e '
    const text = require("fs").readFileSync(0, "utf8");
    const starts = [...text.matchAll(/^\s*\{/gm)].map((match) => match.index).reverse();
    for (const start of starts) {
      try {
        const value = JSON.parse(text.slice(start))[process.argv[1]];
        if (value !== undefined) { console.log(value); process.exit(0); }
      } catch {}
    }
    console.error(`no "${process.argv[1]}" in: ${text}`);
    process.exit(1);' "$1"
}

write_target() { # file name issuer authorize_path client_id client_secret code_client_id codes_file
  NAME=$2 ISSUER=$3 AUTHORIZE_PATH=$4 CLIENT_ID=$5 CLIENT_SECRET=$6 CODE_CLIENT_ID=$7 CODES_FILE=$8 \
  RESOURCE=$RESOURCE SCOPE=$SCOPE REDIRECT_URI=$REDIRECT_URI node -e '
    const e = process.env;
    console.log(JSON.stringify({
      name: e.NAME,
      token_endpoint: `${e.ISSUER}/token`,
      authorization_endpoint: `${e.ISSUER}${e.AUTHORIZE_PATH}`,
      client_id: e.CLIENT_ID,
      client_secret: e.CLIENT_SECRET,
      code_client_id: e.CODE_CLIENT_ID,
      resource: e.RESOURCE,
      scope: e.SCOPE,
      redirect_uri: e.REDIRECT_URI,
      codes_file: e.CODES_FILE,
    }, null, 2));' > "$1"
}

harness() { dotnet "$HARNESS_DLL" "$@"; }

# ---------------------------------------------------------------- oidc-provider (the peer)
start_peer() {
  log "oidc-provider: starting on 127.0.0.1:$PEER_PORT"
  port_is_free "$PEER_PORT" || die "port $PEER_PORT is in use (set PEER_PORT)"
  [[ -d $BENCH_DIR/peer/node_modules ]] || (cd "$BENCH_DIR/peer" && npm ci --no-audit --no-fund)
  local secret
  secret=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  (cd "$BENCH_DIR/peer" && NODE_ENV=production PORT=$PEER_PORT BENCH_CLIENT_SECRET=$secret \
    exec node oidc-server.mjs >"$RESULTS_DIR/peer.log" 2>&1) &
  PEER_PID=$!
  wait_until_listening "$PEER_PID" "$PEER_PORT" oidc-provider "$RESULTS_DIR/peer.log"
  write_target "$WORK_DIR/peer.json" oidc-provider "http://127.0.0.1:$PEER_PORT" /auth bench "$secret" benchpub "$WORK_DIR/peer-codes.txt"
}

# ---------------------------------------------------------------- Mandate
build_mandate() {
  if [[ -n ${MANDATE_DLL:-} ]]; then return; fi
  local project=$REPO_DIR/$MANDATE_PROJECT
  [[ -e $project ]] || die "$MANDATE_PROJECT does not exist yet; set TARGETS=peer to benchmark only oidc-provider"
  log "Mandate: Release build of $MANDATE_PROJECT"
  dotnet build -c Release "$project" -nologo -v q >"$RESULTS_DIR/mandate-build.log" 2>&1 \
    || { tail -n 30 "$RESULTS_DIR/mandate-build.log" >&2; die "Mandate build failed (set TARGETS=peer to benchmark only oidc-provider)"; }
  MANDATE_DLL=$(dotnet msbuild "$project" -nologo -getProperty:TargetPath -p:Configuration=Release)
  [[ -f $MANDATE_DLL ]] || die "built Mandate assembly not found at '$MANDATE_DLL' (set MANDATE_DLL)"
}

MANDATE_DATA=$WORK_DIR/mandate-data # the gateway run switches to a fresh one
mandate_cli() { dotnet "$MANDATE_DLL" "$@" --data-dir "$MANDATE_DATA"; }

set_up_mandate() {
  log "Mandate: creating resource, clients and user with the CLI"
  local confidential public
  mandate_cli resources add "$RESOURCE" --scope "$SCOPE" --json >"$RESULTS_DIR/mandate-setup.log" \
    || die "mandate resources add failed"
  confidential=$(mandate_cli clients add bench --secret --grant-type client_credentials --grant-type authorization_code \
    --grant-type refresh_token --redirect-uri "$REDIRECT_URI" --scope "$SCOPE" --json) || die "mandate clients add bench failed"
  public=$(mandate_cli clients add benchpub --public --redirect-uri "$REDIRECT_URI" --grant-type authorization_code \
    --scope "$SCOPE" --json) || die "mandate clients add benchpub failed"
  printf '%s\n' "$BENCH_PASSWORD" | mandate_cli users add bench --password-stdin >>"$RESULTS_DIR/mandate-setup.log" \
    || die "mandate users add failed"
  write_target "$WORK_DIR/mandate.json" mandate "http://127.0.0.1:$MANDATE_PORT" /authorize \
    "$(json_field client_id <<<"$confidential")" "$(json_field client_secret <<<"$confidential")" \
    "$(json_field client_id <<<"$public")" "$WORK_DIR/mandate-codes.txt"
}

start_mandate() { # log-name [NAME=value...] (extra environment)
  local log_file=$RESULTS_DIR/$1.log
  shift
  log "Mandate: starting on 127.0.0.1:$MANDATE_PORT"
  port_is_free "$MANDATE_PORT" || die "port $MANDATE_PORT is in use (set MANDATE_PORT)"
  env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default="$MANDATE_LOG_LEVEL" "$@" \
    dotnet "$MANDATE_DLL" serve --urls "http://127.0.0.1:$MANDATE_PORT" --data-dir "$MANDATE_DATA" \
    >"$log_file" 2>&1 &
  MANDATE_PID=$!
  wait_until_listening "$MANDATE_PID" "$MANDATE_PORT" Mandate "$log_file"
}

# ---------------------------------------------------------------- gateway: tools/call direct vs through Mandate
start_upstream() {
  log "bench upstream: starting on 127.0.0.1:$UPSTREAM_PORT"
  port_is_free "$UPSTREAM_PORT" || die "port $UPSTREAM_PORT is in use (set UPSTREAM_PORT)"
  dotnet "$UPSTREAM_DLL" --port "$UPSTREAM_PORT" >"$RESULTS_DIR/upstream.log" 2>&1 &
  UPSTREAM_PID=$!
  wait_until_listening "$UPSTREAM_PID" "$UPSTREAM_PORT" "bench upstream" "$RESULTS_DIR/upstream.log"
}

write_mcp_target() { # file name url [token-file [dpop-key-file]]
  NAME=$2 URL=$3 TOKEN_FILE=${4:-} DPOP_KEY_FILE=${5:-} node -e '
    const e = process.env;
    const target = { name: e.NAME, mcp_url: e.URL };
    if (e.TOKEN_FILE) target.bearer_token_file = e.TOKEN_FILE;
    if (e.DPOP_KEY_FILE) target.dpop_key_file = e.DPOP_KEY_FILE;
    console.log(JSON.stringify(target, null, 2));' > "$1"
}

# A fresh Mandate in front of the upstream: upstream "bench" (annotations trusted, so `echo` is a read tool), a
# client_credentials client limited to mcp:read, and one token for {issuer}/mcp/bench shared by all connections.
set_up_gateway() {
  MANDATE_DATA=$WORK_DIR/gateway-data
  log "Mandate: registering upstream bench and a client_credentials client (mcp:read)"
  mandate_cli upstreams add bench --url "http://127.0.0.1:$UPSTREAM_PORT/" --trust-annotations \
    --issuer "http://127.0.0.1:$MANDATE_PORT" --json >"$RESULTS_DIR/gateway-setup.log" || die "mandate upstreams add failed"
  GATEWAY_CLIENT=$(mandate_cli clients add benchgw --secret --grant-type client_credentials --scope mcp:read --json) \
    || die "mandate clients add benchgw failed"
  # Credential injection (issue 7): the same upstream again, as "bench-inject", with a person's API key from the vault
  # attached to every call; a person "bench" who signs in, consents and pastes the key; a public client for them.
  mandate_cli connectors add benchkey --api-key >>"$RESULTS_DIR/gateway-setup.log" || die "mandate connectors add failed"
  mandate_cli upstreams add bench-inject --url "http://127.0.0.1:$UPSTREAM_PORT/" --trust-annotations \
    --credential connector:benchkey --as header:X-Api-Key --issuer "http://127.0.0.1:$MANDATE_PORT" >>"$RESULTS_DIR/gateway-setup.log" \
    || die "mandate upstreams add bench-inject failed"
  PERSON_CLIENT=$(mandate_cli clients add benchperson --public --redirect-uri "$REDIRECT_URI" --grant-type authorization_code \
    --scope mcp:read --json) || die "mandate clients add benchperson failed"
  printf '%s\n' "$BENCH_PASSWORD" | mandate_cli users add bench --password-stdin >>"$RESULTS_DIR/gateway-setup.log" \
    || die "mandate users add failed"
  # The per-client and per-user rate limits (600 and 300 calls a minute by default) would turn the load into 429s.
  start_mandate gateway-mandate MANDATE_Gateway__ClientRequestsPerMinute=0 MANDATE_Gateway__UserRequestsPerMinute=0
  local token_response
  token_response=$(curl -sS --fail-with-body -u "$(json_field client_id <<<"$GATEWAY_CLIENT"):$(json_field client_secret <<<"$GATEWAY_CLIENT")" \
    --data-urlencode grant_type=client_credentials --data-urlencode "resource=$GATEWAY_RESOURCE" --data-urlencode scope=mcp:read \
    "http://127.0.0.1:$MANDATE_PORT/token") || die "no token for $GATEWAY_RESOURCE: $token_response"
  (umask 077 && json_field access_token <<<"$token_response" >"$WORK_DIR/gateway-token.txt")
  # Stateless upstream: no initialize and no Mcp-Session-Id; the gateway passes such calls straight through.
  write_mcp_target "$WORK_DIR/gateway.json" gateway "$GATEWAY_RESOURCE" "$WORK_DIR/gateway-token.txt"
  # The same call with a DPoP-bound token (RFC 9449): the harness signs a fresh ES256 proof for every request.
  (umask 077 && BENCH_CLIENT_SECRET=$(json_field client_secret <<<"$GATEWAY_CLIENT") harness dpop-token \
    --token-url "http://127.0.0.1:$MANDATE_PORT/token" --client-id "$(json_field client_id <<<"$GATEWAY_CLIENT")" \
    --resource "$GATEWAY_RESOURCE" --scope mcp:read --key-out "$WORK_DIR/dpop-key.json" --token-out "$WORK_DIR/gateway-dpop-token.txt") \
    || die "no DPoP-bound token for $GATEWAY_RESOURCE"
  write_mcp_target "$WORK_DIR/gateway-dpop.json" gateway-dpop "$GATEWAY_RESOURCE" "$WORK_DIR/gateway-dpop-token.txt" "$WORK_DIR/dpop-key.json"
  write_mcp_target "$WORK_DIR/direct.json" direct "http://127.0.0.1:$UPSTREAM_PORT/"
  # The person's tokens, one per upstream (audience-bound); for bench-inject the person also connects the API key.
  local issuer=http://127.0.0.1:$MANDATE_PORT person_id
  person_id=$(json_field client_id <<<"$PERSON_CLIENT")
  RESOURCE=$GATEWAY_RESOURCE SCOPE=mcp:read write_target "$WORK_DIR/person-plain.json" person-plain "$issuer" /authorize \
    "$(json_field client_id <<<"$GATEWAY_CLIENT")" "$(json_field client_secret <<<"$GATEWAY_CLIENT")" "$person_id" "$WORK_DIR/unused-codes.txt"
  RESOURCE=$issuer/mcp/bench-inject SCOPE=mcp:read write_target "$WORK_DIR/person-inject.json" person-inject "$issuer" /authorize \
    "$(json_field client_id <<<"$GATEWAY_CLIENT")" "$(json_field client_secret <<<"$GATEWAY_CLIENT")" "$person_id" "$WORK_DIR/unused-codes.txt"
  (umask 077 && harness person-token -t "$WORK_DIR/person-plain.json" --token-out "$WORK_DIR/person-plain-token.txt") \
    || die "no person token for $GATEWAY_RESOURCE"
  (umask 077 && BENCH_API_KEY=$(head -c 24 /dev/urandom | base64 | tr -d '/+=') harness person-token -t "$WORK_DIR/person-inject.json" \
    --token-out "$WORK_DIR/person-inject-token.txt" --api-key-connector benchkey) || die "no person token for bench-inject"
  write_mcp_target "$WORK_DIR/gateway-person.json" gateway-person "$GATEWAY_RESOURCE" "$WORK_DIR/person-plain-token.txt"
  write_mcp_target "$WORK_DIR/gateway-inject.json" gateway-inject "$issuer/mcp/bench-inject" "$WORK_DIR/person-inject-token.txt"
  if gateway_run mandate; then set_up_mandate_tokens; fi
}

# Tokens carrying a mandate for the bench tool (issue 6: gateway throughput with a mandate at least 90% of without):
# `echo` only, its arguments checked against a JSON Schema, and max_calls counted in the store on every call. A grant
# allows at most 10,000 calls (the product's limit), so the harness gets MANDATE_TOKENS grants through the code flow
# (signing in as user bench, consenting to the mandate each time) and the requests take them in turn.
set_up_mandate_tokens() {
  log "Mandate: $MANDATE_TOKENS tokens with a mandate for echo (argument schema, max_calls $MANDATE_MAX_CALLS), one grant each"
  local expires details max_calls=''
  expires=$(( $(date +%s) + 3600 ))
  [[ $MANDATE_MAX_CALLS == none ]] || max_calls=',"max_calls":'"$MANDATE_MAX_CALLS"
  details='[{"type":"mandate","locations":["'"$GATEWAY_RESOURCE"'"],"tools":[{"name":"echo","arguments":{"type":"object","properties":{"text":{"type":"string","maxLength":200}},"required":["text"],"additionalProperties":false}'"$max_calls"'}],"purpose":"benchmark the gateway with a mandate","expires_at":'"$expires"'}]'
  MANDATE_DETAILS=$details ISSUER="http://127.0.0.1:$MANDATE_PORT" CLIENT_ID="$(json_field client_id <<<"$GATEWAY_CLIENT")" \
    CLIENT_SECRET="$(json_field client_secret <<<"$GATEWAY_CLIENT")" CODE_CLIENT_ID="$(json_field client_id <<<"$PERSON_CLIENT")" \
    RESOURCE="$GATEWAY_RESOURCE" REDIRECT_URI=$REDIRECT_URI node -e '
    const e = process.env;
    console.log(JSON.stringify({
      name: "gateway-mandate-grants",
      token_endpoint: `${e.ISSUER}/token`,
      authorization_endpoint: `${e.ISSUER}/authorize`,
      client_id: e.CLIENT_ID,
      client_secret: e.CLIENT_SECRET,
      code_client_id: e.CODE_CLIENT_ID,
      resource: e.RESOURCE,
      scope: "mcp:read",
      redirect_uri: e.REDIRECT_URI,
      authorization_details: e.MANDATE_DETAILS,
    }, null, 2));' >"$WORK_DIR/gateway-mandate-grants.json"
  (umask 077 && harness mint-tokens -t "$WORK_DIR/gateway-mandate-grants.json" --count "$MANDATE_TOKENS" \
    --out "$WORK_DIR/gateway-mandate-tokens.txt" 2>>"$RESULTS_DIR/gateway-setup.log") || die "no mandate tokens (see gateway-setup.log)"
  # The run is only worth anything if the tokens do carry the mandate (and a grant to count against).
  TOKENS_FILE=$WORK_DIR/gateway-mandate-tokens.txt node -e '
    const lines = require("fs").readFileSync(process.env.TOKENS_FILE, "utf8").trim().split("\n");
    for (const line of lines) {
      const claims = JSON.parse(Buffer.from(line.split(".")[1], "base64url"));
      if (claims.authorization_details?.[0]?.type !== "mandate" || !claims.mandate_grants) process.exit(1);
    }' || die "the minted tokens carry no mandate"
  write_mcp_target "$WORK_DIR/gateway-mandate.json" gateway-mandate "$GATEWAY_RESOURCE" "$WORK_DIR/gateway-mandate-tokens.txt"
}

gateway_run() { [[ " $GATEWAY_RUNS " == *" $1 "* ]]; }

benchmark_gateway() {
  if gateway_run plain; then
    log "tools/call: gateway vs direct, $CONCURRENCY connections, ${GATEWAY_WARMUP} s warm-up, ${DURATION} s measured"
    harness compare --mode mcp-call -t "$WORK_DIR/gateway.json" -t "$WORK_DIR/direct.json" "${GATEWAY_LOAD_ARGS[@]}" \
      --goal-share-percent 70 --goal-added-p50-ms 1 --goal-added-p99-ms 5 | tee -a "$RESULTS_DIR/summary.txt"
  fi
  # Issue 6: the same call with person tokens whose mandate governs it (schema check and durable max_calls counter on
  # every call) against the same person's token without a mandate (both from the code flow, both Bearer), back to back
  # on the same server: the share is "with a mandate" / "without".
  if gateway_run mandate; then
    log "tools/call: gateway with a mandate (max_calls $MANDATE_MAX_CALLS) vs the same gateway without (person tokens)"
    harness compare --mode mcp-call -t "$WORK_DIR/gateway-mandate.json" -t "$WORK_DIR/gateway-person.json" "${GATEWAY_LOAD_ARGS[@]}" \
      --goal-share-percent 90 | sed 's/^/mandate: /' | tee -a "$RESULTS_DIR/summary.txt"
  fi
  if gateway_run dpop; then
    log "tools/call: gateway with DPoP vs direct (a proof signed per request by the load generator, verified by the gateway)"
    harness compare --mode mcp-call -t "$WORK_DIR/gateway-dpop.json" -t "$WORK_DIR/direct.json" "${GATEWAY_LOAD_ARGS[@]}" \
      --goal-share-percent 60 | tee -a "$RESULTS_DIR/summary.txt"
  fi
  # Credential injection (issue 7: at least 90% of the same gateway without it): the same person's calls to the same
  # upstream, with the vault's API key attached (lookup, cached decrypt, vault.inject ledger entry) and without.
  if gateway_run inject; then
    log "tools/call: gateway with credential injection vs the same gateway without (person tokens)"
    harness compare --mode mcp-call -t "$WORK_DIR/gateway-inject.json" -t "$WORK_DIR/gateway-person.json" "${GATEWAY_LOAD_ARGS[@]}" \
      --goal-share-percent 90 | tee -a "$RESULTS_DIR/summary.txt"
  fi
  printf 'gateway: mandate VmRSS after the load %s MB; bench upstream %s MB\n' \
    "$(rss_mb "$MANDATE_PID")" "$(rss_mb "$UPSTREAM_PID")" | tee -a "$RESULTS_DIR/summary.txt"
  # What durable audit costs (issue 5: at least 90% of the throughput without it): the same gateway, restarted on the
  # same data and port with the ledger switched off, against a fresh direct baseline. Compare the two gateway shares.
  if gateway_run ledger-off; then
    log "tools/call: gateway with the ledger switched off (Ledger:Enabled=false) vs direct"
    stop_server "$MANDATE_PID" mandate
    start_mandate gateway-mandate-ledger-off MANDATE_Gateway__ClientRequestsPerMinute=0 MANDATE_Gateway__UserRequestsPerMinute=0 \
      MANDATE_Ledger__Enabled=false
    harness compare --mode mcp-call -t "$WORK_DIR/gateway.json" -t "$WORK_DIR/direct.json" "${GATEWAY_LOAD_ARGS[@]}" \
      | sed 's/^/ledger off: /' | tee -a "$RESULTS_DIR/summary.txt"
  fi
  # The ledger on, keeping gateway.outcome entries only for failed calls (Ledger:RecordOutcomes=Failures).
  if gateway_run outcomes-failures; then
    log "tools/call: gateway with the ledger on, outcomes of failed calls only (Ledger:RecordOutcomes=Failures) vs direct"
    stop_server "$MANDATE_PID" mandate
    start_mandate gateway-mandate-outcomes-failures MANDATE_Gateway__ClientRequestsPerMinute=0 MANDATE_Gateway__UserRequestsPerMinute=0 \
      MANDATE_Ledger__RecordOutcomes=Failures
    harness compare --mode mcp-call -t "$WORK_DIR/gateway.json" -t "$WORK_DIR/direct.json" "${GATEWAY_LOAD_ARGS[@]}" \
      | sed 's/^/outcomes of failures only: /' | tee -a "$RESULTS_DIR/summary.txt"
  fi
}

# ---------------------------------------------------------------- measurements
MEMORY_LINES=()
record_memory() { # moment
  sleep 3 # let start-up or the last request settle
  local moment=$1
  if [[ -n $MANDATE_PID ]]; then MEMORY_LINES+=("mandate        $moment: VmRSS $(rss_mb "$MANDATE_PID") MB (peak VmHWM $(peak_rss_mb "$MANDATE_PID") MB)"); fi
  if [[ -n $PEER_PID ]]; then MEMORY_LINES+=("oidc-provider  $moment: VmRSS $(rss_mb "$PEER_PID") MB (peak VmHWM $(peak_rss_mb "$PEER_PID") MB)"); fi
  if [[ -n $MANDATE_PID ]]; then
    local rss verdict=PASS
    rss=$(rss_mb "$MANDATE_PID")
    awk -v rss="$rss" 'BEGIN { exit !(rss < 150) }' || verdict=FAIL
    MEMORY_LINES+=("goal $verdict: mandate idle memory $moment < 150 MB: $rss MB")
  fi
}

benchmark() { # mode [goal args...]
  local mode=$1
  shift
  if want_token_comparison; then
    harness compare --mode "$mode" -t "$WORK_DIR/mandate.json" -t "$WORK_DIR/peer.json" "${LOAD_ARGS[@]}" "$@" \
      | tee -a "$RESULTS_DIR/summary.txt"
  else
    local name=mandate
    [[ $TARGETS == peer ]] && name=peer
    harness run --mode "$mode" -t "$WORK_DIR/$name.json" "${LOAD_ARGS[@]}" | tee -a "$RESULTS_DIR/summary.txt"
  fi
}

build_release() { # project-dir name
  log "$2: Release build"
  dotnet build -c Release "$1" -nologo -v q >"$RESULTS_DIR/$2-build.log" 2>&1 \
    || { tail -n 30 "$RESULTS_DIR/$2-build.log" >&2; die "$2 build failed"; }
}

run_token_benchmarks() {
  if want mandate; then
    [[ ${MANDATE_SETUP_AFTER_START:-0} == 1 ]] || set_up_mandate
    start_mandate mandate
    [[ ${MANDATE_SETUP_AFTER_START:-0} != 1 ]] || set_up_mandate
  fi
  if want peer; then start_peer; fi
  record_memory "after start-up"

  log "client_credentials: $CONCURRENCY connections, ${WARMUP} s warm-up, ${DURATION} s measured"
  benchmark client-credentials --goal-ratio 3 --goal-p99-ms 25 --goal-rps 5000 || FAILED=1

  # Codes are minted before any timed phase. Mandate's are minted last and exchanged first,
  # so they are as fresh as possible (its code lifetime may be short); the peer's live PEER_CODE_TTL (300 s).
  if want peer; then
    log "oidc-provider: minting $PEER_CODES authorization codes"
    harness mint-codes -t "$WORK_DIR/peer.json" --count "$PEER_CODES" --out "$WORK_DIR/peer-codes.txt" || FAILED=1
  fi
  if want mandate; then
    log "Mandate: minting $MANDATE_CODES authorization codes"
    harness mint-codes -t "$WORK_DIR/mandate.json" --count "$MANDATE_CODES" --out "$WORK_DIR/mandate-codes.txt" || FAILED=1
  fi
  log "authorization_code: exchanging pre-minted codes"
  benchmark auth-code || FAILED=1

  record_memory "after the load"
  log "memory (VmRSS from /proc/PID/status)"
  printf '%s\n' "${MEMORY_LINES[@]}" | tee -a "$RESULTS_DIR/summary.txt"
  # The gateway run gets the machine to itself.
  stop_server "$MANDATE_PID" mandate
  stop_server "$PEER_PID" oidc-provider
  MANDATE_PID='' PEER_PID=''
}

run_gateway_benchmark() {
  start_upstream
  set_up_gateway
  benchmark_gateway || FAILED=1
}

main() {
  [[ $TARGETS =~ ^(all|tokens|mandate|peer|gateway)$ ]] || die "TARGETS must be all, tokens, mandate, peer or gateway"
  mkdir -p "$RESULTS_DIR"
  build_release "$BENCH_DIR/Mandate.LoadHarness" harness
  if want mandate || want gateway; then build_mandate; fi
  if want gateway; then build_release "$BENCH_DIR/Mandate.BenchUpstream" upstream; fi

  if want mandate || want peer; then run_token_benchmarks; fi
  if want gateway; then run_gateway_benchmark; fi
  log "results in $RESULTS_DIR"
  [[ $FAILED == 0 ]] || die "some step failed (see above); the figures printed are incomplete"
}

main "$@"
