#!/usr/bin/env bash
# `npm run test:lab`: the lab tier (*.lab.test.ts) inside a fresh lab, wrapped in selftest.sh
# (checks that the machine is unchanged and that `down` left nothing behind).
#   run-lab-tier.sh [VITEST_ARGS...]     e.g. test/lab to run only the lab's own tests
#   LAB_SCALE=N                          start the lab with --scale N (benchmarks)
# When this machine cannot host the lab: under CI=true the run fails with the reason; elsewhere
# the tier is skipped with one line saying why and how to enable it.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)

why_no_lab() {
  [ "$(uname -s)" = Linux ] || { echo "the lab needs Linux"; return; }
  [ "$(id -u)" -eq 0 ] || { echo "the lab needs root (namespaces, libvirtd, sshd)"; return; }
  command -v dpkg-query >/dev/null || { echo "the lab needs a Debian/Ubuntu machine (dpkg, apt)"; return; }
  command -v unshare >/dev/null && unshare --mount --net true 2>/dev/null ||
    { echo "this machine cannot create mount and network namespaces"; return; }
  [ -e /dev/net/tun ] || { echo "this machine has no /dev/net/tun (needed for the guests' NICs)"; return; }
}

no_lab() { # no_lab WHY [HOW TO ENABLE]
  if [ "${CI:-}" = true ]; then
    echo "[lab] the lab tier cannot run: $1" >&2
    exit 1
  fi
  echo "[lab] skipped the lab tier: $1; ${2:-to run it, run \`npm run test:lab\` as root on a Debian/Ubuntu machine (it installs what it needs)}" >&2
  exit 0
}

reason=$(why_no_lab)
[ -z "$reason" ] || no_lab "$reason"

cd "$here/../.." || exit 1
export LAB_UP_ARGS=${LAB_SCALE:+--scale $LAB_SCALE}
bash "$here/selftest.sh" -- npx vitest run --config build/vitest.config.ts --project lab "$@" \
  2> >(tee "/tmp/virtwire-lab-tier-$$.err" >&2)
rc=$?
sleep 0.2 # let tee finish
reason=$(sed -n 's/^\[selftest\] the lab did not start: //p' "/tmp/virtwire-lab-tier-$$.err" | tail -n 1)
rm -f "/tmp/virtwire-lab-tier-$$.err"
[ "$rc" -ne 75 ] || no_lab "the lab did not start (${reason:-see above})" \
  "fix that and rerun \`npm run test:lab\` (under CI=true this fails the run)"
exit "$rc"
