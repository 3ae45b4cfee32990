#!/bin/sh
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest release that runs on Node 20) into the
# git-ignored .vscode-test/code-server, for the real-VS-Code tests (test/vscode/).
#
# Why not a plain `npm install code-server`: its postinstall refuses root, downloads prebuilt
# binaries from GitHub (argon2, ripgrep) and builds kerberos (needs libkrb5-dev); any failure rolls
# the whole install back. So this follows the offline recipe in ../shared/recipes/real-clients.md:
# install without scripts, rebuild only the native modules the server needs, skip kerberos (proxy
# auth only) and ripgrep's download, then do the rest of postinstall.sh. Instead of the downloaded
# `rg`, Debian's ripgrep (if installed) is linked in: VS Code's file search needs it, and so does
# `workspace.findFiles`, which "PPA Lens: Select Process Model" calls.
#
# Needs only the npm registry. Idempotent: a stamp file marks a finished install, and a broken or
# partial install is redone from scratch in a side folder that is renamed only on success.
# Usage: scripts/install-code-server.sh [DEST]   (about 90 s on 2 cores)
set -eu

VER=4.100.3
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${1:-$ROOT/.vscode-test/code-server}
STAMP="$DEST/.installed-$VER"

# Links the system's rg where @vscode/ripgrep expects its downloaded binary. Run on every call, so
# installing ripgrep after code-server is enough.
link_rg() {
  bin="$1/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin"
  if rg=$(command -v rg); then
    mkdir -p "$bin" && ln -sfn "$rg" "$bin/rg"
  elif [ ! -e "$bin/rg" ]; then
    echo "install-code-server: warning: no rg on PATH (apt-get install ripgrep): file search and workspace.findFiles will fail" >&2
  fi
}
if [ -f "$STAMP" ]; then link_rg "$DEST"; exit 0; fi

# node-gyp builds against the running node's own headers (PREFIX/include/node) instead of
# downloading them from nodejs.org, which CI cannot reach.
NODE_PREFIX=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
export npm_config_nodedir="${npm_config_nodedir:-$NODE_PREFIX}"
if [ ! -f "$npm_config_nodedir/include/node/node.h" ]; then
  echo "install-code-server: no Node headers in $npm_config_nodedir/include/node (set npm_config_nodedir)" >&2
  exit 1
fi
# The project's .npmrc (ignore-scripts) must not apply: DEST gets its own package.json, so npm
# treats DEST as the project. Keep npm quiet and away from the user's update checks.
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

WORK="$DEST.partial"
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
echo '{"private":true}' > package.json
log="$WORK/install.log"
step() { echo "install-code-server: $*" >&2; }
run() {
  if ! "$@" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "install-code-server: FAILED: $* (in $(pwd))" >&2
    exit 1
  fi
}

t0=$(date +%s)
step "npm install code-server@$VER (without its postinstall)"
run npm install --no-audit --no-fund --ignore-scripts "code-server@$VER"
step "building argon2 from source (its prebuilt download needs GitHub)"
run npm rebuild argon2
VS="$WORK/node_modules/code-server/lib/vscode"
step "installing VS Code's server dependencies"
( cd "$VS" && run npm install --no-audit --no-fund --omit=dev --ignore-scripts )
( cd "$VS" && run npm rebuild @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid )
# node-pty's own postinstall also runs `npx node-gyp` for compile_commands.json, which may be
# refused; what matters is that pty.node got built.
( cd "$VS" && { npm rebuild node-pty >>"$log" 2>&1 || test -f node_modules/node-pty/build/Release/pty.node; } ) || {
  tail -n 40 "$log" >&2; echo "install-code-server: FAILED: node-pty" >&2; exit 1; }
# The rest of code-server's postinstall.sh.
ln -sfn node_modules "$VS/node_modules.asar"
( cd "$VS/bin/remote-cli" && ln -sfn code-linux.sh code-server )
( cd "$VS/bin/helpers" && ln -sfn browser-linux.sh browser.sh )
step "installing the built-in extensions' dependencies"
( cd "$VS/extensions" && run npm install --no-audit --no-fund --omit=dev )
test -x "$WORK/node_modules/.bin/code-server" || { echo "install-code-server: no node_modules/.bin/code-server" >&2; exit 1; }

link_rg "$WORK"

rm -f "$log"
cd "$ROOT"
rm -rf "$DEST"
mv "$WORK" "$DEST"
touch "$STAMP"
step "code-server $VER installed in $DEST ($(( $(date +%s) - t0 )) s)"
