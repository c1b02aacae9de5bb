#!/usr/bin/env bash
# The lab host: a real, isolated KVM host (sshd + libvirtd + TCG guests) in its own mount,
# network and UTS namespaces. See test/lab/README.md.
#   lab.sh up [--scale N]     start it (installs missing Debian packages as root); returns once
#                             every guest has booted
#   lab.sh exec -- CMD...     run CMD inside the lab with the LAB_* settings in its environment
#   lab.sh run [--scale N] -- CMD...   up, exec, down; exits with CMD's status
#   lab.sh env                print the settings as shell assignments
#   lab.sh status             exit 0 when up (and show its networks and VMs), 3 when down
#   lab.sh down [--all]       stop exactly the processes the lab started, remove its files
#   lab.sh prepare            only install the Debian packages and fill the cache (for CI)
# LAB_INSTANCE names the lab (default "default"; `run` makes its own unless it is set), so
# several labs can run side by side.
set -euo pipefail
# shellcheck source=test/lab/lab-common.sh
. "$(dirname "$0")/lab-common.sh"
# shellcheck source=test/lab/lab-cache.sh
. "$LAB_SRC/lab-cache.sh"
# shellcheck source=test/lab/lab-instance.sh
. "$LAB_SRC/lab-instance.sh"

INSTANCE=${LAB_INSTANCE:-default}
I=$(instance_dir "$INSTANCE")
RUN_MODE=0

usage() {
  sed -n '4,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

lock_labs() {
  mkdir -p "$LAB_ROOT"
  chmod 0755 "$LAB_ROOT"
  exec 9<"$LAB_ROOT"
  flock -w 900 9 || lab_die "another lab.sh held $LAB_ROOT for 15 minutes"
}
unlock_labs() { exec 9<&-; }

holder_pid() {
  local pid start
  read -r pid start _ 2>/dev/null <"$1/state/pids" || return 1
  pid_is "$pid" "$start" && printf '%s\n' "$pid"
}

# Up = it finished starting and its holder (so its namespaces) lives. Its daemons may have
# been restarted by a test (e.g. sshd with a new host key); `status` tells.
instance_up() {
  [ -f "$1/state/ready" ] && holder_pid "$1" >/dev/null
}

# Stale: left by a killed run (its owner, the lab.sh that started it, is gone before it
# finished or, for `run`, before its down), or its holder died.
instance_stale() {
  local dir=$1 pid start
  if read -r pid start 2>/dev/null <"$dir/state/owner"; then
    pid_is "$pid" "$start" && return 1
    return 0
  fi
  ! instance_up "$dir"
}

clean_stale() {
  local dir
  for dir in "$LAB_ROOT"/*/; do
    [ -d "$dir" ] || continue
    dir=${dir%/}
    if instance_stale "$dir"; then
      lab_log "cleaning stale lab $(basename "$dir")"
      teardown "$dir"
    fi
  done
}

cmd_up() {
  local scale=0
  while [ $# -gt 0 ]; do
    case $1 in
      --scale) scale=${2:?--scale needs a number}; shift 2 ;;
      --scale=*) scale=${1#--scale=}; shift ;;
      *) lab_die "up: unknown argument $1" ;;
    esac
  done
  [[ $scale =~ ^[0-9]+$ ]] || lab_die "--scale needs a whole number, not '$scale'"
  [ "$(id -u)" -eq 0 ] || lab_die "the lab needs root (namespaces, libvirtd, sshd); run it as root"
  local t0=$SECONDS
  lock_labs
  clean_stale
  if instance_up "$I"; then
    [ "$(cat "$I/state/scale")" = "$scale" ] ||
      lab_die "lab $INSTANCE is up with --scale $(cat "$I/state/scale"); run \`lab.sh down\` first"
    lab_log "lab $INSTANCE is already up"
    unlock_labs
    return 0
  fi
  ensure_packages
  unshare --mount --net true 2>/dev/null ||
    lab_die "cannot create mount and network namespaces here (unshare --mount --net failed)"
  ensure_cache
  lab_log "starting lab $INSTANCE in $I"
  prepare_instance "$I" "$scale"
  if ! start_instance "$I" "$scale"; then
    lab_log "lab $INSTANCE failed to start; logs: $I/log, $I/log-libvirt"
    tail -n 5 "$I"/log-libvirt/qemu/*.log "$I/log/sshd.log" 2>/dev/null >&2 || true
    teardown "$I"
    unlock_labs
    return 1
  fi
  [ "$RUN_MODE" = 1 ] || rm -f "$I/state/owner"
  unlock_labs
  lab_log "lab $INSTANCE up in $((SECONDS - t0)) s"
}

cmd_prepare() {
  [ "$(id -u)" -eq 0 ] || lab_die "the lab needs root (namespaces, libvirtd, sshd); run it as root"
  ensure_packages
  ensure_cache
}

cmd_down() {
  local all=0
  [ "${1:-}" = --all ] && all=1
  lock_labs
  if [ "$all" = 1 ]; then
    local dir
    for dir in "$LAB_ROOT"/*/; do [ -d "$dir" ] && teardown "${dir%/}"; done
  elif [ -d "$I" ]; then
    teardown "$I"
  fi
  unlock_labs
}

lab_vars() { cat "$I/state/env"; }

cmd_env() {
  instance_up "$I" || lab_die "lab $INSTANCE is not up (run \`test/lab/lab.sh up\`)"
  local line
  while IFS= read -r line; do printf "export %s='%s'\n" "${line%%=*}" "${line#*=}"; done < <(lab_vars)
}

# Runs CMD in the lab's namespaces, in the caller's folder, with the LAB_* settings.
lab_exec() {
  local holder vars
  holder=$(holder_pid "$I") && instance_up "$I" ||
    lab_die "lab $INSTANCE is not up (run \`test/lab/lab.sh up\`)"
  mapfile -t vars < <(lab_vars)
  nsenter -t "$holder" -m -n -u --wd="$PWD" -- env "${vars[@]}" "$@" 9<&-
}

cmd_status() {
  if ! instance_up "$I"; then
    echo "lab $INSTANCE: down"
    return 3
  fi
  echo "lab $INSTANCE: up (holder pid $(holder_pid "$I"), state in $I)"
  local pid start name
  while read -r pid start name; do
    case $name in
      virtlogd | libvirtd | sshd | ovsdb-server | ovs-vswitchd) pid_is "$pid" "$start" || echo "  $name (pid $pid) is no longer running" ;;
    esac
  done <"$I/state/pids"
  lab_exec virsh -c qemu:///system 'net-list --all; list --all'
}

cmd_run() {
  local up_args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do up_args+=("$1"); shift; done
  [ "${1:-}" = -- ] && shift
  [ $# -gt 0 ] || lab_die "run: give a command after --"
  if [ -z "${LAB_INSTANCE:-}" ]; then
    INSTANCE=run-$$
    I=$(instance_dir "$INSTANCE")
  fi
  RUN_MODE=1
  trap 'cmd_down' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  cmd_up "${up_args[@]}" || exit 1
  local rc=0
  lab_exec "$@" || rc=$?
  exit "$rc"
}

[ $# -gt 0 ] || usage
cmd=$1
shift
case $cmd in
  up) cmd_up "$@" ;;
  prepare) cmd_prepare ;;
  down) cmd_down "$@" ;;
  env) cmd_env ;;
  status) cmd_status ;;
  exec)
    [ "${1:-}" = -- ] && shift
    [ $# -gt 0 ] || lab_die "exec: give a command after --"
    lab_exec "$@"
    ;;
  run) cmd_run "$@" ;;
  *) usage ;;
esac
