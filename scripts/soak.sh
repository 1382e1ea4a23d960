#!/usr/bin/env bash
# The soak under faults (issue 11; figures in docs/reliability.md). On loopback: a throwaway PostgreSQL 15, the service
# (Release) with the demo district, the peak of the mixed workload measured (benchmarks' `mixed`), then commands at half
# that peak for SECONDS (default 600) by clients that retry with Idempotency-Key / If-Match. A third of the way in PostgreSQL
# is killed with -9 and restarted 5 s later; two thirds in the service is killed with -9 and restarted. Afterwards the
# client checks the database (lost, duplicated, read model and statistics against the events, 5xx outside the outages)
# and the ledger is verified from outside the service.
# Usage: scripts/soak.sh [seconds]   SOAK_RATE=<commands/s> skips the peak measurement; SOAK_NO_BUILD=1 the build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-600}"

if [ "${SOAK_NO_BUILD:-}" != 1 ]; then
  dotnet build -c Release -v q -nologo "$root/benchmarks/AnJiaXing.Benchmarks" >&2
fi
api="$root/src/AnJiaXing.Api/bin/Release/net10.0/AnJiaXing.Api.dll"
bench="$root/benchmarks/AnJiaXing.Benchmarks/bin/Release/net10.0/AnJiaXing.Benchmarks.dll"

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
dir="$(mktemp -d "${TMPDIR:-/tmp}/anjiaxing-soak-XXXXXX")"
chmod 755 "$dir"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
service_pid=""
client_pid=""
cleanup() {
  for p in "$client_pid" "$service_pid"; do [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  as_pg "$bin/pg_ctl" -D "$dir/pg" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
log() { printf '[soak %s] %s\n' "$(date -u +%T)" "$*" >&2; }
now() { date +%s.%N; }
mark() { echo "$1 $(now)" >>"$dir/marks"; log "$1"; }

as_pg "$bin/initdb" -D "$dir/pg" -U anjiaxing --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
port=56700
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
start_pg() {
  as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -t 120 -o "-p $port -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories='' -c max_connections=200" start >/dev/null
}
start_pg
"$bin/createdb" -h 127.0.0.1 -p "$port" -U anjiaxing anjiaxing
connection="Host=127.0.0.1;Port=$port;Database=anjiaxing;Username=anjiaxing;Maximum Pool Size=100"
export ANJIAXING_BENCH_CONNECTION="$connection"

svc_port=5490
while (exec 3<>"/dev/tcp/127.0.0.1/$svc_port") 2>/dev/null; do svc_port=$((svc_port + 1)); done
svc="http://127.0.0.1:$svc_port"
start_service() {
  ConnectionStrings__AnJiaXing="$connection" AnJiaXing__DemoData=true AnJiaXing__DataFolder="$dir/data" \
    ASPNETCORE_URLS="$svc" AnJiaXing__Auth__SignInsPerMinutePerClient=10000 Serilog__MinimumLevel__Default=Warning \
    dotnet "$api" >>"$dir/service.log" 2>&1 &
  service_pid=$!
}
wait_ready() {
  until curl -sf -o /dev/null --max-time 2 "$svc/health/ready"; do
    kill -0 "$service_pid" 2>/dev/null || { tail -30 "$dir/service.log" >&2; exit 1; }
    sleep 0.2
  done
}
start_service
wait_ready
log "service ready on $svc"
sleep 10 # the host's own work at start (overdue escalations of the demo hazards)

rate="${SOAK_RATE:-}"
if [ -z "$rate" ]; then
  # The peak of the same mixed workload (closed loop, 16 workers, 9 requests per flow of which 4 commands); the soak
  # runs open loop at half its flows per second.
  peak=$( { dotnet "$bench" mixed "$svc" 20 || true; } | sed -n 's/^MIXED requests=[0-9]* rps=\([0-9.]*\).*/\1/p')
  rate=$(echo "scale=2; $peak / 9 * 4 / 2" | bc -l)
  log "mixed workload peak: $peak requests/s; soaking at $rate commands/s"
fi

dotnet "$bench" soak "$svc" "$rate" "$seconds" "$dir/marks" >"$dir/soak.out" 2>"$dir/soak.err" &
client_pid=$!

sleep "$(echo "$seconds / 3" | bc)"
mark pg-kill
kill -9 "$(head -n 1 "$dir/pg/postmaster.pid")"
sleep 5
start_pg
wait_ready
mark pg-ready

sleep "$(echo "$seconds / 3" | bc)"
mark svc-kill
kill -9 "$service_pid"
wait "$service_pid" 2>/dev/null || true
sleep 3
start_service
wait_ready
mark svc-ready

set +e
wait "$client_pid"
status=$?
client_pid=""
set -e
cat "$dir/soak.out"
sed -n '1,40p' "$dir/soak.err" >&2

log "verifying the ledger from outside the service"
set +e
dotnet "$api" ledger verify --connection "$connection" --key-file "$dir/data/keys/ledger-signing.pem" >"$dir/verify.out" 2>"$dir/verify.err"
verified=$?
set -e
echo "LEDGER exit=$verified $(grep -v '^Searching\|^PublicKeyToken\|^ *$' "$dir/verify.out" | tail -n 4 | tr '\n' ' ' | cut -c1-400)"
[ "$verified" -eq 0 ] || sed -n '1,20p' "$dir/verify.err" >&2
echo "Soak of ${seconds}s at $rate commands/s, $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)."
[ "$status" -eq 0 ] && [ "$verified" -eq 0 ]
