#!/usr/bin/env bash
# A class on one machine, past one process: N `streamlit run app.py` processes on loopback ports and
# nginx in front of them on PORT (default 8501), each browser kept on one process by a cookie.
# Usage: bash scripts/serve_class.sh N [PORT] [extra `streamlit run` flags...]
#   BPX_LISTEN=127.0.0.1 binds nginx to loopback only (default: every interface, for the students).
# Ctrl-C stops nginx and every process. nginx is Debian's (installed with apt-get when missing), run
# as a child of this script with a config generated from deploy/nginx.conf.template in a temporary
# folder, not as the system service. A process that ends is reported; its students reconnect to the
# others (their browsers do so by themselves, and the address they hold restores their network).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-}"
port="${2:-8501}"
shift $(($# < 2 ? $# : 2))
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]] || ! [[ "$port" =~ ^[0-9]+$ ]]; then
  echo "usage: bash scripts/serve_class.sh N [PORT] [extra streamlit flags]" >&2
  exit 2
fi
listen="${BPX_LISTEN:+$BPX_LISTEN:}$port"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

bash scripts/setup.sh requirements.txt
nginx_bin="$(command -v nginx || true)"
[ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx
if [ -z "$nginx_bin" ]; then
  echo "installing Debian's nginx"
  (as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx) >&2 ||
    { echo "could not install nginx" >&2; exit 1; }
  nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
fi

dir="$(mktemp -d -t bpx-class-XXXXXX)"
chmod 755 "$dir"  # nginx's workers (the checkout's owner when started as root) read and write here
pids=()
nginx_pid=""
stopping=""
stop() {
  stopping=1
  trap - INT TERM EXIT
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
  echo "stopped"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# Free loopback ports for the processes, and one cookie secret for all of them: a browser moved to another
# process (its own ended) keeps a valid XSRF cookie, so an upload still works there.
mapfile -t ports < <(.venv/bin/python - "$n" <<'EOF'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in socks))
EOF
)
secret="$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(32))')"

servers=""
for k in $(seq 1 "$n"); do
  p="${ports[$((k - 1))]}"
  # fileWatcherType none: no source watcher per session (.streamlit/config.toml says so too; kept here
  # so that a config edited for development cannot slow a class down)
  STREAMLIT_SERVER_COOKIE_SECRET="$secret" .venv/bin/python -m streamlit run app.py --server.headless true \
    --server.address 127.0.0.1 --server.port "$p" --server.fileWatcherType none --browser.gatherUsageStats false "$@" \
    >"$dir/server-$k.log" 2>&1 &
  pids+=($!)
  servers+="        server 127.0.0.1:$p max_fails=1 fail_timeout=10s;"$'\n'
  echo "server $k: pid $! at 127.0.0.1:$p (log $dir/server-$k.log)"
done
for k in $(seq 1 "$n"); do
  p="${ports[$((k - 1))]}"
  for _ in $(seq 1 240); do
    if .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$p/_stcore/health', timeout=2)" 2>/dev/null; then
      break
    fi
    kill -0 "${pids[$((k - 1))]}" 2>/dev/null || { echo "server $k ended at start:"; tail -20 "$dir/server-$k.log"; exit 1; }
    sleep 0.25
  done
  .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$p/_stcore/health', timeout=5)" \
    2>/dev/null || { echo "server $k did not answer within a minute:"; tail -20 "$dir/server-$k.log"; exit 1; }
done

# The first run of a process imports and compiles the lessons (1-2 s): done now, not by the first student.
urls=()
for p in "${ports[@]}"; do urls+=("http://127.0.0.1:$p"); done
.venv/bin/python bench/ws_client.py "${urls[@]}" || echo "could not warm the processes up (they still serve)"

# nginx serves the static files itself, each gzipped once here (gzip_static): Streamlit's frontend, and the
# app's ./static (plotly.min.js, which the warm-up has just put there). Copies of neither: links, beside the
# .gz files. A browser's first visit then costs the Python processes nothing for them, nor nginx a gzip.
st_static="$(.venv/bin/python -c 'import os, streamlit; print(os.path.join(os.path.dirname(streamlit.__file__), "static", "static"))')"
.venv/bin/python - "$st_static" "$dir/st_static" "$PWD/static" "$dir/app_static" <<'EOF'
import gzip, os, sys
for src, dst in zip(sys.argv[1::2], sys.argv[2::2]):
    for root, _, files in os.walk(src):
        out = os.path.join(dst, os.path.relpath(root, src))
        os.makedirs(out, exist_ok=True)
        for f in files:
            os.symlink(os.path.join(root, f), os.path.join(out, f))
            if f.endswith((".js", ".css", ".json", ".svg", ".map")) and os.path.getsize(os.path.join(root, f)) > 1024:
                with open(os.path.join(root, f), "rb") as i, gzip.open(os.path.join(out, f + ".gz"), "wb", 6) as o:
                    o.write(i.read())
EOF
mime=/etc/nginx/mime.types
[ -f "$mime" ] || mime="$(dirname "$nginx_bin")/../conf/mime.types"
user=""
if [ "$(id -u)" = 0 ]; then  # nginx's workers read the checkout's files as the user who owns it
  user="user $(stat -c %U .) $(stat -c %G .);"
fi
conf="$(cat deploy/nginx.conf.template)"
conf="${conf//\{\{DIR\}\}/$dir}"
conf="${conf//\{\{MIME_TYPES\}\}/$mime}"
conf="${conf//\{\{USER\}\}/$user}"
conf="${conf//\{\{LISTEN\}\}/$listen}"
conf="${conf//\{\{SERVERS\}\}/${servers%$'\n'}}"
printf '%s\n' "$conf" >"$dir/nginx.conf"
"$nginx_bin" -t -q -p "$dir" -c "$dir/nginx.conf" -g "daemon off;"
"$nginx_bin" -p "$dir" -c "$dir/nginx.conf" -g "daemon off;" &
nginx_pid=$!
for _ in $(seq 1 80); do
  if .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/_stcore/health', timeout=2)" 2>/dev/null; then
    break
  fi
  kill -0 "$nginx_pid" 2>/dev/null || { echo "nginx ended at start"; exit 1; }
  sleep 0.25
done
echo "nginx: pid $nginx_pid on $listen (config $dir/nginx.conf)"
echo "ready: http://${BPX_LISTEN:-localhost}:$port  ($n processes; Ctrl-C stops all)"

left="$n"
while :; do
  ended=""
  wait -n -p ended || true
  [ -n "$stopping" ] && break
  if [ "$ended" = "$nginx_pid" ]; then
    echo "nginx ended: stopping"
    exit 1
  fi
  for k in "${!pids[@]}"; do
    if [ "${pids[$k]}" = "$ended" ]; then
      left=$((left - 1))
      echo "server $((k + 1)) (pid $ended) ended; its students move to the $left left"
    fi
  done
  if [ "$left" -le 0 ]; then
    echo "every server ended: stopping"
    exit 1
  fi
done
