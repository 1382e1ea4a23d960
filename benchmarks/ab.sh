#!/usr/bin/env bash
# Before and after in the same conditions (issue 12): the same database, the same machine minutes, variants taking
# turns round after round, so a load that changes falls on all of them alike. Each variant is a label and the settings
# it starts the service with — environment variables (runtime knobs such as DOTNET_gcServer, configuration such as
# AnJiaXing__Daemon__SlowPolling) and optionally API=<path of an AnJiaXing.Api.dll> for another build. Per start:
#   warm start to ready (and the process's CPU), POST /api/hazards with wrk (16 connections: req/s, p99), the service's
#   peak RSS, and the daemon's append → statistics lag at a fixed rate (LAG_RATE, default half the first variant's
#   req/s in that round), with the load average beside each line.
# Usage: benchmarks/ab.sh SECONDS ROUNDS 'before|VAR=value ...' 'after|VAR=value ...' ...
# BENCH_NO_BUILD=1 skips the Release build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:?seconds per wrk run}"; rounds="${2:?rounds}"; shift 2
[ $# -ge 1 ] || { echo "name at least one variant" >&2; exit 2; }
connections=16

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [ "${BENCH_NO_BUILD:-}" != 1 ]; then dotnet build -c Release -v q -nologo "$root/benchmarks/AnJiaXing.Benchmarks" >&2; fi
default_api="$root/src/AnJiaXing.Api/bin/Release/net10.0/AnJiaXing.Api.dll"
bench="$root/benchmarks/AnJiaXing.Benchmarks/bin/Release/net10.0/AnJiaXing.Benchmarks.dll"

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
dir="$(mktemp -d /tmp/anjiaxing-ab-XXXXXX)"
run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
service_pid=""
cleanup() {
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  run "$bin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
run "$bin/initdb" -D "$dir/pg" -U anjiaxing --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
port=56600
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
run "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' \
  -c shared_buffers=512MB -c synchronous_commit=off -c max_connections=200" start >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$port" -U anjiaxing anjiaxing
connection="Host=127.0.0.1;Port=$port;Database=anjiaxing;Username=anjiaxing;Maximum Pool Size=100"
export ANJIAXING_BENCH_CONNECTION="$connection"
svc_port=5490
while (exec 3<>"/dev/tcp/127.0.0.1/$svc_port") 2>/dev/null; do svc_port=$((svc_port + 1)); done
svc="http://127.0.0.1:$svc_port"
now() { date +%s.%N; }
load() { cut -d' ' -f1 /proc/loadavg; }

ready_after=""
start_service() { # $1: the variant's settings
  local api="$default_api" envs=() kv started
  for kv in $1; do
    if [ "${kv%%=*}" = API ]; then api="${kv#*=}"; else envs+=("$kv"); fi
  done
  started=$(now)
  env "${envs[@]}" ConnectionStrings__AnJiaXing="$connection" AnJiaXing__DemoData=true AnJiaXing__DataFolder="$dir/data" \
    ASPNETCORE_URLS="$svc" AnJiaXing__Auth__SignInsPerMinutePerClient=10000 Serilog__MinimumLevel__Default=Warning \
    dotnet "$api" >>"$dir/service.log" 2>&1 &
  service_pid=$!
  until curl -sf "$svc/health/ready" >/dev/null; do
    kill -0 "$service_pid" 2>/dev/null || { tail -20 "$dir/service.log" >&2; exit 1; }
    sleep 0.05
  done
  ready_after=$(echo "$(now) - $started" | bc)
}
stop_service() { kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=""; }

echo "== cold start (empty database: schema and demo district), not timed" >&2
start_service "${1#*|}"; stop_service

token() {
  curl -sf -X POST "$svc/api/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Demo#2026\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["accessToken"])'
}
# Hazards the run created (a replayed Idempotency-Key creates none), to check that every request did the full work.
reported() { psql -h 127.0.0.1 -p "$port" -U anjiaxing -d anjiaxing -qAtX -c "select count(*) from anjiaxing.mt_events where type = 'hazard_reported'"; }
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }

for round in $(seq 1 "$rounds"); do
  rate="${LAG_RATE:-}"
  for variant in "$@"; do
    label="${variant%%|*}"; settings="${variant#*|}"
    [ "$label" = "$variant" ] && settings=""
    start_service "$settings"
    cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$service_pid/stat")
    printf 'AB round=%d %-10s START warm=%.2fs cpu=%ss load=%s\n' "$round" "$label" "$ready_after" "$cpu" "$(load)"
    town=$(token town.nanxiang)
    enterprise=$(curl -sf "$svc/api/enterprises?pageSize=1" -H "authorization: Bearer $town" \
      | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["id"])')
    export WRK_BODY="{\"enterpriseId\":\"$enterprise\",\"level\":\"General\",\"category\":\"Fire\",\"description\":\"消防通道堆放杂物，灭火器过期\",\"location\":\"一号仓库\",\"source\":\"QuickCheck\"}"
    export WRK_KEYS=1 WRK_TOKEN="$town"
    wrk -t2 -c"$connections" -d5s -s "$root/benchmarks/http/post.lua" "$svc/api/hazards" >/dev/null # warm-up
    reported_before=$(reported)
    result=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$root/benchmarks/http/post.lua" "$svc/api/hazards" | grep '^RESULT')
    rss=$(awk '/VmHWM/ {print $2}' "/proc/$service_pid/status")
    rps=$(echo "$result" | field rps)
    created=$(( $(reported) - reported_before ))
    printf 'AB round=%d %-10s POST rps=%s p99=%sms requests=%s created=%s peakRSS=%dMB load=%s\n' "$round" "$label" "$rps" \
      "$(echo "$result" | field p99)" "$(echo "$result" | field requests)" "$created" $((rss / 1024)) "$(load)"
    [ -z "$rate" ] && rate=$(echo "$rps / 2" | bc -l)
    lag=$(dotnet "$bench" lag "$svc" "$rate" "$seconds" | grep '^LAG' || true)
    printf 'AB round=%d %-10s %s load=%s\n' "$round" "$label" "$lag" "$(load)"
    stop_service
  done
done
echo "Taken $(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)."
