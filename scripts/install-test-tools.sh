#!/usr/bin/env bash
# Installs the external tools the tests and the benchmark use, from Debian apt, only those missing:
#   neovim (real LSP client test), verilator + iverilog (bench comparison), yosys + berkeley-abc +
#   opensta (reference synthesis/timing flow), chromium + ripgrep (VS Code web tests; code-server's
#   file search needs rg), and then code-server itself (scripts/install-code-server.sh, npm registry
#   only, into the git-ignored .vscode-test/; about 90 s the first time, nothing afterwards).
# Idempotent and quiet: when everything is present it does nothing. Needs root (or sudo) to install.
# Fails loudly, naming the package, when an install fails.
set -euo pipefail

# package -> a command it provides (how we tell it is installed)
declare -A PROVIDES=(
  [neovim]=nvim
  [verilator]=verilator
  [iverilog]=iverilog
  [yosys]=yosys
  [berkeley-abc]=berkeley-abc
  [opensta]=sta
  [chromium]=chromium
  [ripgrep]=rg
)
ORDER=(neovim verilator iverilog yosys berkeley-abc opensta chromium ripgrep)

missing=()
for pkg in "${ORDER[@]}"; do
  if ! command -v "${PROVIDES[$pkg]}" >/dev/null 2>&1 && ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
install_code_server() { "$(dirname "$0")/install-code-server.sh"; }
if [ ${#missing[@]} -eq 0 ]; then install_code_server; exit 0; fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else
    echo "install-test-tools: need root to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "install-test-tools: installing ${missing[*]}" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update -qq >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-test-tools: apt-get update failed" >&2
  exit 1
fi
for pkg in "${missing[@]}"; do
  if ! "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "$pkg" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "install-test-tools: FAILED to install $pkg" >&2
    exit 1
  fi
done
for pkg in "${missing[@]}"; do
  if ! command -v "${PROVIDES[$pkg]}" >/dev/null 2>&1; then
    echo "install-test-tools: $pkg installed but '${PROVIDES[$pkg]}' is not on PATH" >&2
    exit 1
  fi
done
echo "install-test-tools: done" >&2
install_code_server
