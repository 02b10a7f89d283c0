# Shared by the serve scripts (sourced, not run): builds the binary, makes a store of the
# bundled samples, starts `policegraph serve` on a free loopback port and stops it on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/policegraph-target}"
PG="$CARGO_TARGET_DIR/release/policegraph"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

build() {
    (cd "$ROOT" && cargo build --release --locked --quiet)
}

# samples_store: ingests the bundled samples into $WORK/store.
samples_store() {
    "$PG" ingest --quiet --store "$WORK/store" "$ROOT/samples"
    STORE="$WORK/store"
}

# start_server STORE [ARGS...]: starts the server and sets BASE (http://127.0.0.1:PORT).
start_server() {
    local store="$1"; shift
    "$PG" serve --store "$store" --bind 127.0.0.1:0 "$@" >"$WORK/serve.out" 2>"$WORK/serve.err" &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        BASE="$(grep -o 'http://[0-9.:]*' "$WORK/serve.out" 2>/dev/null | head -1 || true)"
        [ -n "$BASE" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.err" >&2; return 1; }
        sleep 0.1
    done
    echo "serve did not start within 60 s" >&2
    return 1
}

# venv PACKAGES...: a Python virtual environment outside the clone with these packages.
venv() {
    VENV="$CARGO_TARGET_DIR/serve-venv"
    if [ ! -x "$VENV/bin/python" ]; then
        python3 -m venv "$VENV" 2>/dev/null || {
            sudo_apt python3-venv
            python3 -m venv "$VENV"
        }
    fi
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "$@"
}

# sudo_apt PACKAGES...: installs Debian packages (CI runs as root).
sudo_apt() {
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
