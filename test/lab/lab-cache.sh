# What the lab needs from the machine: Debian packages, and a cache (kept between runs) of the
# guest kernel, the guests' busybox initramfs and libvirt's package-default /etc/libvirt.
# Sourced by lab.sh after lab-common.sh.
# shellcheck shell=bash

LAB_PACKAGES=(openssh-server libvirt-daemon-system libvirt-clients libxml2-utils qemu-system-x86
  qemu-utils dnsmasq-base iptables bridge-utils iproute2 cpio busybox-static sudo util-linux
  openvswitch-switch)

missing_packages() {
  local p
  for p in "${LAB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
      printf '%s\n' "$p"
  done
}

ensure_packages() {
  command -v dpkg-query >/dev/null || lab_die "the lab needs a Debian/Ubuntu machine (no dpkg-query)"
  local missing
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    lab_die "missing Debian packages; install them with: apt-get install -y ${missing[*]}"
  fi
  lab_log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || lab_die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
    lab_die "apt-get install ${missing[*]} failed"
}

# apt-get download PKG into the cache, running apt-get update once if the lists are stale.
download_deb() {
  local pkg=$1 dir=$LAB_CACHE/debs
  mkdir -p "$dir"
  compgen -G "$dir/${pkg}_*.deb" >/dev/null && return 0
  (cd "$dir" && apt-get download -q "$pkg" >&2 2>/dev/null) && return 0
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  (cd "$dir" && apt-get download -q "$pkg" >&2) || lab_die "apt-get download $pkg failed"
}

# The versioned kernel package a kernel metapackage depends on, e.g. linux-image-6.1.0-56-cloud-amd64.
kernel_flavour() { apt-cache depends "$1" 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}'; }

# Guest kernel: Debian's cloud kernel (virtio, ACPI PCI hot-plug built in), never installed.
ensure_kernel() {
  local out=$LAB_CACHE/kernel/vmlinuz
  [ -s "$out" ] && return 0
  local meta=linux-image-cloud-amd64 flavour tmp deb
  flavour=$(kernel_flavour "$meta")
  if [ -z "$flavour" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
    flavour=$(kernel_flavour "$meta")
  fi
  [ -n "$flavour" ] || lab_die "cannot tell which kernel package $meta depends on (apt-get update?)"
  lab_log "fetching guest kernel $flavour"
  download_deb "$meta"
  download_deb "$flavour"
  tmp=$(mktemp -d)
  deb=$(compgen -G "$LAB_CACHE/debs/${flavour}_*.deb" | head -n1)
  dpkg -x "$deb" "$tmp"
  mkdir -p "$LAB_CACHE/kernel"
  install -m 0644 "$tmp"/boot/vmlinuz-* "$out.tmp" && mv "$out.tmp" "$out"
  rm -rf "$tmp"
}

# Guest initramfs: static busybox and the virtio NIC driver (modules from the same kernel
# package as kernel/vmlinuz). init mounts proc/sys, loads the driver, prints the ready line on
# the serial console (lab.sh waits for it), then keeps a DHCP client (busybox udhcpc) on every
# NIC — the seeded ones and any hot-plugged later — so the lab's dnsmasq hands out leases and
# the host learns ARP entries; it sleeps in between, so the kernel answers ACPI unplug requests.
# Its file name (LAB_INITRD, lab-common.sh) is the cache key: change it whenever what goes in changes.
# in load order; init loads those this kernel has as modules
LAB_GUEST_MODULES=(virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci failover net_failover virtio_net)

ensure_initrd() {
  local out=$LAB_CACHE/kernel/$LAB_INITRD
  [ -s "$out" ] && return 0
  local tmp kdeb m path
  tmp=$(mktemp -d)
  kdeb=$(compgen -G "$LAB_CACHE/debs/linux-image-[0-9]*_*.deb" | sort -V | tail -n1)
  [ -n "$kdeb" ] || lab_die "no guest kernel package in $LAB_CACHE/debs"
  dpkg -x "$kdeb" "$tmp/k"
  # The modules must fit the kernel the guests boot: take both from this one package.
  cmp -s "$tmp"/k/boot/vmlinuz-* "$LAB_CACHE/kernel/vmlinuz" || install -m 0644 "$tmp"/k/boot/vmlinuz-* "$LAB_CACHE/kernel/vmlinuz"
  mkdir -p "$tmp"/root/{bin,dev,proc,sys,run,lib/modules}
  for m in "${LAB_GUEST_MODULES[@]}"; do
    path=$(find "$tmp/k/lib/modules" -name "$m.ko*" | head -n1)
    [ -n "$path" ] || continue # built into this kernel
    cp "$path" "$tmp/root/lib/modules/$m.ko"
    printf '%s\n' "$m" >>"$tmp/root/lib/modules/order"
  done
  rm -rf "$tmp/k"
  cp /bin/busybox "$tmp/root/bin/busybox"
  ln -s busybox "$tmp/root/bin/sh"
  mknod -m 600 "$tmp/root/dev/console" c 5 1
  cp "$LAB_SRC/guest-dhcp-hook.sh" "$tmp/root/bin/dhcp-hook"
  sed "s/@READY@/$LAB_GUEST_READY_LINE/" "$LAB_SRC/guest-init.sh" >"$tmp/root/init"
  chmod 0755 "$tmp/root/init" "$tmp/root/bin/dhcp-hook"
  (cd "$tmp/root" && find . | cpio -o -H newc --quiet | gzip -9) >"$out.tmp"
  chmod 0644 "$out.tmp" && mv "$out.tmp" "$out"
  rm -rf "$tmp"
}

# /etc/libvirt as the packages ship it (never the machine's copy, which may hold its own
# domains and edits): conffiles whose checksum still matches the package, else taken out of
# the package's .deb; plus what the postinst scripts create (default network, nwfilters).
ensure_libvirt_defaults() {
  local out=$LAB_CACHE/etc-libvirt
  [ -f "$out/.complete" ] && return 0
  rm -rf "$out" && mkdir -p "$out"
  local pkg line path sum tmp='' deb
  for pkg in libvirt-daemon-system libvirt-clients; do
    while read -r line; do
      path=${line%% *} && sum=${line#* } && sum=${sum%% *}
      case $path in /etc/libvirt/*) ;; *) continue ;; esac
      mkdir -p "$out/$(dirname "${path#/etc/libvirt/}")"
      if [ -f "$path" ] && [ "$(md5sum <"$path" | cut -d' ' -f1)" = "$sum" ]; then
        cp "$path" "$out/${path#/etc/libvirt/}"
        continue
      fi
      if [ -z "$tmp" ]; then tmp=$(mktemp -d); fi
      if [ ! -d "$tmp/$pkg" ]; then
        download_deb "$pkg"
        deb=$(compgen -G "$LAB_CACHE/debs/${pkg}_*.deb" | head -n1)
        dpkg -x "$deb" "$tmp/$pkg"
      fi
      cp "$tmp/$pkg$path" "$out/${path#/etc/libvirt/}"
    done < <(dpkg-query -W -f='${Conffiles}\n' "$pkg" | sed -n 's/^ //p')
  done
  [ -n "$tmp" ] && rm -rf "$tmp"
  mkdir -p "$out/qemu/networks/autostart" "$out/nwfilter" "$out/hooks"
  cp /usr/share/libvirt/networks/default.xml "$out/qemu/networks/default.xml"
  ln -s ../default.xml "$out/qemu/networks/autostart/default.xml"
  cp /usr/share/libvirt/nwfilter/*.xml "$out/nwfilter/" 2>/dev/null || true
  touch "$out/.complete"
}

ensure_cache() {
  mkdir -p "$LAB_CACHE"
  chmod 0755 "$LAB_CACHE"
  (
    flock -w 600 9 || lab_die "cache $LAB_CACHE is locked by another lab for 10 minutes"
    ensure_libvirt_defaults
    ensure_kernel
    ensure_initrd
  ) 9>"$LAB_CACHE/.lock" || exit 1
}
