# One lab instance: its files, its start inside fresh namespaces, and its exact teardown.
# Sourced by lab.sh after lab-common.sh and lab-cache.sh.
#   INSTANCE_DIR/state/pids    "PID STARTTIME NAME" of every process the lab started (holder first)
#   INSTANCE_DIR/state/ns      the lab's network namespace, "net:[…]"
#   INSTANCE_DIR/state/netns   bind mount pinning that namespace until teardown
#   INSTANCE_DIR/state/owner   the lab.sh that is starting it, or (`run`) using it
#   INSTANCE_DIR/state/env     the LAB_* settings
# shellcheck shell=bash

free_id() { # free_id passwd|group FROM: the first id not in the machine's database
  local id=$2
  while getent "$1" "$id" >/dev/null; do id=$((id + 1)); done
  printf '%s\n' "$id"
}

pw_hash() { LAB_PW=$1 perl -e 'my @c=("a".."z","A".."Z",0..9); my $s=join("",map {$c[rand @c]} 1..16); print crypt($ENV{LAB_PW}, "\$6\$$s\$")'; }

# add_user I NAME PASSWORD GECOS: a password-login user with its own group and home in the
# lab's copies of passwd/shadow/group/gshadow (ids free on the machine and in the lab).
add_user() {
  local I=$1 user=$2 password=$3 gecos=$4 uid gid
  uid=$(free_id passwd 61000)
  while cut -d: -f3 "$I/etc/passwd" | grep -qx "$uid"; do uid=$(free_id passwd $((uid + 1))); done
  gid=$(free_id group "$uid")
  while cut -d: -f3 "$I/etc/group" | grep -qx "$gid"; do gid=$(free_id group $((gid + 1))); done
  mkdir -p "$I/home/$user"
  printf '%s:x:%s:%s:%s:%s:/bin/bash\n' "$user" "$uid" "$gid" "$gecos" "$I/home/$user" >>"$I/etc/passwd"
  printf '%s:%s:19000:0:99999:7:::\n' "$user" "$(pw_hash "$password")" >>"$I/etc/shadow"
  printf '%s:x:%s:\n' "$user" "$gid" >>"$I/etc/group"
  printf '%s:!::\n' "$user" >>"$I/etc/gshadow"
  chown "$uid:$gid" "$I/home/$user"
}

# add_to_group I GROUP USER: USER becomes a member of GROUP in the lab's group and gshadow.
add_to_group() {
  local I=$1 group=$2 user=$3 f
  grep -q "^$group:" "$I/etc/group" || lab_die "the machine has no group $group (is libvirt-daemon-system installed?)"
  for f in group gshadow; do
    awk -F: -v OFS=: -v g="$group" -v u="$user" '$1 == g { $NF = ($NF == "" ? u : $NF "," u) } { print }' \
      "$I/etc/$f" >"$I/etc/$f.new"
    cat "$I/etc/$f.new" >"$I/etc/$f" && rm -f "$I/etc/$f.new"
  done
}

prepare_users() {
  local I=$1 user=$LAB_PASSWORD_USER_NAME password=$2 virt=$LAB_LIBVIRT_USER_NAME virt_password=$3
  mkdir -p "$I/etc"
  cp /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/hosts "$I/etc/"
  printf '127.0.1.1\tvirtwire-lab\n' >>"$I/etc/hosts"
  # root logs in to a home of the lab's own, set up as a new Debian host sets up root's (the
  # base-files startup files), not this machine's /root: sshd's bash reads ~/.bashrc for every
  # command, and a developer's (pyenv, conda, nvm) would make each lab command cost ~0.5 s.
  install -d -m 0700 "$I/home/root"
  install -m 0644 /usr/share/base-files/dot.bashrc "$I/home/root/.bashrc"
  install -m 0644 /usr/share/base-files/dot.profile "$I/home/root/.profile"
  awk -F: -v OFS=: -v home="$I/home/root" '$1 == "root" { $6 = home } 1' "$I/etc/passwd" >"$I/etc/passwd.new"
  cat "$I/etc/passwd.new" >"$I/etc/passwd" && rm -f "$I/etc/passwd.new"
  add_user "$I" "$user" "$password" 'VirtWire lab user'
  # labvirt: in the libvirt group (the lab's libvirtd socket is root:libvirt 0770), so plain
  # virsh works for him; no sudoers rule at all.
  add_user "$I" "$virt" "$virt_password" 'VirtWire lab libvirt user'
  add_to_group "$I" libvirt "$virt"
  # The machine's sudoers.d plus the lab's rule, seen only inside the lab's mount namespace:
  # labuser runs any command with the password, virsh/ip/bridge/ovs-vsctl without (sudo takes
  # the last match).
  mkdir -p "$I/etc/sudoers.d"
  cp -a /etc/sudoers.d/. "$I/etc/sudoers.d/" 2>/dev/null || true
  cat >"$I/etc/sudoers.d/virtwire-lab" <<EOF
$user ALL=(ALL:ALL) ALL
$user ALL=(root) NOPASSWD: /usr/bin/virsh, /usr/bin/ip, /usr/sbin/ip, /bin/ip, /sbin/ip, /usr/sbin/bridge, /sbin/bridge, /usr/bin/bridge, /bin/bridge, /usr/bin/ovs-vsctl, /bin/ovs-vsctl
EOF
  chmod 0440 "$I/etc/sudoers.d/virtwire-lab"
}

prepare_ssh() {
  local I=$1 ssh=$1/ssh
  mkdir -p "$ssh/authorized_keys"
  ssh-keygen -q -t ed25519 -N '' -C virtwire-lab-host -f "$ssh/ssh_host_ed25519_key"
  ssh-keygen -q -t ed25519 -N '' -C virtwire-lab-client -f "$ssh/id_ed25519"
  install -m 0644 "$ssh/id_ed25519.pub" "$ssh/authorized_keys/root"
  printf '[127.0.0.1]:%s %s\n' "$LAB_SSH_PORT_DEFAULT" "$(cut -d' ' -f1,2 "$ssh/ssh_host_ed25519_key.pub")" >"$ssh/known_hosts"
  cat >"$ssh/sshd_config" <<EOF
Port $LAB_SSH_PORT_DEFAULT
ListenAddress 127.0.0.1
HostKey $ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
UsePAM no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
AuthorizedKeysFile $ssh/authorized_keys/%u
StrictModes yes
X11Forwarding no
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
LogLevel VERBOSE
EOF
  # Inside the lab every ssh client (virsh's qemu+ssh too) trusts the lab's host key.
  { printf 'GlobalKnownHostsFile /etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2 %s\n' "$ssh/known_hosts"
    cat /etc/ssh/ssh_config; } >"$I/etc/ssh_config"
}

# The folders libvirt's packages ship under /var/{lib,log,cache}/libvirt, with the machine's
# modes and owners (postinst gives /var/lib/libvirt/qemu to libvirt-qemu), but none of its files.
make_libvirt_dirs() {
  local I=$1 dir sub mode owner
  while read -r dir; do
    case $dir in
      /var/lib/libvirt*) sub=lib-libvirt${dir#/var/lib/libvirt} ;;
      /var/log/libvirt*) sub=log-libvirt${dir#/var/log/libvirt} ;;
      /var/cache/libvirt*) sub=cache-libvirt${dir#/var/cache/libvirt} ;;
      *) continue ;;
    esac
    [ -d "$dir" ] || continue
    read -r mode owner < <(stat -c '%a %U:%G' "$dir")
    mkdir -p "$I/$sub"
    chmod "$mode" "$I/$sub"
    chown "$owner" "$I/$sub"
  done < <(dpkg-query -W -f='${Package}\n' 'libvirt*' 2>/dev/null | xargs -r dpkg -L 2>/dev/null | sort -u)
}

prepare_instance() {
  local I=$1 scale=$2 password virt_password
  [ ! -e "$I" ] || teardown "$I"
  mkdir -p "$I"/{state,log,lib-libvirt,log-libvirt,cache-libvirt,etc-libvirt,seed} \
    "$I"/{etc-openvswitch,lib-openvswitch,log-openvswitch}
  chmod 0755 "$I"
  make_libvirt_dirs "$I"
  printf '%s %s\n' "$$" "$(proc_starttime $$)" >"$I/state/owner"
  printf '%s\n' "$scale" >"$I/state/scale"
  cp -a "$LAB_CACHE/etc-libvirt/." "$I/etc-libvirt/"
  rm -f "$I/etc-libvirt/.complete"
  # No cgroups: libvirt would otherwise make them in the machine's cgroup tree. No private
  # mount namespace per guest: libvirt cannot move the lab's empty file over /dev/kvm (see
  # lab-inside.sh) into one ("Unable to move … mount to /dev/kvm: Invalid argument").
  printf '\n# virtwire lab\ncgroup_controllers = [ ]\nnamespaces = [ ]\n' >>"$I/etc-libvirt/qemu.conf"
  # What Debian's systemd socket units and polkit rules give a real host (there is no D-Bus,
  # so no polkit, in the lab): the read-write socket is root:libvirt 0770 and members of the
  # libvirt group get in; others get "Permission denied".
  printf '%s\n' '' '# virtwire lab' 'unix_sock_group = "libvirt"' 'unix_sock_ro_perms = "0777"' \
    'unix_sock_rw_perms = "0770"' 'auth_unix_ro = "none"' 'auth_unix_rw = "none"' >>"$I/etc-libvirt/libvirtd.conf"
  [ -d "$LAB_CACHE/libvirt-cache" ] && cp -a "$LAB_CACHE/libvirt-cache/." "$I/cache-libvirt/"
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  virt_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  prepare_users "$I" "$password" "$virt_password"
  prepare_ssh "$I"
  cat >"$I/state/env" <<EOF
LAB_SSH_HOST=127.0.0.1
LAB_SSH_PORT=$LAB_SSH_PORT_DEFAULT
LAB_SSH_USER=root
LAB_SSH_KEY=$I/ssh/id_ed25519
LAB_KNOWN_HOSTS=$I/ssh/known_hosts
LAB_LIBVIRT_URI=qemu:///system
LAB_PASSWORD_USER=$LAB_PASSWORD_USER_NAME
LAB_PASSWORD=$password
LAB_LIBVIRT_USER=$LAB_LIBVIRT_USER_NAME
LAB_LIBVIRT_PASSWORD=$virt_password
EOF
}

start_instance() {
  local I=$1 scale=$2 holder inside=$LAB_SRC/lab-inside.sh
  # The holder keeps the namespaces alive; everything else is started inside them.
  setsid unshare --mount --net --uts --propagation private -- sleep infinity </dev/null >/dev/null 2>&1 9<&- &
  holder=$!
  local tries=0
  until [ "$(ns_id "$holder" 2>/dev/null)" != "$(ns_id $$)" ] && [ -n "$(ns_id "$holder" 2>/dev/null)" ]; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || { echo '[lab] error: the namespace holder did not start' >&2; return 1; }
    sleep 0.05
  done
  record_pid "$I/state" "$holder" holder
  ns_id "$holder" >"$I/state/ns"
  touch "$I/state/netns"
  mount --bind "/proc/$holder/ns/net" "$I/state/netns"
  local enter=(nsenter -t "$holder" -m -n -u --) step arg
  for step in start "seed $scale" record-children "wait-guests ${LAB_BOOT_TIMEOUT:-300}"; do
    read -r step arg <<<"$step"
    [ "$step" != wait-guests ] || lab_log "waiting for guests ${LAB_GUESTS[*]} to boot"
    # shellcheck disable=SC2086 # $arg is one word or none
    if ! "${enter[@]}" bash "$inside" "$step" "$I" $arg 9<&- >>"$I/log/lab.log" 2>&1; then
      printf '[lab] error: %s\n' "$(tail -n 1 "$I/log/lab.log" | sed 's/^\[lab\] error: //')" >&2
      return 1
    fi
  done
  # Keep libvirt's qemu capabilities for the next lab (refreshed when libvirt re-probed).
  (
    flock -w 60 9 || exit 0
    if ! diff -rq "$I/cache-libvirt" "$LAB_CACHE/libvirt-cache" >/dev/null 2>&1; then
      rm -rf "$LAB_CACHE/libvirt-cache.new"
      cp -a "$I/cache-libvirt" "$LAB_CACHE/libvirt-cache.new" &&
        rm -rf "$LAB_CACHE/libvirt-cache" && mv "$LAB_CACHE/libvirt-cache.new" "$LAB_CACHE/libvirt-cache"
    fi
  ) 9>"$LAB_CACHE/.lock" || true
  touch "$I/state/ready"
}

# stop_pids SECONDS PID...: TERM, up to SECONDS for them to exit, then KILL.
stop_pids() {
  local secs=$1 p deadline
  shift
  [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null || true
  deadline=$((SECONDS + secs))
  for p in "$@"; do
    while pid_alive "$p" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
  done
  for p in "$@"; do pid_alive "$p" && kill -KILL "$p" 2>/dev/null; done
  for p in "$@"; do while pid_alive "$p"; do sleep 0.05; done; done
  return 0
}

teardown() {
  local I=$1 pid start name holder='' ns='' alive=()
  if [ -f "$I/state/pids" ]; then
    while read -r pid start name; do
      pid_is "$pid" "$start" || continue
      if [ "$name" = holder ]; then holder=$pid; else alive+=("$pid"); fi
    done <"$I/state/pids"
  fi
  stop_pids 10 "${alive[@]}"
  # Processes the lab's daemons or `exec` started after up (e.g. guests a test started).
  [ -f "$I/state/ns" ] && ns=$(cat "$I/state/ns")
  if [ -n "$ns" ]; then
    mapfile -t alive < <(pids_in_ns "$ns" | grep -vx "${holder:-none}")
    local p names=()
    for p in "${alive[@]}"; do names+=("$(cat "/proc/$p/comm" 2>/dev/null):$p"); done
    [ ${#alive[@]} -eq 0 ] || lab_log "also stopping what was started in the lab after up: ${names[*]}"
    stop_pids 10 "${alive[@]}"
  fi
  [ -n "$holder" ] && stop_pids 5 "$holder"
  mountpoint -q "$I/state/netns" 2>/dev/null && umount "$I/state/netns"
  # Every mount was made in the lab's private mount namespace, gone with its last process;
  # refuse to delete if one still shows on the machine.
  if grep -qF " $I" /proc/self/mountinfo; then
    lab_log "mounts under $I remain on the machine; not removing it"
    return 1
  fi
  rm -rf "$I"
}
