// The probe: ONE remote command per refresh, whatever the number of objects. A POSIX sh
// script lists network and domain UUIDs, then asks virsh for everything about them in a few
// batched invocations (one libvirt connection each, ≤ CHUNK objects per invocation so no
// single argument nears the kernel's 128 KiB limit), and reads the kernel's view of links
// with `ip -j -d link` and `bridge -j`. Sections are separated by lines starting with a
// random per-probe marker, so nothing inside an XML document can fake a section boundary.
//
// The marker, the libvirt URI, the scope and sudo are parameters, passed as positional
// arguments ($1–$6): nothing a user typed or a host reported is ever spliced into the script text.

export const PROBE_CHUNK = 150;

const SCRIPT = String.raw`
export LC_ALL=C
PATH=$PATH:/usr/sbin:/sbin; export PATH
[ -n "$vw_status" ] || vw_status=0
m=$1; uri=$2; scope=$3; name=$4; chunk=${PROBE_CHUNK}
virsh=virsh; [ "$5" = sudo ] && virsh='sudo -n virsh'
sec() { printf '%s %s\n' "$m" "$*"; }
sec iplink; ip -j -d link show 2>&1; sec rc $?
sec bridgelink; bridge -j link show 2>&1; sec rc $?
if [ "$scope" = all ]; then
  sec route; ip -j route show default 2>&1; sec rc $?
fi
if [ "$scope" = links ]; then sec end; exit $vw_status; fi
if ! command -v virsh >/dev/null 2>&1; then sec novirsh; sec end; exit $vw_status; fi
case $scope in
  domain)
    # With the UUID known, one virsh run reads the domain; its live XML is dropped later
    # when dominfo says it is not running.
    nets=''; doms=$6; running=" $6 "
    [ -n "$doms" ] || doms=$($virsh -c "$uri" domuuid --domain "$name" 2>/dev/null) ;;
  network)
    doms=''; running=''; nets=$($virsh -c "$uri" net-uuid --network "$name" 2>/dev/null) ;;
  *)
    lists=$($virsh -c "$uri" "net-list --all --uuid; echo $m; list --all --uuid; echo $m; list --uuid" 2>&1)
    lrc=$?
    if [ $lrc -ne 0 ]; then sec virsh-error $lrc; printf '%s\n' "$lists"; sec end; exit $vw_status; fi
    nets=$(printf '%s\n' "$lists" | awk -v m="$m" '$0==m{n++;next} n==0')
    doms=$(printf '%s\n' "$lists" | awk -v m="$m" '$0==m{n++;next} n==1')
    running=" $(printf '%s\n' "$lists" | awk -v m="$m" '$0==m{n++;next} n==2' | tr '\n' ' ') " ;;
esac
cmd=''; n=0
flush() { if [ -n "$cmd" ]; then $virsh -c "$uri" "$cmd"; fi; cmd=''; n=0; }
add() { cmd="$cmd $1"; n=$((n+1)); if [ $n -ge $chunk ]; then flush; fi; }
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
sec end
exit $vw_status
`;

/**
 * What one probe reads: everything, only the kernel's links, or the links plus one domain or
 * network (after an event named it). The name is passed as data, never spliced into a command.
 */
export type ProbeScope =
  | { kind: 'all' }
  | { kind: 'links' }
  | { kind: 'network'; name: string }
  | { kind: 'domain'; name: string; uuid?: string };

// A change's last step followed by the probe of what it touched, in ONE remote command: the
// step runs first with its own stdin, stdout and stderr; then a marker line carries its exit
// code; then the probe's sections. The command exits with the step's code.
const AFTER_STEP = String.raw`
m=$1; uri=$2; scope=$3; name=$4; sudo=$5; uuid=$6; shift 6
"$@"; vw_status=$?
printf '
%s step-rc %s
' "$m" "$vw_status"
exec </dev/null
set -- "$m" "$uri" "$scope" "$name" "$sudo" "$uuid"
` + SCRIPT;

/**
 * The argv of one probe; `marker` must be a fresh random token per probe. With `sudo`, only
 * virsh runs through `sudo -n` (reading links needs no privilege, and sudoers often allow
 * virsh but not a shell).
 */
export function probeArgv(marker: string, uri: string, scope: ProbeScope = { kind: 'all' }, options: { sudo?: boolean } = {}): string[] {
  if (!/^@@vw-[0-9a-f]{16,}$/.test(marker)) throw new Error('probe marker must be @@vw- followed by random hex');
  const name = scope.kind === 'domain' || scope.kind === 'network' ? scope.name : '';
  const uuid = scope.kind === 'domain' && scope.uuid && /^[0-9a-f-]{36}$/.test(scope.uuid) ? scope.uuid : '';
  return ['sh', '-c', SCRIPT, 'virtwire-probe', marker, uri, scope.kind, name, options.sudo ? 'sudo' : '', uuid];
}

/** A step's argv followed by the probe of `scope`, as one remote command (see AFTER_STEP). */
export function stepThenProbeArgv(stepArgv: readonly string[], marker: string, uri: string, scope: ProbeScope, options: { sudo?: boolean } = {}): string[] {
  const probe = probeArgv(marker, uri, scope, options);
  return ['sh', '-c', AFTER_STEP, 'virtwire-step', ...probe.slice(4), ...stepArgv];
}
