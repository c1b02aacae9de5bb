// The typed operations a plan is made of, and the ONE function that turns an operation into
// what runs on the host (argv, stdin) and what the preview says about it. Planners build
// operations from the host as they read it; undo and redo keep the operations and re-check
// them against the host as it is now (recheck.ts); nothing else builds a command.
// Reference: virsh(1), ip-link(8), ip-tuntap(8), ovs-vsctl(8).
import { english, msg, verbatim, type Message } from './say.ts';
import type { StepScope } from './types.ts';

/** Where a VM change lands: the running VM, its saved definition, or both. */
export type VmScope = Exclude<StepScope, 'host'>;

/** What a command needs beyond a login: libvirt's connection, or root (CAP_NET_ADMIN, ovsdb). */
export type StepNeeds = 'libvirt' | 'root';

/**
 * Where a NIC is, in words: `on` its English ("network `default`"), `onSays` the message it
 * was made from (absent in operations recorded before messages, whose `on` is then shown as it is).
 */
interface NicPlace {
  on: string;
  onSays?: Message;
}

export type Operation =
  /** attach this exact `<interface>` element (a new NIC, or one detached before, whole) */
  | ({ op: 'nic-attach'; vm: string; mac: string; xml: string; scope: VmScope } & NicPlace)
  | ({ op: 'nic-detach'; vm: string; mac: string; nicType: string; scope: VmScope } & NicPlace)
  /** replace the NIC with this MAC by this element (a move: only its source differs; `what`: the properties it changes, in words, `whatSays` as a message) */
  | ({ op: 'nic-update'; vm: string; mac: string; xml: string; scope: VmScope; what?: string; whatSays?: Message } & NicPlace)
  | { op: 'nic-link'; vm: string; mac: string; state: 'up' | 'down'; scope: 'live' | 'config' }
  | { op: 'vm-start' | 'vm-shutdown' | 'vm-destroy'; vm: string }
  | { op: 'net-start' | 'net-undefine'; network: string }
  /** `transient`: destroying it also deletes it */
  | { op: 'net-destroy'; network: string; transient?: boolean }
  | { op: 'net-define'; network: string; xml: string; redefine: boolean }
  | { op: 'net-create'; network: string; xml: string }
  | { op: 'net-autostart'; network: string; enabled: boolean }
  | { op: 'net-dhcp-host'; network: string; command: 'add-last' | 'delete'; ipIndex: number; xml: string; what: string; whatSays?: Message; scope: VmScope }
  /** a DNS host entry (`<host ip><hostname>…`) of the network, in place; `what` is it in words */
  | { op: 'net-dns-host'; network: string; command: 'add-last' | 'delete'; xml: string; what: string; scope: VmScope }
  /** `what` is the range in words, e.g. 192.168.122.2-192.168.122.254 */
  | { op: 'net-dhcp-range'; network: string; command: 'add-last' | 'delete'; ipIndex: number; xml: string; what: string; scope: VmScope }
  | { op: 'bridge-add' | 'bridge-del' | 'tap-add' | 'tap-del'; name: string }
  | { op: 'port-plug' | 'port-unplug'; device: string; bridge: string }
  | { op: 'link-state'; device: string; up: boolean }
  /** `datapath` netdev: a userspace-datapath bridge, as the host's other OVS bridges are */
  | { op: 'ovs-bridge-add'; name: string; datapath?: 'netdev' }
  | { op: 'ovs-bridge-del'; name: string }
  | { op: 'ovs-port-add' | 'ovs-port-del'; device: string; bridge: string };

export type OperationKind = Operation['op'];

/** Everything about an operation that does not depend on the login: argv, stdin, words. */
export interface OperationCommand {
  /** the command as separate arguments, never a shell string */
  argv: string[];
  /** fed to the command's stdin; XML goes here (`--file /dev/stdin`), never into argv */
  stdin?: string;
  /** what the preview says of it, in English (the journal, --json); `says` is the same as a catalogue message */
  description: string;
  says: Message;
  scope: StepScope;
  needs: StepNeeds;
  destructive: boolean;
  /** source of a case-insensitive RegExp over stderr meaning "its effect is already in place" */
  alreadyDoneIf?: string;
}

const WHERE: Record<VmScope, Message> = {
  both: msg('plan.where.both'),
  live: msg('plan.where.live'),
  config: msg('plan.where.config'),
};

const FLAGS: Record<VmScope, string[]> = { both: ['--live', '--config'], live: ['--live'], config: ['--config'] };

type Of<K extends OperationKind> = Extract<Operation, { op: K }>;

function virshCommand(uri: string, args: string[], rest: Omit<OperationCommand, 'argv' | 'needs' | 'description'>): OperationCommand {
  return { argv: ['virsh', '-c', uri, ...args], needs: 'libvirt', description: english(rest.says), ...rest };
}

function hostCommand(argv: string[], says: Message, more: Partial<OperationCommand> = {}): OperationCommand {
  return { argv, description: english(says), says, scope: 'host', needs: 'root', destructive: false, ...more };
}

/** Where the NIC is, as a message: the one it was planned with, else its English as it is. */
const placeOf = (o: NicPlace): Message => o.onSays ?? verbatim(o.on);

function nicCommand(uri: string, o: Of<'nic-attach' | 'nic-detach' | 'nic-update' | 'nic-link'>): OperationCommand {
  switch (o.op) {
    case 'nic-attach':
      return virshCommand(uri, ['attach-device', '--domain', o.vm, '--file', '/dev/stdin', ...FLAGS[o.scope]], {
        stdin: o.xml,
        says: msg('plan.step.nicAttach', { mac: o.mac, on: placeOf(o), vm: o.vm, where: WHERE[o.scope] }),
        scope: o.scope,
        destructive: false,
        alreadyDoneIf: 'already (exists|in use)',
      });
    case 'nic-detach':
      return virshCommand(uri, ['detach-interface', '--domain', o.vm, '--type', o.nicType, '--mac', o.mac, ...FLAGS[o.scope]], {
        says: msg('plan.step.nicDetach', { mac: o.mac, on: placeOf(o), vm: o.vm, where: WHERE[o.scope] }),
        scope: o.scope,
        destructive: true,
        alreadyDoneIf: 'no interface|not found',
      });
    case 'nic-update':
      return virshCommand(uri, ['update-device', '--domain', o.vm, '--file', '/dev/stdin', ...FLAGS[o.scope]], {
        stdin: o.xml,
        says: o.what
          ? msg('plan.step.nicChange', { mac: o.mac, vm: o.vm, on: placeOf(o), what: o.whatSays ?? verbatim(o.what), where: WHERE[o.scope] })
          : msg('plan.step.nicPut', { mac: o.mac, vm: o.vm, on: placeOf(o), where: WHERE[o.scope] }),
        scope: o.scope,
        destructive: true,
      });
    case 'nic-link':
      // domif-setlink changes the running VM unless --config is given, and then only the saved definition.
      return virshCommand(uri, ['domif-setlink', '--domain', o.vm, '--interface', o.mac, '--state', o.state, ...(o.scope === 'config' ? ['--config'] : [])], {
        says: msg(o.state === 'up' ? 'plan.step.nicLinkUp' : 'plan.step.nicLinkDown', { mac: o.mac, vm: o.vm, where: WHERE[o.scope] }),
        scope: o.scope,
        destructive: o.state === 'down',
      });
  }
}

function vmCommand(uri: string, o: Of<'vm-start' | 'vm-shutdown' | 'vm-destroy'>): OperationCommand {
  switch (o.op) {
    case 'vm-start':
      return virshCommand(uri, ['start', '--domain', o.vm], { says: msg('plan.step.vmStart', { vm: o.vm }), scope: 'live', destructive: false, alreadyDoneIf: 'already active|already running' });
    case 'vm-shutdown':
      return virshCommand(uri, ['shutdown', '--domain', o.vm], { says: msg('plan.step.vmShutdown', { vm: o.vm }), scope: 'live', destructive: true, alreadyDoneIf: 'not running' });
    case 'vm-destroy':
      return virshCommand(uri, ['destroy', '--domain', o.vm], { says: msg('plan.step.vmDestroy', { vm: o.vm }), scope: 'live', destructive: true, alreadyDoneIf: 'not running' });
  }
}

function networkCommand(uri: string, o: Of<'net-start' | 'net-undefine' | 'net-destroy' | 'net-define' | 'net-create' | 'net-autostart' | 'net-dhcp-host' | 'net-dns-host' | 'net-dhcp-range'>): OperationCommand {
  const host = { scope: 'host' as const };
  switch (o.op) {
    case 'net-start':
      return virshCommand(uri, ['net-start', '--network', o.network], { ...host, says: msg('plan.step.netStart', { network: o.network }), destructive: false, alreadyDoneIf: 'already active' });
    case 'net-destroy':
      return virshCommand(uri, ['net-destroy', '--network', o.network], {
        ...host,
        says: msg(o.transient ? 'plan.step.netDestroyTransient' : 'plan.step.netDestroy', { network: o.network }),
        destructive: true,
        alreadyDoneIf: 'not active|not running',
      });
    case 'net-undefine':
      return virshCommand(uri, ['net-undefine', '--network', o.network], { ...host, says: msg('plan.step.netUndefine', { network: o.network }), destructive: true, alreadyDoneIf: 'not found' });
    case 'net-define':
      // A first define of a name that exists fails with "already exists"; a redefine carries the
      // network's UUID, so libvirt replaces the definition instead.
      return virshCommand(uri, ['net-define', '--file', '/dev/stdin'], {
        ...host,
        stdin: o.xml,
        says: msg(o.redefine ? 'plan.step.netRedefine' : 'plan.step.netDefine', { network: o.network }),
        destructive: false,
        ...(o.redefine ? {} : { alreadyDoneIf: 'already exists' }),
      });
    case 'net-create':
      return virshCommand(uri, ['net-create', '--file', '/dev/stdin'], {
        ...host,
        stdin: o.xml,
        says: msg('plan.step.netCreate', { network: o.network }),
        destructive: false,
        alreadyDoneIf: 'already exists',
      });
    case 'net-autostart':
      return virshCommand(uri, ['net-autostart', '--network', o.network, ...(o.enabled ? [] : ['--disable'])], {
        ...host,
        says: msg(o.enabled ? 'plan.step.netAutostartOn' : 'plan.step.netAutostartOff', { network: o.network }),
        destructive: false,
      });
    case 'net-dhcp-host':
      // --parent-index picks the <ip> element; without it libvirt guesses the IPv4 one.
      return virshCommand(uri, ['net-update', '--network', o.network, '--command', o.command, '--section', 'ip-dhcp-host', '--xml', '/dev/stdin', '--parent-index', String(o.ipIndex), ...FLAGS[o.scope]], {
        stdin: o.xml,
        says: msg(o.command === 'add-last' ? 'plan.step.dhcpHostAdd' : 'plan.step.dhcpHostRemove', { what: o.whatSays ?? verbatim(o.what), network: o.network }),
        scope: o.scope,
        destructive: o.command === 'delete',
        alreadyDoneIf: o.command === 'add-last' ? 'existing dhcp host entry' : 'locate a matching dhcp host entry',
      });
    case 'net-dns-host':
      return virshCommand(uri, ['net-update', '--network', o.network, '--command', o.command, '--section', 'dns-host', '--xml', '/dev/stdin', ...FLAGS[o.scope]], {
        stdin: o.xml,
        says: msg(o.command === 'add-last' ? 'plan.step.dnsHostAdd' : 'plan.step.dnsHostRemove', { what: o.what, network: o.network }),
        scope: o.scope,
        destructive: o.command === 'delete',
        alreadyDoneIf: o.command === 'add-last' ? 'already at least one DNS HOST' : 'locate a matching DNS HOST',
      });
    case 'net-dhcp-range':
      // net-update has no "modify" for ranges: a changed range is a delete and an add. libvirt
      // restarts the network's dnsmasq for it; the network and its VMs' links stay up.
      return virshCommand(uri, ['net-update', '--network', o.network, '--command', o.command, '--section', 'ip-dhcp-range', '--xml', '/dev/stdin', '--parent-index', String(o.ipIndex), ...FLAGS[o.scope]], {
        stdin: o.xml,
        says: msg(o.command === 'add-last' ? 'plan.step.dhcpRangeAdd' : 'plan.step.dhcpRangeRemove', { what: o.what, network: o.network }),
        scope: o.scope,
        destructive: o.command === 'delete',
        alreadyDoneIf: o.command === 'add-last' ? 'existing dhcp range entry' : 'locate a matching dhcp range entry',
      });
  }
}

// Devices made with ip are gone when the host reboots; the preview says so where it matters.
function deviceCommand(o: Of<'bridge-add' | 'bridge-del' | 'tap-add' | 'tap-del' | 'port-plug' | 'port-unplug' | 'link-state'>): OperationCommand {
  switch (o.op) {
    case 'bridge-add':
      return hostCommand(['ip', 'link', 'add', 'name', o.name, 'type', 'bridge'], msg('plan.step.bridgeAdd', { name: o.name }), { alreadyDoneIf: 'File exists' });
    case 'bridge-del':
      return hostCommand(['ip', 'link', 'del', 'dev', o.name], msg('plan.step.bridgeDel', { name: o.name }), { destructive: true, alreadyDoneIf: 'Cannot find device' });
    case 'tap-add':
      // `ip tuntap add` of an existing TAP fails with EBUSY; `del` of a missing one succeeds, so it needs no hint.
      return hostCommand(['ip', 'tuntap', 'add', 'dev', o.name, 'mode', 'tap'], msg('plan.step.tapAdd', { name: o.name }), { alreadyDoneIf: 'Device or resource busy' });
    case 'tap-del':
      return hostCommand(['ip', 'tuntap', 'del', 'dev', o.name, 'mode', 'tap'], msg('plan.step.tapDel', { name: o.name }), { destructive: true });
    case 'port-plug':
      return hostCommand(['ip', 'link', 'set', 'dev', o.device, 'master', o.bridge], msg('plan.step.portPlug', { device: o.device, bridge: o.bridge }));
    case 'port-unplug':
      return hostCommand(['ip', 'link', 'set', 'dev', o.device, 'nomaster'], msg('plan.step.portUnplug', { device: o.device, bridge: o.bridge }), { destructive: true });
    case 'link-state':
      return hostCommand(['ip', 'link', 'set', 'dev', o.device, o.up ? 'up' : 'down'], msg(o.up ? 'plan.step.linkUp' : 'plan.step.linkDown', { device: o.device }), { destructive: !o.up });
  }
}

// Open vSwitch keeps bridges and ports in its database, so unlike ip-made devices they survive
// a reboot; `--may-exist` / `--if-exists` make a re-run of a partly applied plan harmless.
function ovsCommand(o: Of<'ovs-bridge-add' | 'ovs-bridge-del' | 'ovs-port-add' | 'ovs-port-del'>): OperationCommand {
  switch (o.op) {
    case 'ovs-bridge-add':
      return o.datapath === 'netdev'
        ? hostCommand(['ovs-vsctl', '--may-exist', 'add-br', o.name, '--', 'set', 'bridge', o.name, 'datapath_type=netdev'], msg('plan.step.ovsBridgeAddNetdev', { name: o.name }))
        : hostCommand(['ovs-vsctl', '--may-exist', 'add-br', o.name], msg('plan.step.ovsBridgeAdd', { name: o.name }));
    case 'ovs-bridge-del':
      return hostCommand(['ovs-vsctl', '--if-exists', 'del-br', o.name], msg('plan.step.ovsBridgeDel', { name: o.name }), { destructive: true });
    case 'ovs-port-add':
      return hostCommand(['ovs-vsctl', '--may-exist', 'add-port', o.bridge, o.device], msg('plan.step.ovsPortAdd', { device: o.device, bridge: o.bridge }));
    case 'ovs-port-del':
      return hostCommand(['ovs-vsctl', '--if-exists', 'del-port', o.bridge, o.device], msg('plan.step.ovsPortDel', { device: o.device, bridge: o.bridge }), { destructive: true });
  }
}

/** The command an operation runs on the host whose libvirt connection is `uri`. */
export function commandOf(operation: Operation, uri: string): OperationCommand {
  const o = operation;
  switch (o.op) {
    case 'nic-attach':
    case 'nic-detach':
    case 'nic-update':
    case 'nic-link':
      return nicCommand(uri, o);
    case 'vm-start':
    case 'vm-shutdown':
    case 'vm-destroy':
      return vmCommand(uri, o);
    case 'net-start':
    case 'net-undefine':
    case 'net-destroy':
    case 'net-define':
    case 'net-create':
    case 'net-autostart':
    case 'net-dhcp-host':
    case 'net-dns-host':
    case 'net-dhcp-range':
      return networkCommand(uri, o);
    case 'ovs-bridge-add':
    case 'ovs-bridge-del':
    case 'ovs-port-add':
    case 'ovs-port-del':
      return ovsCommand(o);
    default:
      return deviceCommand(o);
  }
}
