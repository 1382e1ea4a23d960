#!/usr/bin/env bash
# Runs AnJiaXing with demo data on http://127.0.0.1:5080 (override with ANJIAXING_URLS).
# Database, in order: $ConnectionStrings__AnJiaXing; else docker compose when a Docker engine answers;
# else a local PostgreSQL cluster from the installed binaries in .data/pg (git-ignored), started as a
# non-root user on a free port and reused by the next run. Ctrl-C stops everything this script started.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${ANJIAXING_DATA:-$root/.data}"
urls="${ANJIAXING_URLS:-http://127.0.0.1:5080}"
mkdir -p "$data"

cleanup_steps=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for step in "${cleanup_steps[@]:-}"; do [ -n "$step" ] && eval "$step" || true; done
  exit "$status"
}
trap cleanup EXIT INT TERM

log() { printf '[run] %s\n' "$*" >&2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  command -v initdb >/dev/null && dirname "$(command -v initdb)" && return
  log "No PostgreSQL server binaries found. On Debian: apt-get install -y postgresql-15"
  exit 1
}

# Runs a command as the cluster's owner: the current user, or 'postgres' when we are root (PostgreSQL refuses root).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_local_cluster() {
  local bin pgdata pwfile port
  bin="$(pg_bin)"
  pgdata="$data/pg"
  pwfile="$data/pg-password"

  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { log "User 'postgres' is missing (install postgresql-15)"; exit 1; }
    # The cluster folder must be reachable by 'postgres'; if a parent folder is private, keep it elsewhere.
    if ! runuser -u postgres -- test -x "$data"; then
      local alt="/var/lib/postgresql/anjiaxing-$(printf '%s' "$root" | sha256sum | cut -c1-12)"
      mkdir -p "$alt" && chown postgres: "$alt"
      pgdata="$alt/pg"
      log "$data is not reachable by 'postgres'; keeping the cluster in $pgdata"
    fi
  fi

  if [ ! -s "$pwfile" ]; then
    head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$pwfile"
    chmod 600 "$pwfile"
  fi

  if [ ! -f "$pgdata/PG_VERSION" ]; then
    log "Creating a local PostgreSQL cluster in $pgdata"
    mkdir -p "$pgdata"
    local initpw; initpw="$(mktemp)"; cp "$pwfile" "$initpw"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pgdata" "$initpw"; fi
    as_owner "$bin/initdb" -D "$pgdata" -U anjiaxing --pwfile="$initpw" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$initpw"
  fi

  port="${ANJIAXING_PG_PORT:-55432}"
  while ! port_free "$port"; do port=$((port + 1)); done
  log "Starting PostgreSQL on 127.0.0.1:$port"
  as_owner "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null
  cleanup_steps+=("log 'Stopping PostgreSQL'; as_owner '$bin/pg_ctl' -D '$pgdata' -m fast -w stop >/dev/null")

  local pw; pw="$(cat "$pwfile")"
  if ! PGPASSWORD="$pw" "$bin/psql" -h 127.0.0.1 -p "$port" -U anjiaxing -d postgres -tAc \
      "select 1 from pg_database where datname='anjiaxing'" | grep -q 1; then
    PGPASSWORD="$pw" "$bin/createdb" -h 127.0.0.1 -p "$port" -U anjiaxing anjiaxing
  fi
  export ConnectionStrings__AnJiaXing="Host=127.0.0.1;Port=$port;Database=anjiaxing;Username=anjiaxing;Password=$pw"
}

start_compose_database() {
  log "Docker answers: starting PostgreSQL with docker compose"
  (cd "$root" && docker compose up -d --wait postgres)
  cleanup_steps+=("log 'Stopping the compose database'; (cd '$root' && docker compose stop postgres >/dev/null)")
  export ConnectionStrings__AnJiaXing="Host=127.0.0.1;Port=${ANJIAXING_COMPOSE_PG_PORT:-55433};Database=anjiaxing;Username=anjiaxing;Password=anjiaxing"
}

if [ -n "${ConnectionStrings__AnJiaXing:-}" ]; then
  log "Using the database from ConnectionStrings__AnJiaXing"
elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  start_compose_database
else
  start_local_cluster
fi

export AnJiaXing__DemoData="${AnJiaXing__DemoData:-true}"
# A year of all twelve towns' activity (README: The two commands); Small seeds only what the tests use.
export AnJiaXing__DemoScale="${AnJiaXing__DemoScale:-District}"
export AnJiaXing__DataFolder="${AnJiaXing__DataFolder:-$data}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="$urls"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "Building"
# Published for this machine's runtime: ReadyToRun code and Wolverine's generated code built in (ADR 0032).
case "$(uname -m)" in aarch64 | arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
dotnet publish "$root/src/AnJiaXing.Api" -c Release -r "$rid" --no-self-contained -nologo -v quiet -o "$data/bin/api" >&2
log "Serving on $urls (Swagger UI at $urls/swagger); Ctrl-C stops"
# The built app runs as our child (no 'dotnet run' in between) so a stop signal reaches it and it shuts down gracefully.
(cd "$root/src/AnJiaXing.Api" && exec dotnet "$data/bin/api/AnJiaXing.Api.dll" "$@") &
app=$!
cleanup_steps=("kill -TERM $app 2>/dev/null; wait $app 2>/dev/null" "${cleanup_steps[@]}")
wait "$app"
