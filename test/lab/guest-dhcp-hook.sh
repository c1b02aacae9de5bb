#!/bin/busybox sh
# udhcpc's hook in the lab guests: put the leased address on the NIC (busybox udhcpc passes
# $mask as a prefix length), so the host's ARP table learns it too.
case $1 in
  deconfig) /bin/busybox ip link set "$interface" up ;;
  bound | renew)
    /bin/busybox ip -4 addr flush dev "$interface" scope global
    /bin/busybox ip addr add "$ip/${mask:-24}" dev "$interface"
    ;;
esac
exit 0
