#!/usr/bin/env bash
# Sets up a fresh Debian machine for MDIConnectivity, then runs the main job (the demo).
#   bash scripts/setup.sh            set up, build, run the demo
#   bash scripts/setup.sh --no-demo  set up and build only (CI)
# Installs: Squid (squid-openssl), curl, strace, OpenSSH, Chromium and iproute2 from Debian, Node 24 + packages from npm
# (the `node` package pins the runtime per project), PowerShell 7.6.10 as a .NET tool (pinned).
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=1
[ "${1:-}" = "--no-demo" ] && demo=0

say() { printf '\n== %s\n' "$*" >&2; }

# strace: the interrupted-write test holds the engine's rename() with syscall delay injection.
# samba (AD DC, provisioned by the tests into their own directory) + winbind's ntlm_auth: the NTLM proxy's verifier.
# time (GNU /usr/bin/time): npm run bench reads the engine's peak memory (RSS) from it.
if ! [ -x /usr/sbin/squid ] || ! [ -x /usr/lib/squid/security_file_certgen ] || ! command -v curl >/dev/null || ! command -v strace >/dev/null || ! [ -x /usr/bin/ntlm_auth ] || ! [ -x /usr/sbin/samba ] || ! [ -x /usr/bin/time ]; then
  say "Installing Squid (squid-openssl), Samba + winbind, curl, strace and time from Debian"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq squid-openssl curl openssl util-linux strace time samba samba-ad-provision samba-dsdb-modules winbind >/dev/null
fi
# The package starts a system Squid on 3128; tests run their own on free ports, so it is left alone.

# Fleet tests (network namespaces, an sshd per DC) and the report test (headless Chromium). policy-rc.d
# (exit 101) stops the package from starting a system sshd: the tests run their own, inside namespaces.
if ! [ -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null || ! [ -x /usr/bin/chromium ] || ! command -v ip >/dev/null; then
  say "Installing OpenSSH, Chromium and iproute2 from Debian (fleet and report tests)"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  policy=/usr/sbin/policy-rc.d; added=0
  [ -e "$policy" ] || { printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee "$policy" >/dev/null; $sudo_cmd chmod 755 "$policy"; added=1; }
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq openssh-server openssh-client chromium iproute2 >/dev/null
  if [ "$added" = 1 ]; then $sudo_cmd rm -f "$policy"; fi
fi

say "Installing npm packages (Node 24 comes from the npm 'node' package)"
npm ci --no-audit --no-fund --loglevel=error
./node_modules/.bin/node --version

# PowerShell 7, pinned: without --version the tool asks for 7.7.0, which this machine's NuGet does not serve.
pwsh_version=7.6.10
pwsh_dir="${MDI_PWSH_DIR:-$HOME/.cache/mdi-connectivity/pwsh}"
if [ -x "$pwsh_dir/pwsh" ] && [ "$("$pwsh_dir/pwsh" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null)" = "$pwsh_version" ]; then
  say "PowerShell $pwsh_version already in $pwsh_dir"
else
  say "Installing PowerShell $pwsh_version as a .NET tool into $pwsh_dir"
  command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is needed to install PowerShell 7." >&2; exit 1; }
  [ -d "$pwsh_dir" ] && dotnet tool uninstall PowerShell --tool-path "$pwsh_dir" >/dev/null 2>&1 || true
  dotnet tool install PowerShell --version "$pwsh_version" --tool-path "$pwsh_dir" >/dev/null
fi
echo "pwsh $("$pwsh_dir/pwsh" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()') at $pwsh_dir/pwsh" >&2

say "Building the module (engine bundle, contract schema)"
./node_modules/.bin/node scripts/build.mjs

if [ "$demo" = 1 ]; then
  say "Running the demo: the engine against a local Squid and sensor-API look-alikes"
  npm run --silent demo
fi
