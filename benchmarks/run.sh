#!/usr/bin/env bash
# Issue 12's figures, each beside its raw baseline, in one run (docs/benchmarks.md, "Platform: commands, reads, lag,
# replay, footprint"). Starts a throwaway PostgreSQL 15 with pg_stat_statements, the service (Release) with the demo
# district, and a minimal-API baseline service on the same database, then measures:
#   start to ready (cold: empty database; warm: second start), statements per request (POST /api/hazards, GET /api/me),
#   POST /api/hazards vs the one-INSERT endpoint (wrk, 16 connections), GET /api/me vs /health/live, service memory,
#   a mixed workload, daemon lag at half the measured peak write rate, replay and ?asOf vs a raw select + deserialize.
# Usage: benchmarks/run.sh [seconds per wrk run, default 20]. BENCH_NO_BUILD=1 skips the Release build and publish;
# BENCH_WARMUP (seconds, default 30) is the load before the command figures.
# Needs wrk (apt-get install -y wrk) and the PostgreSQL 15 server binaries (apt-get install -y postgresql-15).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
connections=16

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
# The service as it is deployed (scripts/run.sh, the Dockerfile): published for this runtime, ReadyToRun, with
# Wolverine's generated code built in (ADR 0032).
published="$root/benchmarks/AnJiaXing.Benchmarks/bin/service"
if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
  dotnet build -c Release -v q -nologo "$root/benchmarks/AnJiaXing.Benchmarks" >&2
  case "$(uname -m)" in aarch64 | arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
  dotnet publish "$root/src/AnJiaXing.Api" -c Release -r "$rid" --no-self-contained -v q -nologo -o "$published" >&2
fi
api="$published/AnJiaXing.Api.dll"
bench="$root/benchmarks/AnJiaXing.Benchmarks/bin/Release/net10.0/AnJiaXing.Benchmarks.dll"

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
dir="$(mktemp -d /tmp/anjiaxing-platform-bench-XXXXXX)"
run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  run "$bin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
run "$bin/initdb" -D "$dir/pg" -U anjiaxing --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
port=56500
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
run "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' \
  -c shared_buffers=512MB -c synchronous_commit=off -c max_connections=200 \
  -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top" start >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$port" -U anjiaxing anjiaxing
sql() { psql -h 127.0.0.1 -p "$port" -U anjiaxing -d anjiaxing -qAtX -c "$1"; }
sql "create extension pg_stat_statements" >/dev/null
export ANJIAXING_BENCH_CONNECTION="Host=127.0.0.1;Port=$port;Database=anjiaxing;Username=anjiaxing;Maximum Pool Size=100"

free_port() { local p=$1; while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done; echo "$p"; }
svc_port=$(free_port 5390)
svc="http://127.0.0.1:$svc_port"
raw_port=$(free_port $((svc_port + 1)))
raw="http://127.0.0.1:$raw_port"
now() { date +%s.%N; }

service_pid=""
ready_after=""
start_service() { # sets service_pid and ready_after (seconds from launch to /health/ready answering 200)
  local started
  started=$(now)
  ConnectionStrings__AnJiaXing="$ANJIAXING_BENCH_CONNECTION" AnJiaXing__DemoData=true AnJiaXing__DataFolder="$dir/data" \
    ASPNETCORE_URLS="$svc" AnJiaXing__Auth__SignInsPerMinutePerClient=10000 \
    dotnet "$api" >>"$dir/service.log" 2>&1 &
  service_pid=$!
  pids+=("$service_pid")
  until curl -sf "$svc/health/ready" >/dev/null; do
    kill -0 "$service_pid" 2>/dev/null || { tail -20 "$dir/service.log" >&2; exit 1; }
    sleep 0.05
  done
  ready_after=$(echo "$(now) - $started" | bc)
}
stop_service() { kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; }

echo "== start to ready" >&2
start_service; cold=$ready_after; stop_service
sql "select pg_stat_statements_reset()" >/dev/null
start_service; warm=$ready_after
# What the warm start costs besides waiting: the service's CPU time and its statements (load-independent, issue 12).
warm_cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$service_pid/stat")
warm_sql=$(sql "select sum(calls) || ' statements, ' || round(sum(total_exec_time)::numeric) || ' ms in PostgreSQL'
                from pg_stat_statements where query not like '%pg_stat_statements%'")
printf 'START cold=%.2fs (empty database: schema and demo district) warm=%.2fs (%s s CPU; %s)\n' "$cold" "$warm" "$warm_cpu" "$warm_sql"

ASPNETCORE_URLS="$raw" dotnet "$bench" raw-server "$raw" >"$dir/raw.log" 2>&1 &
raw_pid=$!
pids+=("$raw_pid")
until curl -sf "$raw/raw/live" >/dev/null; do sleep 0.05; done

token() {
  curl -sf -X POST "$svc/api/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Demo#2026\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["accessToken"])'
}
town_token=$(token town.nanxiang)
enterprise=$(curl -sf "$svc/api/enterprises?pageSize=1" -H "authorization: Bearer $town_token" \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["id"])')
body="{\"enterpriseId\":\"$enterprise\",\"level\":\"General\",\"category\":\"Fire\",\"description\":\"消防通道堆放杂物，灭火器过期\",\"location\":\"一号仓库\",\"source\":\"QuickCheck\"}"

echo "== statements per request (pg_stat_statements, 50 sequential requests each)" >&2
statements() { # $1: label; the requests have run since the last reset
  sql "select '$1', round(calls / 50.0, 2), left(regexp_replace(query, '\s+', ' ', 'g'), 110) from pg_stat_statements
       where calls >= 25 and query not like '%pg_stat_statements%' order by calls desc, query" | sed 's/^/STATEMENTS /'
}
sql "select pg_stat_statements_reset()" >/dev/null
for i in $(seq 1 50); do
  curl -sf -o /dev/null -X POST "$svc/api/hazards" -H "authorization: Bearer $town_token" -H 'content-type: application/json' \
    -H "Idempotency-Key: rt-$i" -d "$body"
done
statements "POST /api/hazards"
sql "select pg_stat_statements_reset()" >/dev/null
for i in $(seq 1 50); do curl -sf -o /dev/null "$svc/api/me" -H "authorization: Bearer $town_token"; done
statements "GET /api/me"

wrk_run() { # $1 label, $2 script, $3 url; env WRK_*; prints RESULT line
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$root/benchmarks/http/$2" "$3" | grep '^RESULT' | sed "s|^RESULT|WRK $1|"
}
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }

echo "== commands: POST /api/hazards vs one INSERT ($connections connections, ${seconds}s each)" >&2
export WRK_BODY="$body" WRK_KEYS=1 WRK_TOKEN="$town_token"
# Warm-up long enough for the JIT to settle: on 2 cores a report's CPU was still falling in the third 15 s window of
# load (docs/benchmarks.md, session 6); the figure is the service's steady state, not its first minute.
warmup="${BENCH_WARMUP:-30}"
wrk -t2 -c"$connections" -d"${warmup}s" -s "$root/benchmarks/http/post.lua" "$svc/api/hazards" >/dev/null
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.3f", ($14 + $15) / hz}' "/proc/$1/stat"; }
# CPU per request, the load-independent half of the ratio: the process's user + system time over the run / requests.
per_request() { echo "scale=3; ($3 - $2) * 1000 / $(echo "$1" | sed -n 's/.* requests=\([0-9]*\).*/\1/p')" | bc; }
c0=$(cpu_of "$service_pid")
cmd=$(wrk_run "POST /api/hazards" post.lua "$svc/api/hazards"); echo "$cmd"
cmd_cpu=$(per_request "$cmd" "$c0" "$(cpu_of "$service_pid")")
rss=$(awk '/VmHWM/ {print $2}' "/proc/$service_pid/status")
WRK_TOKEN="" WRK_KEYS=0 wrk -t2 -c"$connections" -d"${warmup}s" -s "$root/benchmarks/http/post.lua" "$raw/raw/hazards" >/dev/null
c0=$(cpu_of "$raw_pid")
base=$(WRK_TOKEN="" WRK_KEYS=0 wrk_run "POST /raw/hazards (one INSERT)" post.lua "$raw/raw/hazards"); echo "$base"
base_cpu=$(per_request "$base" "$c0" "$(cpu_of "$raw_pid")")
printf 'CPU per request: POST /api/hazards %s ms in the service, one INSERT %s ms in the baseline\n' "$cmd_cpu" "$base_cpu"
printf 'RATIO commands=%.2f (goal >= 0.5), p99 %s ms (goal < 50)\n' \
  "$(echo "$(echo "$cmd" | field rps) / $(echo "$base" | field rps)" | bc -l)" "$(echo "$cmd" | field p99)"
printf 'MEMORY service peak RSS=%d MB during the command benchmark (goal < 400)\n' $((rss / 1024))
# Release builds carry Wolverine's generated code (ADR 0032): Roslyn's compiler is mapped but should never run. Resident
# pages of its C# compiler say whether a chain was compiled at run time after all (megabytes when it was).
roslyn=$(awk '/Microsoft.CodeAnalysis.CSharp.dll$/ {m=1; next} /^[0-9a-f]+-[0-9a-f]+ / {m=0} m && /^Rss:/ {s+=$2} END {print s+0}' \
  "/proc/$service_pid/smaps")
printf 'CODEGEN Roslyn C# compiler resident=%d kB (about 2,000 when only loaded; 5,500 and more once it compiles a chain)\n' "$roslyn"

echo "== reads: GET /api/me vs /health/live" >&2
me=$(WRK_TOKEN="$town_token" wrk_run "GET /api/me" get.lua "$svc/api/me"); echo "$me"
live=$(WRK_TOKEN="" wrk_run "GET /health/live" get.lua "$svc/health/live"); echo "$live"
printf 'RATIO me/live=%.2f\n' "$(echo "$(echo "$me" | field rps) / $(echo "$live" | field rps)" | bc -l)"

echo "== mixed workload (16 workers, ${seconds}s)" >&2
dotnet "$bench" mixed "$svc" "$seconds" || echo "MIXED had failures (see above)"

peak=$(echo "$cmd" | field rps)
half=$(echo "$peak / 2" | bc -l)
echo "== daemon lag at half the peak write rate ($half/s, ${seconds}s)" >&2
dotnet "$bench" lag "$svc" "$half" "$seconds" || echo "LAG incomplete (see above)"

stop_service
echo "== replay of a 1,000-event stream, and ?asOf" >&2
dotnet "$bench" replay
echo "Figures taken $(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)."
