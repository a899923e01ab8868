#!/usr/bin/env bash
# Try the map as two Streamlit replicas behind nginx on this machine, and load it (issue 8).
#
#   deploy/try-two-replicas.sh                      # 25 sessions through each proxy port
#   deploy/try-two-replicas.sh --sessions 10 25     # any bench/load.py options instead
#   APP_DIR=/elsewhere/checkout deploy/try-two-replicas.sh   # replicas of another checkout's app.py
#
# Needs `make venv-dev assets` and nginx (apt-get install nginx); runs as any user.
# Starts two `streamlit run app.py` replicas and nginx (deploy/nginx-two-replicas.conf) on
# free ports of 127.0.0.1, runs bench/load.py through the proxy with the replicas' PIDs,
# and stops everything it started on exit, also on failure or Ctrl-C.
#
# The proxy listens twice, see the config for why:
# - ip_hash: sticky by client address. Every session of this benchmark comes from
#   127.0.0.1, so all of them land on ONE replica: this run measures one replica behind
#   nginx, not two. (A meeting room behind one NAT'd address would do the same.)
# - per-browser cookie: sticky per browser, so the sessions spread over both replicas.
# The "server CPU s/load" column splits the CPU by replica, so you can see which did the work.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
# The replicas' cwd: its .streamlit/config.toml, static/ and data/ apply.
APP_DIR="$(cd "${APP_DIR:-$ROOT}" && pwd)"
cd "$APP_DIR"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
STARTUP_TIMEOUT_S="${STARTUP_TIMEOUT_S:-60}"
export PARTNERSHIP_MAP_DATA="${PARTNERSHIP_MAP_DATA:-data/}"
if [ "$#" -eq 0 ]; then
  set -- --sessions 25
fi

[ -x "$PY" ] || { echo "no $PY: run 'make venv-dev assets' first" >&2; exit 1; }
[ -x "$NGINX" ] || { echo "no nginx: apt-get install nginx (or set NGINX=/path/to/nginx)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/two-replicas.XXXXXX")"
# nginx run as root serves from worker processes of another user: they must reach temp/.
chmod 755 "$WORK"
mkdir -p "$WORK/logs" "$WORK/temp" "$WORK/cache"
STARTED=()

stop_all() {
  local status=$?
  # Only what this script started, by PID; nginx's master stops its own workers.
  for pid in "${STARTED[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    for log in "$WORK"/*.log "$WORK"/logs/access.log; do
      [ -f "$log" ] && { echo "--- tail of $log" >&2; tail -n 20 "$log" >&2; }
    done
  fi
  rm -rf "$WORK"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Poll URL until it answers 200 or the deadline passes (or process PID exits): no fixed sleep.
wait_until_up() {
  local url="$1" pid="$2"
  "$PY" - "$url" "$pid" "$STARTUP_TIMEOUT_S" <<'EOF'
import os, sys, time, urllib.request
url, pid, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
deadline = time.monotonic() + timeout
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(f"process {pid} exited before {url} answered")
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.1)  # poll interval
sys.exit(f"{url} did not answer within {timeout:.0f}s")
EOF
}

# One secret for both replicas: the XSRF cookie one replica signs is valid on the other.
SECRET="$("$PY" -c 'import secrets; print(secrets.token_hex(32))')"
REPLICA_PORTS=()
REPLICA_PIDS=()
for i in 1 2; do
  port="$(free_port)"
  STREAMLIT_SERVER_COOKIE_SECRET="$SECRET" "$PY" -m streamlit run app.py \
    --server.headless true --browser.gatherUsageStats false --server.fileWatcherType none \
    --server.address 127.0.0.1 --server.port "$port" >"$WORK/replica-$i.log" 2>&1 &
  STARTED+=("$!")
  REPLICA_PIDS+=("$!")
  REPLICA_PORTS+=("$port")
done
for i in 0 1; do
  wait_until_up "http://127.0.0.1:${REPLICA_PORTS[$i]}/_stcore/health" "${REPLICA_PIDS[$i]}"
  echo "replica $((i + 1)): http://127.0.0.1:${REPLICA_PORTS[$i]} (pid ${REPLICA_PIDS[$i]})"
done

IP_HASH_PORT="$(free_port)"
BROWSER_PORT="$(free_port)"
sed -e "s/@REPLICA_1_PORT@/${REPLICA_PORTS[0]}/g" -e "s/@REPLICA_2_PORT@/${REPLICA_PORTS[1]}/g" \
  -e "s/@IP_HASH_PORT@/$IP_HASH_PORT/g" -e "s/@BROWSER_PORT@/$BROWSER_PORT/g" \
  "$ROOT/deploy/nginx-two-replicas.conf" >"$WORK/nginx.conf"
# -e stderr: not even nginx's start-up may write to /var/log (non-root users cannot).
"$NGINX" -e stderr -c "$WORK/nginx.conf" -p "$WORK/" 2>"$WORK/nginx.log" &
STARTED+=("$!")
NGINX_PID="$!"
wait_until_up "http://127.0.0.1:$IP_HASH_PORT/_stcore/health" "$NGINX_PID"
wait_until_up "http://127.0.0.1:$BROWSER_PORT/_stcore/health" "$NGINX_PID"
: >"$WORK/logs/access.log"  # count only the benchmark's requests

# bench/load.py through one proxy port; then which replica answered, from nginx's access log.
load_through() {
  local title="$1" port="$2" note="$3"
  shift 3
  echo
  echo "== nginx $title, http://127.0.0.1:$port"
  echo "   $note"
  # --warm-up: each replica's first page load imports the app's libraries; not a load figure.
  (cd "$ROOT" && "$PY" -m bench.load --url "http://127.0.0.1:$port" \
    --pid "${REPLICA_PIDS[0]}" --pid "${REPLICA_PIDS[1]}" --no-bare \
    --warm-up "http://127.0.0.1:${REPLICA_PORTS[0]}" --warm-up "http://127.0.0.1:${REPLICA_PORTS[1]}" "$@")
  echo "Requests per replica through the proxy (nginx access log; its first session learns the line counts):"
  grep -o -- '-> 127.0.0.1:[0-9]*' "$WORK/logs/access.log" | sort | uniq -c || true
  echo "Answered from nginx's copy of the front-end files: $(grep -c ' HIT$' "$WORK/logs/access.log" || true)"
  : >"$WORK/logs/access.log"
}

load_through "ip_hash" "$IP_HASH_PORT" \
  "Every session comes from 127.0.0.1, so ip_hash sends all of them to one replica." "$@"
load_through "sticky per browser (cookie hash)" "$BROWSER_PORT" \
  "Each browser context has its own cookie, so sessions spread over both replicas." "$@"
