#!/usr/bin/env bash
# Ledger scale benchmark: starts a throwaway PostgreSQL (as run.sh does, in .data/bench-pg) unless
# ANJIAXING_BENCH_CONNECTION is set, loads N events (default 1,000,000) and prints the figures for docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# `scripts/bench.sh stats [events]` runs the statistics benchmark instead.
# `scripts/bench.sh monitoring [seconds]` runs the telemetry benchmark (1,000 points, default 300 s of readings).
# `scripts/bench.sh rebuild [events]` rebuilds the statistics projections against a raw COPY (default 200,000 events).
if [ "${1:-}" = stats ]; then mode=(stats "${2:-1000000}");
elif [ "${1:-}" = monitoring ]; then mode=(monitoring "${2:-300}");
elif [ "${1:-}" = rebuild ]; then mode=(rebuild "${2:-200000}");
else mode=("${1:-1000000}"); fi

if [ -z "${ANJIAXING_BENCH_CONNECTION:-}" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  dir="$(mktemp -d /tmp/anjiaxing-bench-XXXXXX)"
  run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  run "$bin/initdb" -D "$dir/data" -U anjiaxing --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  port=56432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c shared_buffers=1GB -c synchronous_commit=off" start >/dev/null
  trap 'run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; rm -rf "$dir"' EXIT
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U anjiaxing anjiaxing
  export ANJIAXING_BENCH_CONNECTION="Host=127.0.0.1;Port=$port;Database=anjiaxing;Username=anjiaxing"
fi

dotnet run -c Release --project "$root/benchmarks/AnJiaXing.Benchmarks" -- "${mode[@]}"
