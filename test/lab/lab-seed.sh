# The lab's seed: what a small real KVM host looks like. Sourced by lab-inside.sh (so it runs
# inside the lab's namespaces, against the lab's libvirtd).
#   networks  default (NAT, virbr0, active, autostart) · isolated (virbr1, active, autostart)
#             routed (virbr2, forward mode route, defined but inactive)
#   bridge    tester, made by hand, with the TAP vm-vnic plugged in
#   OVS       ovsbr0 (Open vSwitch, datapath_type=netdev), with the TAP ovs-tap0 as a port
#   veth      vethlab0 / vethlab1, both up: vethlab0 stands in for a physical NIC (macvtap)
#   running   guest1: default 52:54:00:00:01:01, isolated 52:54:00:00:01:02
#             guest2: default 52:54:00:00:02:01, bridge tester 52:54:00:00:02:02
#             guest3: direct (macvtap) on vethlab0 mode bridge 52:54:00:00:06:01,
#                     OVS ovsbr0 with <virtualport type='openvswitch'/> 52:54:00:00:06:02,
#                     default 52:54:00:00:06:03 "rich": virtio, driver vhost queues 2,
#                     filterref clean-traffic (IP 192.168.122.50), link down, mtu 1400
#   shut off  vm-off1: default 52:54:00:00:03:01
#             vm-off2: isolated 52:54:00:00:04:01, routed 52:54:00:00:04:02
#             vm-off3: routed 52:54:00:00:05:01, bridge tester 52:54:00:00:05:02
#             vm-odd (never started): 07:01 network gone-net (undefined), 07:02 bridge
#                     br-gone (missing), 07:03 direct on nosuch0 (missing) mode vepa, 07:04 rich
#                     on default (as guest3's, plus <bandwidth> and <boot order='1'/>),
#                     07:05 user (<boot order='2'/>), 07:06 ethernet (target vw-eth0), 07:07 mcast, 07:08 udp,
#                     07:09 vhostuser (all 52:54:00:00:07:xx)
#   --scale N scale-vm-0001.. (N, shut off) and scale-net-001.. (N/4 isolated, active, no IP)
# shellcheck shell=bash

LAB_BOOT=/var/lib/libvirt/boot
LAB_GUEST_MEMORY_MIB=160

network_xml() { # network_xml NAME BRIDGE FORWARD_MODE|'' IP_PREFIX|''
  local name=$1 bridge=$2 mode=$3 prefix=$4
  printf "<network>\n  <name>%s</name>\n  <bridge name='%s' stp='on' delay='0'/>\n" "$name" "$bridge"
  [ -n "$mode" ] && printf "  <forward mode='%s'/>\n" "$mode"
  if [ -n "$prefix" ]; then
    printf "  <ip address='%s.1' netmask='255.255.255.0'>\n" "$prefix"
    printf "    <dhcp><range start='%s.2' end='%s.254'/></dhcp>\n  </ip>\n" "$prefix" "$prefix"
  fi
  printf '</network>\n'
}

nic_xml() { # nic_xml MAC network:NAME|bridge:NAME
  local mac=$1 kind=${2%%:*} source=${2#*:}
  printf "    <interface type='%s'>\n      <mac address='%s'/>\n" "$kind" "$mac"
  printf "      <source %s='%s'/>\n      <model type='virtio'/>\n    </interface>\n" "$kind" "$source"
}

# nic_raw TYPE MAC LINES...: an <interface> with any inner elements (indented here) and virtio.
nic_raw() {
  local type=$1 mac=$2 line
  shift 2
  printf "    <interface type='%s'>\n      <mac address='%s'/>\n" "$type" "$mac"
  for line in "$@"; do printf '      %s\n' "$line"; done
  printf "      <model type='virtio'/>\n    </interface>\n"
}

# The "rich" NIC's extras. No <bandwidth> on a running guest: this kernel lacks the sfq qdisc.
RICH_NIC=("<driver name='vhost' queues='2'/>"
  "<filterref filter='clean-traffic'><parameter name='IP' value='192.168.122.50'/></filterref>"
  "<link state='down'/>" "<mtu size='1400'/>")

domain_xml() { # domain_xml NAME MAC=SOURCE|<interface XML>...
  local name=$1 nic
  shift
  cat <<EOF
<domain type='qemu'>
  <name>$name</name>
  <memory unit='MiB'>$LAB_GUEST_MEMORY_MIB</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$LAB_BOOT/vmlinuz</kernel>
    <initrd>$LAB_BOOT/initrd.gz</initrd>
    <cmdline>console=ttyS0 quiet panic=-1 vw.name=$name</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
EOF
  for nic in "$@"; do
    case $nic in
      *'<interface '*) printf '%s\n' "$nic" ;;
      *) nic_xml "${nic%%=*}" "${nic#*=}" ;;
    esac
  done
  cat <<EOF
    <serial type='pty'>
      <log file='/var/log/libvirt/qemu/$name-serial.log' append='off'/>
      <target port='0'/>
    </serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
}

# Runs a list of virsh commands (one per line) over one connection; fails if any failed.
virsh_batch() {
  local cmds err
  cmds=$(paste -sd ';')
  [ -n "$cmds" ] || return 0
  err=$("${VIRSH[@]}" "$cmds" 2>&1 >/dev/null) || true
  [ -z "$err" ] || lab_die "virsh: $err"
}

default_active() {
  local info
  info=$("${VIRSH[@]}" net-info default 2>/dev/null) || return 1
  [[ $info =~ Active:\ +yes ]]
}

seed() {
  local I=$1 scale=$2 xml=$1/seed
  mkdir -p "$xml" "$LAB_BOOT"
  install -m 0644 "$LAB_CACHE/kernel/vmlinuz" "$LAB_BOOT/vmlinuz"
  install -m 0644 "$LAB_CACHE/kernel/$LAB_INITRD" "$LAB_BOOT/initrd.gz"

  ip link add tester type bridge
  ip tuntap add dev vm-vnic mode tap
  ip link set vm-vnic master tester
  ip link set vm-vnic up
  ip link set tester up
  # Open vSwitch (userspace datapath; lab-inside.sh started its daemons) with a TAP port.
  ovs-vsctl add-br ovsbr0 -- set bridge ovsbr0 datapath_type=netdev
  ip tuntap add dev ovs-tap0 mode tap
  ip link set ovs-tap0 up
  ovs-vsctl add-port ovsbr0 ovs-tap0
  # A veth pair standing in for a physical NIC, for macvtap (type='direct') NICs.
  ip link add vethlab0 type veth peer name vethlab1
  ip link set vethlab0 up
  ip link set vethlab1 up

  network_xml isolated virbr1 '' 192.168.123 >"$xml/net-isolated.xml"
  network_xml routed virbr2 route 192.168.124 >"$xml/net-routed.xml"
  domain_xml guest1 52:54:00:00:01:01=network:default 52:54:00:00:01:02=network:isolated >"$xml/guest1.xml"
  domain_xml guest2 52:54:00:00:02:01=network:default 52:54:00:00:02:02=bridge:tester >"$xml/guest2.xml"
  domain_xml vm-off1 52:54:00:00:03:01=network:default >"$xml/vm-off1.xml"
  domain_xml vm-off2 52:54:00:00:04:01=network:isolated 52:54:00:00:04:02=network:routed >"$xml/vm-off2.xml"
  domain_xml vm-off3 52:54:00:00:05:01=network:routed 52:54:00:00:05:02=bridge:tester >"$xml/vm-off3.xml"
  domain_xml guest3 \
    "$(nic_raw direct 52:54:00:00:06:01 "<source dev='vethlab0' mode='bridge'/>")" \
    "$(nic_raw bridge 52:54:00:00:06:02 "<source bridge='ovsbr0'/>" "<virtualport type='openvswitch'/>")" \
    "$(nic_raw network 52:54:00:00:06:03 "<source network='default'/>" "${RICH_NIC[@]}")" >"$xml/guest3.xml"
  vm_odd_xml >"$xml/vm-odd.xml"

  # libvirtd starts the autostarted default network on its own, shortly after it answers.
  local t
  for t in $(seq 100); do
    default_active && break
    sleep 0.1
  done
  {
    default_active || echo 'net-start default'
    echo "net-define $xml/net-isolated.xml"
    echo 'net-autostart isolated'
    echo 'net-start isolated'
    echo "net-define $xml/net-routed.xml"
    for d in guest1 guest2 guest3 vm-off1 vm-off2 vm-off3 vm-odd; do echo "define $xml/$d.xml"; done
    echo 'start guest1'
    echo 'start guest2'
    echo 'start guest3'
  } | virsh_batch
  [ "$scale" -gt 0 ] && seed_scale "$xml" "$scale"
  return 0
}

# vm-odd: every NIC kind and dangling source a real host's configs hold, defined, never
# started. Its rich NIC boots first (<boot order='1'/>), its user NIC second, so the domain has
# no <os><boot dev>, and the rich NIC is not its only boot device (see test/lab/README.md).
vm_odd_xml() {
  domain_xml vm-odd \
    "$(nic_raw network 52:54:00:00:07:01 "<source network='gone-net'/>")" \
    "$(nic_raw bridge 52:54:00:00:07:02 "<source bridge='br-gone'/>")" \
    "$(nic_raw direct 52:54:00:00:07:03 "<source dev='nosuch0' mode='vepa'/>")" \
    "$(nic_raw network 52:54:00:00:07:04 "<source network='default'/>" "${RICH_NIC[@]}" \
      "<bandwidth><inbound average='1000' peak='2000' burst='1024'/><outbound average='500'/></bandwidth>" \
      "<boot order='1'/>")" \
    "$(nic_raw user 52:54:00:00:07:05 "<boot order='2'/>")" \
    "$(nic_raw ethernet 52:54:00:00:07:06 "<target dev='vw-eth0'/>")" \
    "$(nic_raw mcast 52:54:00:00:07:07 "<source address='230.0.0.1' port='5558'/>")" \
    "$(nic_raw udp 52:54:00:00:07:08 "<source address='127.0.0.1' port='5560'><local address='127.0.0.1' port='5561'/></source>")" \
    "$(nic_raw vhostuser 52:54:00:00:07:09 "<source type='unix' path='/run/vw-vhost.sock' mode='client'/>")"
}

seed_scale() {
  local xml=$1 n=$2 nets=$(($2 / 4)) i net
  {
    for ((i = 1; i <= nets; i++)); do
      net=$(printf 'scale-net-%03d' "$i")
      network_xml "$net" "$(printf 'vsbr%03d' "$i")" '' '' >"$xml/$net.xml"
      echo "net-define $xml/$net.xml"
      echo "net-start $net"
    done
    for ((i = 1; i <= n; i++)); do
      if [ "$nets" -gt 0 ]; then net=network:$(printf 'scale-net-%03d' $(((i - 1) % nets + 1))); else net=network:isolated; fi
      domain_xml "$(printf 'scale-vm-%04d' "$i")" \
        "$(printf '52:54:00:10:%02x:%02x' $((i / 256)) $((i % 256)))=network:default" \
        "$(printf '52:54:00:11:%02x:%02x' $((i / 256)) $((i % 256)))=$net" >"$xml/scale-vm-$i.xml"
      echo "define $xml/scale-vm-$i.xml"
    done
  } | virsh_batch
}
