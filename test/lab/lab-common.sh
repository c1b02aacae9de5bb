# Shared by the lab scripts (sourced, not run): paths, logging and exact process bookkeeping.
# shellcheck shell=bash

LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Per-instance state (keys, configs, the lab's libvirt folders). Not world-writable, because
# sshd's StrictModes refuses authorized_keys below a world-writable folder such as /var/tmp.
LAB_ROOT=${LAB_ROOT:-/var/lib/virtwire-lab}
# Survives between runs: package debs, guest kernel, initramfs, libvirt's package-default config.
LAB_CACHE=${LAB_CACHE:-/var/cache/virtwire-lab}
LAB_SSH_PORT_DEFAULT=2222
LAB_PASSWORD_USER_NAME=labuser
# In the libvirt group (plain `virsh -c qemu:///system` works), no sudo rights at all.
LAB_LIBVIRT_USER_NAME=labvirt
LAB_GUESTS=(guest1 guest2 guest3)
LAB_GUEST_READY_LINE='virtwire-lab: guest init ready'
# The guests' initramfs in the cache (lab-cache.sh); a new name when its contents change.
LAB_INITRD=initrd-dhcp2.gz

lab_log() { printf '[lab] %s\n' "$*" >&2; }
lab_die() { printf '[lab] error: %s\n' "$*" >&2; exit 1; }

# Start time of a process in clock ticks since boot: with the pid it names one process
# for good, so a recycled pid is never mistaken for a lab process.
proc_starttime() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  printf '%s\n' "${20}"
}

# Alive and not a zombie: this machine's init reaps orphans only every few seconds.
pid_alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat:0:1}" != Z ]
}

# pid_is PID STARTTIME: true while that very process is alive.
pid_is() {
  local now
  now=$(proc_starttime "$1") || return 1
  [ "$now" = "$2" ] && pid_alive "$1"
}

# record_pid STATE_DIR PID NAME: append to the instance's list of processes it started.
record_pid() {
  local start
  start=$(proc_starttime "$2") || lab_die "process $3 (pid $2) died right after starting"
  printf '%s %s %s\n' "$2" "$start" "$3" >>"$1/pids"
}

# Network namespace of a process, e.g. "net:[4026532290]". The lab pins its namespace with a
# bind mount (state/netns) until `down`, so this identity is never reused while it matters.
ns_id() { readlink "/proc/$1/ns/net" 2>/dev/null; }

# Every pid in the lab's network namespace: only processes started inside the lab can be there
# (its daemons, guests' qemu — which libvirt puts in a mount namespace of its own — dnsmasq,
# commands run with `exec`).
pids_in_ns() {
  local want=$1 p
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [ "$(ns_id "$p" 2>/dev/null)" = "$want" ] && printf '%s\n' "$p"
  done
  return 0
}

instance_dir() { printf '%s/%s\n' "$LAB_ROOT" "$1"; }
