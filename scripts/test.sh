#!/usr/bin/env bash
# The README's test command. On a fresh Debian 12 machine it installs what the tests use (PostgreSQL 15 binaries,
# Chromium and a CJK font for the browser tests and screenshots, npm for the pages' libraries, poppler and ffmpeg for
# the PDF and video tests), runs every test project of the solution, and leaves nothing in the temp directory:
# the run gets a temp directory of its own, removed on exit, with any database cluster it started stopped first.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql-15)
command -v runuser >/dev/null || need+=(util-linux)
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi -e wqy -e "noto.*cjk" || need+=(fonts-wqy-zenhei)
command -v npm >/dev/null || need+=(npm)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
# The city feed's RabbitMQ test starts a throwaway node of its own (and stops it); installing starts no daemon here.
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The tests need: ${need[*]} (install them, e.g. sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "Installing: ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A temp directory for this run only. PostgreSQL runs as 'postgres' when we are root, so it must be able to enter it.
run_tmp="$(mktemp -d "${TMPDIR:-/tmp}/anjiaxing-run-XXXXXX")"
chmod 0755 "$run_tmp"
cleanup() {
  # Clusters the test host could not stop (a killed test host does not run its exit handlers).
  for pid_file in "$run_tmp"/anjiaxing-test-pg-*/data/postmaster.pid; do
    [ -f "$pid_file" ] || continue
    kill -9 "$(head -n 1 "$pid_file")" 2>/dev/null || true
  done
  rm -rf "$run_tmp"
}
trap cleanup EXIT
export TMPDIR="$run_tmp"

dotnet test AnJiaXing.sln "$@"
