#!/usr/bin/env bash
# The scale test of several nodes (issue 20; figures in docs/scale.md). On loopback: a throwaway PostgreSQL 15 and
# NODES (default 3) nodes of the service (Release) on the same database, the first seeding the demo district. It measures
# the mixed workload's throughput against one node and against all nodes (requests going round them), then runs the
# soak's clients at half the one-node peak against all nodes for SECONDS (default 120) and kills with -9, a third of the
# way in, the node that runs the statistics projection and, two thirds in (three nodes or more), the leader. It records
# how long the others took to run every agent (projections, subscriptions, single-node works) a dead node had, then the
# soak's checks: nothing acknowledged lost, nothing stored
# twice, the read model and the district statistics equal to the events (a projection processed twice would count twice),
# no progression conflict in any node's log, and the ledger verified from outside the service.
# TOWNS=<n> (1 to 3; default 0) gives the first n of 南翔镇, 安亭镇, 马陆镇 a PostgreSQL cluster of their own (ADR 0030):
# the first cluster is then the district's, the soak's flows go round an enterprise of each of those towns, and the
# checks add that each town's events are in its own database only and equal, stream by stream, to their copies in the
# district's, and verify every database's ledger.
# Usage: scripts/scale.sh [seconds]   NODES=<n>; TOWNS=<n>; SCALE_RATE=<commands/s> skips the peak measurements; SCALE_NO_BUILD=1 the build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-120}"
nodes="${NODES:-3}"
towns="${TOWNS:-0}"
town_names=(南翔镇 安亭镇 马陆镇)
[ "$towns" -le ${#town_names[@]} ] || { echo "TOWNS is at most ${#town_names[@]}" >&2; exit 2; }

if [ "${SCALE_NO_BUILD:-}" != 1 ]; then
  dotnet build -c Release -v q -nologo "$root/benchmarks/AnJiaXing.Benchmarks" >&2
fi
api="$root/src/AnJiaXing.Api/bin/Release/net10.0/AnJiaXing.Api.dll"
bench="$root/benchmarks/AnJiaXing.Benchmarks/bin/Release/net10.0/AnJiaXing.Benchmarks.dll"

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
dir="$(mktemp -d "${TMPDIR:-/tmp}/anjiaxing-scale-XXXXXX")"
chmod 755 "$dir"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
# The nodes' and the clients' temp files too (a node killed with -9 leaves its runtime's debug pipes behind).
mkdir -p "$dir/tmp"
export TMPDIR="$dir/tmp"
declare -a pids urls
client_pid=""
cleanup() {
  # The nodes are not this shell's children (they were started in parallel): each wrote its pid file when launched.
  [ -n "$client_pid" ] && { kill "$client_pid" 2>/dev/null || true; }
  for f in "$dir"/node*.pid; do [ -f "$f" ] && { kill "$(cat "$f")" 2>/dev/null || true; }; done
  sleep 2
  # SCALE_LOGS=<folder> keeps the nodes' logs and the soak's output there.
  [ -n "${SCALE_LOGS:-}" ] && mkdir -p "$SCALE_LOGS" && cp "$dir"/*.log "$dir"/soak.* "$SCALE_LOGS"/ 2>/dev/null
  for pg in "$dir"/pg "$dir"/pg-town*; do [ -d "$pg" ] && { as_pg "$bin/pg_ctl" -D "$pg" -m immediate -w stop >/dev/null 2>&1 || true; }; done
  rm -rf "$dir"
}
trap cleanup EXIT
log() { printf '[scale %s] %s\n' "$(date -u +%T)" "$*" >&2; }
now() { date +%s.%N; }

# A throwaway cluster in $dir/$1 on the first free port from $2, with a database named $3; prints the port. Each town's
# database needs a name of its own: Marten and Wolverine tell databases apart by host and name, not by port.
start_pg() {
  local name=$1 p=$2 db=$3
  as_pg "$bin/initdb" -D "$dir/$name" -U anjiaxing --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  as_pg "$bin/pg_ctl" -D "$dir/$name" -l "$dir/$name.log" -w -t 120 -o "-p $p -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories='' -c max_connections=300" start >/dev/null
  "$bin/createdb" -h 127.0.0.1 -p "$p" -U anjiaxing "$db"
  echo "$p"
}
port=$(start_pg pg 56800 anjiaxing)
connection="Host=127.0.0.1;Port=$port;Database=anjiaxing;Username=anjiaxing;Maximum Pool Size=60"
export ANJIAXING_BENCH_CONNECTION="$connection"
sql() { "$bin/psql" -h 127.0.0.1 -p "$port" -U anjiaxing -d anjiaxing -XAtq -c "$1"; }
sql_at() { "$bin/psql" -h 127.0.0.1 -p "$1" -U anjiaxing -d "$2" -XAtq -c "$3"; }

# Town clusters: each town's id (derived from its demo name) names its database in the nodes' configuration.
declare -a town_ports town_ids town_connections
town_env=()
for t in $(seq 1 "$towns"); do
  town_ports[$t]=$(start_pg "pg-town$t" $((56900 + t * 10)) "anjiaxing_town$t")
  town_ids[$t]=$(dotnet "$bench" town-id "${town_names[$((t - 1))]}")
  town_connections[$t]="Host=127.0.0.1;Port=${town_ports[$t]};Database=anjiaxing_town$t;Username=anjiaxing;Maximum Pool Size=40"
  town_env+=("AnJiaXing__Tenancy__Towns__${town_ids[$t]}=${town_connections[$t]}")
  log "town ${town_names[$((t - 1))]} (${town_ids[$t]}) in its own cluster on port ${town_ports[$t]}"
done

svc_port=5590
start_node() {
  local i=$1 p=$((svc_port + $1))
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 10)); done
  urls[$i]="http://127.0.0.1:$p"
  # Wolverine's agent controller logs at Information: its "Starting agents for Node <id>" names the node's id.
  env "${town_env[@]}" ConnectionStrings__AnJiaXing="$connection" AnJiaXing__DemoData=true AnJiaXing__DataFolder="$dir/data" \
    ASPNETCORE_URLS="${urls[$i]}" AnJiaXing__Auth__SignInsPerMinutePerClient=100000 Serilog__MinimumLevel__Default=Warning \
    "Serilog__MinimumLevel__Override__Wolverine.Runtime.Agents=Information" \
    dotnet "$api" >>"$dir/node$i.log" 2>&1 &
  pids[$i]=$!
  echo "${pids[$i]}" >"$dir/node$i.pid"
  until curl -sf -o /dev/null --max-time 2 "${urls[$i]}/health/ready"; do
    kill -0 "${pids[$i]}" 2>/dev/null || { grep -v '^ *at ' "$dir/node$i.log" | tail -40 >&2; exit 1; }
    sleep 0.2
  done
  log "node $i ready on ${urls[$i]} (pid ${pids[$i]})"
  echo "${urls[$i]} ${pids[$i]}" >"$dir/node$i.addr"
}
# All nodes start together on the empty database, as a deployment starts them: one installs the ledger and seeds the
# demo district, the others wait for it (advisory locks) and start on what it wrote.
for i in $(seq 1 "$nodes"); do start_node "$i" & done
wait
for i in $(seq 1 "$nodes"); do
  read -r url pid <"$dir/node$i.addr"; urls[$i]=$url; pids[$i]=$pid
done
all=$(IFS=,; echo "${urls[*]}")

agents_total() { sql "select count(*) from anjiaxing.wolverine_node_assignments"; }
# Every agent of the known families assigned, spread over the nodes (the leader rebalances as nodes join).
# With town databases there are agents for each database: wait until the count has held for 3 s as well.
last_total=-1; held=0
for _ in $(seq 1 240); do
  spread=$(sql "select count(distinct node_id) from anjiaxing.wolverine_node_assignments")
  total_now=$(agents_total)
  if [ "$total_now" -eq "$last_total" ]; then held=$((held + 1)); else held=0; last_total=$total_now; fi
  [ "$spread" -ge "$nodes" ] && [ "$held" -ge 6 ] && break
  sleep 0.5
done
log "agents assigned: $(agents_total) over $spread node(s)"
sql "select id, node_number, started, health_check from anjiaxing.wolverine_nodes order by node_number" >&2
sql "select n.node_number, a.id from anjiaxing.wolverine_node_assignments a join anjiaxing.wolverine_nodes n on n.id = a.node_id order by 1, 2" >"$dir/assignments-before"
sleep 5 # the host's own work at start (overdue escalations of the demo hazards)

# With town databases the soak writes to every town: an enterprise account in each (马陆镇 has none in the demo: the
# district grants one to its first enterprise, through the API, as an administrator would).
soak_enterprises="ent.demo1"
if [ "$towns" -ge 1 ]; then
  [ "$towns" -ge 2 ] && soak_enterprises+=",ent.demo3"
  if [ "$towns" -ge 3 ]; then
    admin=$(curl -sf "${urls[1]}/api/auth/token" -H 'Content-Type: application/json' \
      -d '{"username":"district.admin","password":"Demo#2026"}' | jq -r .accessToken)
    malu=$(curl -sf "${urls[1]}/api/enterprises?townId=${town_ids[3]}&pageSize=1" -H "Authorization: Bearer $admin" | jq -r '.items[0].id')
    curl -sf -o /dev/null "${urls[1]}/api/enterprises/$malu/accounts" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d '{"username":"ent.malu","displayName":"马陆镇企业 安全员","password":"Demo#2026"}'
    soak_enterprises+=",ent.malu"
    sleep 2 # the account's copy reaches 马陆镇's database (the assign step names the account)
  fi
  export SOAK_ENTERPRISES="$soak_enterprises"
  SOAK_TOWN_CONNECTIONS=$(IFS='|'; echo "${town_connections[*]}")
  export SOAK_TOWN_CONNECTIONS
  log "soak enterprises: $soak_enterprises"
fi

rate="${SCALE_RATE:-}"
one_peak="" ; all_peak=""
if [ -z "$rate" ]; then
  one_peak=$( { dotnet "$bench" mixed "${urls[1]}" 20 || true; } | sed -n 's/^MIXED requests=[0-9]* rps=\([0-9.]*\).*/\1/p')
  all_peak=$( { dotnet "$bench" mixed "$all" 20 || true; } | sed -n 's/^MIXED requests=[0-9]* rps=\([0-9.]*\).*/\1/p')
  log "mixed workload peak: one node $one_peak requests/s, $nodes nodes $all_peak requests/s"
  rate=$(echo "scale=2; $one_peak / 9 * 4 / 2" | bc -l)
fi
echo "SCALE mixed-peak one-node=${one_peak:-n/a} all-nodes=${all_peak:-n/a} nodes=$nodes"

: >"$dir/marks"
dotnet "$bench" soak "$all" "$rate" "$seconds" "$dir/marks" >"$dir/soak.out" 2>"$dir/soak.err" &
client_pid=$!

# Kills with -9 the node that holds the agent matching $1 (an id pattern of Wolverine's assignment table) and measures
# how long until none of its agents is left on it and as many agents are assigned as before. Sets $taken.
kill_and_measure() {
  local what=$1 victim_id victim_number victim_agents before_total victim="" killed_at left total
  victim_id=$(sql "select node_id from anjiaxing.wolverine_node_assignments where id like '$what' limit 1")
  victim_number=$(sql "select node_number from anjiaxing.wolverine_nodes where id = '$victim_id'")
  victim_agents=$(sql "select count(*) from anjiaxing.wolverine_node_assignments where node_id = '$victim_id'")
  before_total=$(agents_total)
  for i in $(seq 1 "$nodes"); do [ -f "$dir/node$i.pid" ] && grep -q "Starting agents for Node $victim_id" "$dir/node$i.log" && victim=$i; done
  [ -n "$victim" ] || { log "no living node's log names Wolverine node $victim_id"; exit 1; }
  killed_at=$(now)
  kill -9 "${pids[$victim]}"
  pids[$victim]=""
  rm -f "$dir/node$victim.pid"
  log "killed node $victim (Wolverine node $victim_number, holding $what; $victim_agents of $before_total agents)"
  taken=""
  while [ -z "$taken" ]; do
    left=$(sql "select count(*) from anjiaxing.wolverine_node_assignments where node_id = '$victim_id'")
    total=$(agents_total)
    if [ "$left" -eq 0 ] && [ "$total" -ge "$before_total" ]; then taken=$(echo "$(now) - $killed_at" | bc -l); fi
    if [ "$(echo "$(now) - $killed_at > 120" | bc -l)" -eq 1 ]; then taken="never (120 s)"; fi
    sleep 0.25
  done
  log "the dead node's agents run elsewhere after $taken s"
  takeovers+=("$what: ${taken} s ($victim_agents agents)")
  [ "$taken" != "never (120 s)" ] || failed_takeover=1
}
takeovers=()
failed_takeover=0

# A third of the way in, the node running the statistics projection (its lag is what a supervisor sees); two thirds in,
# with three nodes or more, the leader (it must first be replaced as leader before anything of its is moved).
sleep "$(echo "$seconds / 3" | bc)"
kill_and_measure '%/scopestatistics/%'
sql "select n.node_number, a.id from anjiaxing.wolverine_node_assignments a join anjiaxing.wolverine_nodes n on n.id = a.node_id order by 1, 2" >"$dir/assignments-after"
if [ "$nodes" -ge 3 ]; then
  sleep "$(echo "$seconds / 3" | bc)"
  kill_and_measure 'wolverine://leader/'
  sql "select n.node_number, a.id from anjiaxing.wolverine_node_assignments a join anjiaxing.wolverine_nodes n on n.id = a.node_id order by 1, 2" >"$dir/assignments-after"
fi

set +e
wait "$client_pid"
status=$?
client_pid=""
set -e
cat "$dir/soak.out"
sed -n '1,40p' "$dir/soak.err" >&2
conflicts=$(cat "$dir"/node*.log | grep -c -e "ProgressionProgressOutOfOrder" -e "pk_mt_event_progression" || true)
for t in "${takeovers[@]}"; do echo "SCALE takeover $t"; done
echo "SCALE progression-conflicts=$conflicts"
echo "SCALE assignments before:"; sed 's/^/  /' "$dir/assignments-before"
echo "SCALE assignments after:"; sed 's/^/  /' "$dir/assignments-after"

# The district against the SQL truth summed over the towns: every town's own events are in the district as copies from
# that town, as many as the town holds, and none of them in another town's database.
towns_ok=1
for t in $(seq 1 "$towns"); do
  own=$(sql_at "${town_ports[$t]}" "anjiaxing_town$t" "select count(*) from anjiaxing.mt_events where headers ->> 'origin' is null and type like 'hazard%'")
  copies=$(sql "select count(*) from anjiaxing.mt_events where headers ->> 'origin' = '${town_ids[$t]}' and type like 'hazard%'")
  views=$(sql_at "${town_ports[$t]}" "anjiaxing_town$t" "select count(*) from anjiaxing.mt_doc_hazardview")
  district_views=$(sql "select count(*) from anjiaxing.mt_doc_hazardview where data ->> 'townId' = '${town_ids[$t]}'")
  echo "SCALE town ${town_names[$((t - 1))]}: hazard events $own, their copies in the district $copies; hazard views $views, in the district $district_views"
  [ "$own" -eq "$copies" ] && [ "$views" -eq "$district_views" ] || towns_ok=0
done
if [ "$towns" -ge 1 ]; then
  echo "SCALE district heads: $(sql "select count(*) from anjiaxing.ledger_district_heads"), the latest over $(sql "select coalesce((select jsonb_array_length(heads) from anjiaxing.ledger_district_heads order by id desc limit 1), 0)") databases"
fi

log "verifying the ledger from outside the service"
set +e
dotnet "$api" ledger verify --connection "$connection" --key-file "$dir/data/keys/ledger-signing.pem"
verified=$?
for t in $(seq 1 "$towns"); do
  dotnet "$api" ledger verify --connection "${town_connections[$t]}" --key-file "$dir/data/keys/ledger-signing.pem" || verified=1
done
set -e
echo "Scale run of ${seconds}s, $nodes nodes, $towns town databases, at $rate commands/s, $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)."
[ "$status" -eq 0 ] && [ "$verified" -eq 0 ] && [ "$conflicts" -eq 0 ] && [ "$failed_takeover" -eq 0 ] && [ "$towns_ok" -eq 1 ]
