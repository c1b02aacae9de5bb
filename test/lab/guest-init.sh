#!/bin/busybox sh
# /init of the lab guests' initramfs (lab-cache.sh builds it; @READY@ becomes the ready line).
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
# The VM's name (vw.name= on the kernel command line) is the hostname its DHCP requests send.
for word in $(/bin/busybox cat /proc/cmdline); do
  case $word in vw.name=*) /bin/busybox hostname "${word#vw.name=}" ;; esac
done
while read -r m; do /bin/busybox insmod "/lib/modules/$m.ko" 2>/dev/null; done </lib/modules/order
echo '@READY@'
# A DHCP client on every NIC, hot-plugged ones too (checked every 3 s): leases on the host.
while :; do
  for d in /sys/class/net/eth*; do
    n=${d##*/}
    # keyed by ifindex too: a NIC hot-plugged later under a freed name gets its own client
    seen=/run/udhcpc.$n.$(/bin/busybox cat "$d/ifindex" 2>/dev/null)
    [ -e "$d" ] && [ ! -e "$seen" ] || continue
    : >"$seen"
    echo "virtwire-lab: DHCP client on $n"
    /bin/busybox udhcpc -b -R -t 5 -T 2 -A 10 -i "$n" -s /bin/dhcp-hook -x "hostname:$(/bin/busybox hostname)" >/dev/null 2>&1 &
  done
  /bin/busybox sleep 3
done
