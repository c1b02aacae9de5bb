// The probe: ONE remote command per refresh, whatever the number of objects. A POSIX sh
// script lists network and domain UUIDs, then asks virsh for everything about them in a few
// batched invocations (one libvirt connection each, ≤ CHUNK objects per invocation so no
// single argument nears the kernel's 128 KiB limit), and reads the kernel's view of links
// with `ip -j -d link` and `bridge -j`, Open vSwitch's bridges and ports with `ovs-vsctl`, and
// (on a full read) which interfaces the host's network configuration creates at boot. Sections
// are separated by lines starting with a random per-probe marker, so nothing inside an XML
// document or a configuration file can fake a section boundary.
//
// The marker, the libvirt URI, the scope and sudo are parameters, passed as positional
// arguments ($1–$6): nothing a user typed or a host reported is ever spliced into the script text.

export const PROBE_CHUNK = 150;

const SCRIPT = String.raw`
export LC_ALL=C
PATH=$PATH:/usr/sbin:/sbin; export PATH
m=$1; uri=$2; scope=$3; name=$4; chunk=${PROBE_CHUNK}
virsh=virsh; ovs=ovs-vsctl
[ "$5" = sudo ] && virsh='sudo -n virsh' && ovs='sudo -n ovs-vsctl'
sec() { printf '%s %s\n' "$m" "$*"; }
# The kernel's links with the ARP/NDP table, and the bridges' ports with their forwarding
# databases (who the host has heard from, with ages): two processes, not four (a process start
# is most of what these cost). Each command's JSON is one line; -force goes on past a failed
# one, which says so ("Command failed -:N"). -d and -s change nothing in neigh's and link's output.
sec ipbatch; ip -force -j -d -batch - 2>&1 <<'EOF'
link show
neigh show
EOF
sec rc $?
sec bridgebatch; bridge -force -j -s -batch - 2>&1 <<'EOF'
link show
fdb show
EOF
sec rc $?
# ovsdb needs root: the socket is root's. Without the socket there is no running switch, and
# a failure then means "no OVS" rather than "cannot read it".
if command -v ovs-vsctl >/dev/null 2>&1; then
  sock=nosock; for s in /run/openvswitch/db.sock /var/run/openvswitch/db.sock; do [ -S "$s" ] && sock=sock; done
  if brs=$($ovs --timeout=5 list-br 2>&1); then
    sec ovs; set -f
    for b in $brs; do printf 'bridge %s\n' "$b"; $ovs --timeout=5 list-ports "$b" 2>/dev/null | sed 's/^/port /'; done
    set +f
  else
    sec ovs-error $sock; printf '%s\n' "$brs"
  fi
fi
if [ "$scope" = all ]; then
  sec route; ip -j route show default 2>&1; sec rc $?
  # awk 1 ends every file with a newline, so the next marker starts a line of its own.
  sec ifupdown; for f in /etc/network/interfaces /etc/network/interfaces.d/*; do [ -f "$f" ] && awk 1 "$f" 2>/dev/null; done
  sec networkd
  for f in /etc/systemd/network/*.netdev /usr/lib/systemd/network/*.netdev /lib/systemd/network/*.netdev /run/systemd/network/*netplan*.netdev; do
    [ -f "$f" ] && awk 1 "$f" 2>/dev/null
  done
  if command -v nmcli >/dev/null 2>&1; then sec nmcli; nmcli -t -f NAME,DEVICE,TYPE,FILENAME connection show 2>/dev/null; fi
  sec config-end
fi
if [ "$scope" = links ]; then sec end; exit 0; fi
if ! command -v virsh >/dev/null 2>&1; then sec novirsh; sec end; exit 0; fi
case $scope in
  domain)
    # With the UUID known (else looked up by name, as after an event), one virsh run reads
    # the domain, live XML included; that is dropped later when dominfo says it is not running.
    nets=''; doms=$6
    [ -n "$doms" ] || doms=$($virsh -c "$uri" domuuid --domain "$name" 2>/dev/null)
    running=" $doms " ;;
  network)
    doms=''; running=''; nets=$($virsh -c "$uri" net-uuid --network "$name" 2>/dev/null) ;;
  objects)
    # the domains and networks a burst of events named, as pairs from $7 on: d UUID, n UUID,
    # or D NAME, N NAME when the UUID is not known yet; all read in the batches below
    nets=''; doms=''; shift 6
    while [ $# -ge 2 ]; do
      case $1 in
        d) doms="$doms $2" ;;
        n) nets="$nets $2" ;;
        D) doms="$doms $($virsh -c "$uri" domuuid --domain "$2" 2>/dev/null)" ;;
        N) nets="$nets $($virsh -c "$uri" net-uuid --network "$2" 2>/dev/null)" ;;
      esac
      shift 2
    done
    running=" $doms " ;;
  *)
    lists=$($virsh -c "$uri" "net-list --all --uuid; echo $m; list --all --uuid; echo $m; list --uuid" 2>&1)
    lrc=$?
    if [ $lrc -ne 0 ]; then sec virsh-error $lrc; printf '%s\n' "$lists"; sec end; exit 0; fi
    nets=$(printf '%s\n' "$lists" | awk -v m="$m" '$0==m{n++;next} n==0')
    doms=$(printf '%s\n' "$lists" | awk -v m="$m" '$0==m{n++;next} n==1')
    running=" $(printf '%s\n' "$lists" | awk -v m="$m" '$0==m{n++;next} n==2' | tr '\n' ' ') " ;;
esac
cmd=''; n=0
flush() { if [ -n "$cmd" ]; then $virsh -c "$uri" "$cmd"; fi; cmd=''; n=0; }
add() { cmd="$cmd $1"; n=$((n+1)); if [ $n -ge $chunk ]; then flush; fi; }
details() {
  for u in $nets; do
    case $u in *[!0-9a-f-]*) continue;; esac
    add "echo $m net-info $u; net-info $u; echo $m net-xml $u; net-dumpxml $u;"
  done
  for u in $doms; do
    case $u in *[!0-9a-f-]*) continue;; esac
    case $running in
      *" $u "*) add "echo $m dom-info $u; dominfo $u; echo $m dom-xml $u; dumpxml $u; echo $m dom-inactive $u; dumpxml --inactive $u;";;
      *) add "echo $m dom-info $u; dominfo $u; echo $m dom-inactive $u; dumpxml --inactive $u;";;
    esac
  done
  flush
}
# A read of a few objects (after events) asks a guest agent only where one of the VMs it read has
# its channel: awk passes the details through and says whether it saw one. Most VMs have none,
# and the read is then one virsh run, not two.
agents=yes
if [ "$scope" = all ]; then
  details
elif ! details | awk '{ print } index($0, "org.qemu.guest_agent.0") { seen = 1 } END { exit !seen }'; then
  agents=''
fi
# Addresses, in batches of their own whose errors are dropped: a network that is not running
# has no leases and a VM without a guest agent has no agent addresses, and neither is an error
# of the probe. The networks' leases give every NIC on them its lease address (a read of a few
# VMs keeps the leases its networks last had: a lease comes seconds after the event that starts
# a VM or adds a NIC, so asking for it then finds nothing new). The guest agent is asked only
# about running VMs. These commands are short, so a batch holds up to 600 (~90 KiB); where
# timeout(1) exists a batch is cut off after 30 s, so an agent that hangs cannot hold up the probe.
qrun=''; qcmd=''; qn=0
command -v timeout >/dev/null 2>&1 && qrun='timeout 30'
qflush() { if [ -n "$qcmd" ]; then $qrun $virsh -c "$uri" "$qcmd" 2>/dev/null; fi; qcmd=''; qn=0; }
qadd() { qcmd="$qcmd $1"; qn=$((qn+1)); if [ $qn -ge 600 ]; then qflush; fi; }
for u in $nets; do
  case $u in *[!0-9a-f-]*) continue;; esac
  qadd "echo $m net-leases $u; net-dhcp-leases $u;"
done
for u in $doms; do
  case $u in *[!0-9a-f-]*) continue;; esac
  case $running in *" $u "*) ;; *) continue;; esac
  [ -n "$agents" ] && qadd "echo $m dom-agent $u; domifaddr $u --source agent --full;"
done
qflush
sec end
exit 0
`;

/**
 * What one probe reads: everything, only the kernel's links, or the links plus one domain or
 * network (after an event named it), or plus several (a burst of events). Names are passed as
 * data, never spliced into a command.
 */
export type ProbeScope =
  | { kind: 'all' }
  | { kind: 'links' }
  | { kind: 'network'; name: string }
  | { kind: 'domain'; name: string; uuid?: string }
  | { kind: 'objects'; objects: ProbeObject[] };

/** One domain or network of an `objects` probe: by UUID when known, else looked up by name. */
export interface ProbeObject {
  kind: 'domain' | 'network';
  name: string;
  uuid?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An object as the script's two arguments: `d UUID`, or `D NAME` to look the UUID up. */
function objectArgs(o: ProbeObject): [string, string] {
  const letter = o.kind === 'domain' ? 'd' : 'n';
  return o.uuid && UUID.test(o.uuid) ? [letter, o.uuid] : [letter.toUpperCase(), o.name];
}

/**
 * The argv of one probe; `marker` must be a fresh random token per probe. With `sudo`, only
 * virsh and ovs-vsctl run through `sudo -n` (reading links needs no privilege, and sudoers
 * often allow those tools but not a shell).
 */
export function probeArgv(marker: string, uri: string, scope: ProbeScope = { kind: 'all' }, options: { sudo?: boolean } = {}): string[] {
  if (!/^@@vw-[0-9a-f]{16,}$/.test(marker)) throw new Error('probe marker must be @@vw- followed by random hex');
  const name = scope.kind === 'domain' || scope.kind === 'network' ? scope.name : '';
  const uuid = scope.kind === 'domain' && scope.uuid && /^[0-9a-f-]{36}$/.test(scope.uuid) ? scope.uuid : '';
  const objects = scope.kind === 'objects' ? scope.objects.flatMap(objectArgs) : [];
  return ['sh', '-c', SCRIPT, 'virtwire-probe', marker, uri, scope.kind, name, options.sudo ? 'sudo' : '', uuid, ...objects];
}

/** objects a read through the kept virsh takes at most (its one command line stays ~20 KB) */
const KEPT_VIRSH_MOST = 50;

/** The objects a scoped read names, or [] for a read of everything or of the links only. */
export function scopeObjects(scope: ProbeScope): ProbeObject[] {
  if (scope.kind === 'objects') return scope.objects;
  if (scope.kind === 'domain') return [{ kind: 'domain', name: scope.name, ...(scope.uuid ? { uuid: scope.uuid } : {}) }];
  if (scope.kind === 'network') return [{ kind: 'network', name: scope.name }];
  return [];
}

/**
 * The virsh part of a scoped probe as one line for the kept virsh (runner.runVirsh): for each
 * object the same `echo MARKER section UUID; command` pairs the script's details() sends, so
 * its output splits as the probe's does. Only for objects named by UUID (checked here, so
 * nothing else reaches virsh's parser); null when one is not, or when there are too many: the
 * probe then reads them.
 */
export function keptVirshDetails(marker: string, objects: readonly ProbeObject[]): string | null {
  if (!/^@@vw-[0-9a-f]{16,}$/.test(marker)) throw new Error('probe marker must be @@vw- followed by random hex');
  if (objects.length === 0 || objects.length > KEPT_VIRSH_MOST || !objects.every((o) => o.uuid && UUID.test(o.uuid))) return null;
  const m = marker;
  return objects
    .map(({ kind, uuid: u }) =>
      kind === 'network'
        ? `echo ${m} net-info ${u}; net-info ${u}; echo ${m} net-xml ${u}; net-dumpxml ${u}`
        : // asked live and inactive, as the probe does for a domain an event named (the live XML is dropped when dominfo says it is not running)
          `echo ${m} dom-info ${u}; dominfo ${u}; echo ${m} dom-xml ${u}; dumpxml ${u}; echo ${m} dom-inactive ${u}; dumpxml --inactive ${u}`,
    )
    .join('; ');
}

/**
 * The addresses part of a scoped probe for the kept virsh: the networks' DHCP leases and the
 * guest agents' view of the domains (asked only where a read VM has an agent channel), as the
 * script's second batch asks them. Its errors are not the read's (a stopped network has no
 * leases, a VM without an agent no agent addresses): the caller drops its stderr.
 */
export function keptVirshAddresses(marker: string, objects: readonly ProbeObject[], agents: boolean): string | null {
  const m = marker;
  const parts = objects.flatMap(({ kind, uuid: u }) => {
    if (!u || !UUID.test(u)) return [];
    if (kind === 'network') return [`echo ${m} net-leases ${u}; net-dhcp-leases ${u}`];
    return agents ? [`echo ${m} dom-agent ${u}; domifaddr ${u} --source agent --full`] : [];
  });
  return parts.length === 0 ? null : parts.join('; ');
}
