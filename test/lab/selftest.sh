#!/usr/bin/env bash
# The lab's checks that cannot run inside the lab: around `up`, CMD (run inside the lab) and
# `down`, the machine's own network devices and libvirt stay as they were, and `down` leaves no
# process, namespace, mount or file of the lab behind (and is idempotent).
#   selftest.sh [-- CMD...]    exits with CMD's status, 1 if a check failed, 75 if the lab did
#                              not start
#   LAB_UP_ARGS                extra arguments for `lab.sh up` (e.g. "--scale 40")
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=test/lab/lab-common.sh
. "$here/lab-common.sh"
[ "${1:-}" = -- ] && shift

export LAB_INSTANCE=selftest-$$
lab=$here/lab.sh
dir=$(instance_dir "$LAB_INSTANCE")
failures=0
fail() { printf '[selftest] FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
pass() { printf '[selftest] ok: %s\n' "$*" >&2; }

host_links() { ip -j link | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).map(l=>l.ifname).sort().join(" ")))'; }
host_virsh() { # the machine's own libvirt, if it runs one
  [ -S /run/libvirt/libvirt-sock ] || { echo none; return; }
  virsh -c qemu:///system 'list --all --name; net-list --all --name' 2>&1
}

links_before=$(host_links)
virsh_before=$(host_virsh)

# shellcheck disable=SC2086
if ! bash "$lab" up ${LAB_UP_ARGS:-} 2> >(tee "/tmp/virtwire-lab-selftest-$$.up" >&2); then
  bash "$lab" down
  sleep 0.2 # let tee finish
  reason=$(grep -F '[lab] error:' "/tmp/virtwire-lab-selftest-$$.up" | tail -n 1)
  rm -f "/tmp/virtwire-lab-selftest-$$.up"
  echo "[selftest] the lab did not start${reason:+: ${reason#\[lab\] error: }}" >&2
  exit 75
fi
rm -f "/tmp/virtwire-lab-selftest-$$.up"
cp "$dir/state/pids" "/tmp/virtwire-lab-selftest-$$.pids"
ns=$(cat "$dir/state/ns")
[ "$(host_links)" = "$links_before" ] && pass "the machine's network devices are unchanged while the lab is up" ||
  fail "the machine's network devices changed while the lab is up: before [$links_before], now [$(host_links)]"

rc=0
if [ $# -gt 0 ]; then
  bash "$lab" exec -- "$@" || rc=$?
fi

bash "$lab" down || fail "lab.sh down failed"
bash "$lab" down || fail "a second lab.sh down failed (not idempotent)"

alive=()
while read -r pid start name; do
  pid_is "$pid" "$start" && alive+=("$name:$pid")
done <"/tmp/virtwire-lab-selftest-$$.pids"
rm -f "/tmp/virtwire-lab-selftest-$$.pids"
[ ${#alive[@]} -eq 0 ] && pass "no process the lab started is alive" || fail "still alive after down: ${alive[*]}"
left=$(pids_in_ns "$ns" | tr '\n' ' ')
left+=$(find /proc/[0-9]*/fd -type l -printf '%l %p\n' 2>/dev/null | grep -F "$ns" | cut -d' ' -f2 | tr '\n' ' ')
[ -z "$left" ] && pass "no process is in or holds the lab's network namespace" || fail "processes in or holding the lab's namespace: $left"
# A namespace lives while a process or a mount holds it; neither must remain.
if grep -qF "$dir" /proc/self/mountinfo; then fail "mounts of the lab remain: $(grep -F "$dir" /proc/self/mountinfo)"; else pass "no mount of the lab remains"; fi
[ ! -e "$dir" ] && pass "the lab's folder $dir is gone" || fail "the lab's folder $dir remains"
[ "$(host_links)" = "$links_before" ] && pass "the machine's network devices are as before" ||
  fail "the machine's network devices changed: before [$links_before], after [$(host_links)]"
[ "$(host_virsh)" = "$virsh_before" ] && pass "the machine's own libvirt is as before" ||
  fail "the machine's own libvirt changed"

if [ "$failures" -gt 0 ]; then
  echo "[selftest] $failures check(s) failed" >&2
  exit 1
fi
exit "$rc"
