// A NIC's whole <interface> element: read from a live domain XML without what libvirt assigns
// itself, moved to another source with nothing else changed, and written back losslessly.
import { describe, expect, it } from 'vitest';
import { comparableNic, definedNic, interfaceByMac, interfaceNodes, newNic, nicXml, withSource } from '../../../shared/libvirt/interface-xml.ts';

const LIVE = `<domain type='kvm' id='3'>
  <name>web</name>
  <devices>
    <interface type='network'>
      <mac address='52:54:00:AA:00:01'/>
      <source network='default' portid='6c0e0e2c-1111-2222-3333-444444444444' bridge='virbr0'/>
      <target dev='vnet4'/>
      <model type='virtio'/>
      <driver name='vhost' queues='2'/>
      <filterref filter='clean-traffic'>
        <parameter name='IP' value='10.0.0.5'/>
      </filterref>
      <vlan trunk='yes'><tag id='42'/><tag id='48' nativeMode='untagged'/></vlan>
      <link state='down'/>
      <mtu size='1400'/>
      <alias name='net0'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </interface>
    <interface type="ethernet">
      <mac address="52:54:00:aa:00:02"/>
      <target dev="tap-mine" managed="no"/>
      <alias name="ua-uplink"/>
      <description>it&apos;s "mine" &amp; &lt;only&gt;</description>
    </interface>
  </devices>
</domain>
`;

describe('interface elements', () => {
  it('finds a NIC by MAC in any case, and keeps everything the user set', () => {
    expect(interfaceNodes(LIVE)).toHaveLength(2);
    const nic = definedNic(interfaceByMac(LIVE, '52:54:00:aa:00:01')!);
    expect(nicXml(nic)).toBe(`<interface type='network'>
  <mac address='52:54:00:AA:00:01'/>
  <source network='default'/>
  <model type='virtio'/>
  <driver name='vhost' queues='2'/>
  <filterref filter='clean-traffic'>
    <parameter name='IP' value='10.0.0.5'/>
  </filterref>
  <vlan trunk='yes'>
    <tag id='42'/>
    <tag id='48' nativeMode='untagged'/>
  </vlan>
  <link state='down'/>
  <mtu size='1400'/>
  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
</interface>
`);
    expect(comparableNic(interfaceByMac(LIVE, '52:54:00:aa:00:01')!)).not.toContain('<address');
  });

  it("keeps a target and an alias the user chose, and text exactly as escaped", () => {
    const xml = nicXml(definedNic(interfaceByMac(LIVE, '52:54:00:AA:00:02')!));
    expect(xml).toContain("<target dev='tap-mine' managed='no'/>");
    expect(xml).toContain("<alias name='ua-uplink'/>");
    expect(xml).toContain('<description>it&apos;s "mine" &amp; &lt;only&gt;</description>');
  });

  it('moves a NIC by changing its type and source only, adding or dropping the OVS virtualport', () => {
    const nic = definedNic(interfaceByMac(LIVE, '52:54:00:aa:00:01')!);
    const onOvs = nicXml(withSource(nic, { type: 'bridge', bridge: 'ovsbr0', ovs: true }));
    expect(onOvs).toBe(nicXml(nic).replace("type='network'", "type='bridge'").replace("<source network='default'/>", "<source bridge='ovsbr0'/>\n  <virtualport type='openvswitch'/>"));
    const back = withSource(withSource(nic, { type: 'bridge', bridge: 'ovsbr0', ovs: true }), { type: 'network', network: 'default' });
    expect(nicXml(back)).toBe(nicXml(nic));
    expect(nicXml(withSource(nic, { type: 'network', network: "o'brien" }))).toContain("<source network='o&apos;brien'/>");
  });

  it('makes a new NIC with its MAC, source and model', () => {
    expect(nicXml(newNic('52:54:00:00:00:09', { type: 'bridge', bridge: 'br0', ovs: false }, 'e1000e'))).toBe(
      "<interface type='bridge'>\n  <mac address='52:54:00:00:00:09'/>\n  <source bridge='br0'/>\n  <model type='e1000e'/>\n</interface>\n",
    );
  });

  it('refuses XML that is not well-formed, as every host XML is', () => {
    expect(() => interfaceNodes('<domain><devices><interface></domain>')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});
