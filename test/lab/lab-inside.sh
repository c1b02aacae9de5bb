#!/usr/bin/env bash
# Runs INSIDE the lab's mount + network + UTS namespaces (lab.sh enters them with nsenter).
#   lab-inside.sh start INSTANCE_DIR   private /sys and /run, lab folders over libvirt's and
#                                      Open vSwitch's paths, users and sudoers, then
#                                      ovsdb-server, ovs-vswitchd, virtlogd, libvirtd and sshd
#   lab-inside.sh seed INSTANCE_DIR N  networks, bridge + TAP, VMs (N extra with --scale N)
#   lab-inside.sh wait-guests INSTANCE_DIR SECONDS
#   lab-inside.sh record-children INSTANCE_DIR   pids of the guests' qemu and of dnsmasq
set -euo pipefail
# shellcheck source=test/lab/lab-common.sh
. "$(dirname "$0")/lab-common.sh"
# shellcheck source=test/lab/lab-seed.sh
. "$LAB_SRC/lab-seed.sh"

VIRSH=(virsh -q -c qemu:///system)

bind() { mount --bind "$1" "$2"; }

wait_for() { # wait_for SECONDS WHAT TEST...
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || lab_die "timed out waiting for $what"
    sleep 0.1
  done
}

start() {
  local I=$1 pin
  # Other labs' namespace pins were copied into this mount namespace; drop the copies so
  # they do not keep those namespaces alive after their own `down`.
  while read -r pin; do umount -l "$pin"; done < <(awk -v root="$LAB_ROOT/" 'index($5, root) == 1 {print $5}' /proc/self/mountinfo)
  # sysfs shows the network devices of the namespace that mounted it; remounting it here also
  # drops the machine's cgroup mounts, so libvirt makes no cgroups on the machine.
  umount -l /sys
  mount -t sysfs sysfs /sys
  # Own /run: libvirt's sockets and pid files, sshd's privsep folder; also hides the machine's
  # D-Bus, so libvirt drives iptables in this namespace directly instead of firewalld.
  mount -t tmpfs -o mode=0755 tmpfs /run
  mkdir -p /run/lock /run/sshd /run/libvirt
  chmod 1777 /run/lock
  bind "$I/etc-libvirt" /etc/libvirt
  bind "$I/lib-libvirt" /var/lib/libvirt
  bind "$I/log-libvirt" /var/log/libvirt
  bind "$I/cache-libvirt" /var/cache/libvirt
  # Open vSwitch's database and logs (its sockets and pid files go to /run/openvswitch, on
  # the tmpfs): never the machine's /etc/openvswitch or /var/lib/openvswitch.
  bind "$I/etc-openvswitch" /etc/openvswitch
  bind "$I/lib-openvswitch" /var/lib/openvswitch
  bind "$I/log-openvswitch" /var/log/openvswitch
  local f
  for f in passwd group shadow gshadow hosts; do bind "$I/etc/$f" "/etc/$f"; done
  bind "$I/etc/sudoers.d" /etc/sudoers.d
  bind "$I/etc/ssh_config" /etc/ssh/ssh_config
  # TCG only: an empty root-only file over /dev/kvm. libvirt probes qemu's capabilities with
  # KVM when /dev/kvm exists, then finds it unusable for qemu's user (libvirt-qemu) and
  # re-probes qemu (~45 s) on every define; without KVM its capabilities cache stays valid.
  if [ -e /dev/kvm ]; then
    install -m 0600 /dev/null /run/no-kvm
    bind /run/no-kvm /dev/kvm
  fi
  hostname virtwire-lab
  ip link set lo up

  start_ovs "$I"
  virtlogd -d -p /run/virtlogd.pid
  wait_for 10 virtlogd test -s /run/virtlogd.pid
  record_pid "$I/state" "$(cat /run/virtlogd.pid)" virtlogd
  libvirtd -d -p /run/libvirtd.pid
  wait_for 10 libvirtd test -s /run/libvirtd.pid
  record_pid "$I/state" "$(cat /run/libvirtd.pid)" libvirtd
  wait_for 60 "libvirtd to answer" "${VIRSH[@]}" version >/dev/null 2>&1
  /usr/sbin/sshd -f "$I/ssh/sshd_config" -E "$I/log/sshd.log"
  wait_for 10 sshd test -s /run/sshd.pid
  record_pid "$I/state" "$(cat /run/sshd.pid)" sshd
}

# Open vSwitch by hand, userspace datapath only (this kernel has no openvswitch module): the
# lab's own database, the default socket /run/openvswitch/db.sock (ovs-vsctl and libvirtd
# find it there). --detach returns once the daemon is ready and its pid file written.
start_ovs() {
  local I=$1 run=/run/openvswitch
  mkdir -p "$run"
  ovsdb-tool create /etc/openvswitch/conf.db /usr/share/openvswitch/vswitch.ovsschema
  ovsdb-server /etc/openvswitch/conf.db --remote="punix:$run/db.sock" \
    --pidfile="$run/ovsdb-server.pid" --detach --no-chdir --log-file=/var/log/openvswitch/ovsdb-server.log
  record_pid "$I/state" "$(cat "$run/ovsdb-server.pid")" ovsdb-server
  ovs-vsctl --no-wait init
  ovs-vswitchd "unix:$run/db.sock" --pidfile="$run/ovs-vswitchd.pid" --detach --no-chdir \
    --log-file=/var/log/openvswitch/ovs-vswitchd.log
  record_pid "$I/state" "$(cat "$run/ovs-vswitchd.pid")" ovs-vswitchd
  wait_for 10 "ovs-vswitchd to answer" ovs-vsctl --timeout=1 show >/dev/null 2>&1
}

wait_guests() {
  local I=$1 timeout=$2 g log
  for g in "${LAB_GUESTS[@]}"; do
    log=/var/log/libvirt/qemu/$g-serial.log
    wait_for "$timeout" "guest $g to boot (no '$LAB_GUEST_READY_LINE' in $I/log-libvirt/qemu/$g-serial.log)" \
      grep -qF "$LAB_GUEST_READY_LINE" "$log"
  done
}

record_children() {
  local I=$1 f name pid child
  for f in /run/libvirt/qemu/*.pid /run/libvirt/network/*.pid; do
    [ -s "$f" ] || continue
    name=$(basename "$f" .pid)
    [ "$name" != driver ] || continue # libvirtd's own lock file, not a child
    case $f in */qemu/*) name="qemu:$name" ;; *) name="dnsmasq:$name" ;; esac
    pid=$(cat "$f")
    record_pid "$I/state" "$pid" "$name"
    for child in $(cat "/proc/$pid/task/$pid/children" 2>/dev/null); do
      record_pid "$I/state" "$child" "$name-helper"
    done
  done
}

case ${1:-} in
  start) start "$2" ;;
  seed) seed "$2" "${3:-0}" ;;
  wait-guests) wait_guests "$2" "${3:-300}" ;;
  record-children) record_children "$2" ;;
  *) lab_die "usage: lab-inside.sh start|seed|wait-guests|record-children INSTANCE_DIR" ;;
esac
