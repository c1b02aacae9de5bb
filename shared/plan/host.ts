// The planner's view of one host inside a Topology: lookups by the names users see, and the
// errors that name what is missing. Every lookup is limited to ctx.hostId because a topology
// file may hold several hosts with objects of the same name.
import {
  isVmRunning,
  type BridgeNode,
  type NetworkNode,
  type NicLink,
  type PhysicalNode,
  type TapNode,
  type Topology,
  type TopologyNode,
  type VmNode,
} from '../topology/model.ts';
import { checkInterfaceName, checkLibvirtName, type NameOf } from './check.ts';
import { masterOf } from './rules.ts';
import { kindWord, refusal } from './say.ts';
import type { HostContext } from './types.ts';

export type DeviceNode = BridgeNode | TapNode | PhysicalNode;

export function isRunning(vm: VmNode): boolean {
  return isVmRunning(vm.state);
}

export class HostView {
  readonly nodes: TopologyNode[];

  constructor(
    readonly topology: Topology,
    readonly ctx: HostContext,
  ) {
    this.nodes = topology.nodes.filter((n) => n.host === ctx.hostId);
  }

  // The lookups that throw check the name first, so a hostile name is reported as bad input
  // rather than as merely missing.
  vm(name: string): VmNode {
    checkLibvirtName('VM', name);
    const vm = this.nodes.find((n): n is VmNode => n.kind === 'vm' && n.name === name);
    if (!vm) throw refusal('plan.host.noVm', { name });
    return vm;
  }

  networks(): NetworkNode[] {
    return this.nodes.filter((n): n is NetworkNode => n.kind === 'network');
  }

  findNetwork(name: string): NetworkNode | undefined {
    return this.networks().find((n) => n.name === name);
  }

  network(name: string): NetworkNode {
    checkLibvirtName('network', name);
    const network = this.findNetwork(name);
    if (!network) throw refusal('plan.host.noNetwork', { name });
    return network;
  }

  findDevice(name: string): DeviceNode | undefined {
    return this.nodes.find(
      (n): n is DeviceNode => (n.kind === 'bridge' || n.kind === 'tap' || n.kind === 'physical') && n.name === name,
    );
  }

  device(name: string, what: NameOf = 'interface'): DeviceNode {
    checkInterfaceName(what, name);
    const device = this.findDevice(name);
    if (!device) throw refusal('plan.host.noInterface', { name });
    return device;
  }

  bridge(name: string): BridgeNode {
    const device = this.device(name, 'bridge');
    if (device.kind !== 'bridge') throw refusal('plan.host.notBridge', { name, kind: kindWord(device.kind) });
    return device;
  }

  byId(id: string): TopologyNode | undefined {
    return this.nodes.find((n) => n.id === id);
  }

  nicsOf(vm: VmNode): NicLink[] {
    return this.topology.links.filter((l): l is NicLink => l.kind === 'nic' && l.source === vm.id);
  }

  nic(vm: VmNode, mac: string): NicLink {
    const wanted = mac.toLowerCase();
    const nic = this.nicsOf(vm).find((l) => l.mac.toLowerCase() === wanted);
    if (!nic) throw refusal('plan.host.noNic', { vm: vm.name, mac });
    return nic;
  }

  /** Every MAC of every VM NIC on the host, lower-cased: a new NIC must not reuse one. */
  macsInUse(): Set<string> {
    const vmIds = new Set(this.nodes.filter((n) => n.kind === 'vm').map((n) => n.id));
    return new Set(
      this.topology.links.filter((l): l is NicLink => l.kind === 'nic' && vmIds.has(l.source)).map((l) => l.mac.toLowerCase()),
    );
  }

  /** The bridge a TAP or physical NIC is plugged into, if any. */
  masterOf(device: DeviceNode): BridgeNode | undefined {
    return masterOf(this.topology, device);
  }

  portsOf(bridge: BridgeNode): DeviceNode[] {
    return this.topology.links
      .filter((l) => l.kind === 'port' && l.target === bridge.id)
      .map((l) => this.byId(l.source))
      .filter((n): n is DeviceNode => n !== undefined && n.kind !== 'vm' && n.kind !== 'network');
  }

  /** Running VMs with a live NIC on `network`, by name, sorted: who loses connectivity when it goes down. */
  runningVmsOn(network: NetworkNode): string[] {
    const names = this.topology.links
      .filter((l): l is NicLink => l.kind === 'nic' && l.target === network.id && l.live)
      .map((l) => this.byId(l.source))
      .filter((n): n is VmNode => n?.kind === 'vm' && isRunning(n))
      .map((vm) => vm.name);
    return [...new Set(names)].sort();
  }

  /** Interface names in use on the host, including bridges that inactive networks will create. */
  interfaceNames(): Set<string> {
    const names = new Set<string>();
    for (const n of this.nodes) {
      if (n.kind === 'bridge' || n.kind === 'tap' || n.kind === 'physical') names.add(n.name);
      if (n.kind === 'network' && n.bridge) names.add(n.bridge);
    }
    return names;
  }
}
