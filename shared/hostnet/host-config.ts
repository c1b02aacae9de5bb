// Which interface names the host's own network configuration creates at boot, so a bridge or
// TAP it keeps is not mistaken for one made by hand (gone on reboot). Read from the text the
// probe gathered; nothing here touches a host.
//   ifupdown          /etc/network/interfaces and interfaces.d/*: `iface NAME …`, `auto NAME…`,
//                     `allow-hotplug NAME…` stanzas
//   systemd-networkd  *.netdev files: `Name=` in their [NetDev] section
//   NetworkManager    `nmcli -t -f NAME,DEVICE,TYPE,FILENAME connection show`: the device of each
//                     saved connection (one kept only in memory, under /run, does not survive a
//                     reboot — unless netplan generated it there, as it does at every boot)

export interface HostConfigText {
  ifupdown?: string;
  networkd?: string;
  nmcli?: string;
}

export function ifupdownNames(text: string): string[] {
  const names: string[] = [];
  for (const raw of text.split('\n')) {
    const words = raw.replace(/#.*/, '').trim().split(/\s+/);
    const [keyword, ...rest] = words;
    if (keyword === 'iface' && rest[0]) names.push(rest[0]);
    else if (keyword === 'auto' || keyword?.startsWith('allow-')) for (const name of rest) if (name) names.push(name);
  }
  return names;
}

export function networkdNetdevNames(text: string): string[] {
  const names: string[] = [];
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) section = line;
    else if (section === '[NetDev]' && /^Name\s*=/.test(line)) {
      const name = line.slice(line.indexOf('=') + 1).trim();
      if (name) names.push(name);
    }
  }
  return names;
}

/** Splits one line of nmcli's terse output, where a field's own `:` and `\` are escaped. */
function nmcliFields(line: string): string[] {
  const fields: string[] = [''];
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) fields[fields.length - 1] += line[(i += 1)]!;
    else if (c === ':') fields.push('');
    else fields[fields.length - 1] += c;
  }
  return fields;
}

export function nmcliConnectionDevices(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    if (!line.trim()) return [];
    const [, device, , filename = ''] = nmcliFields(line);
    const inMemory = filename.startsWith('/run/') && !filename.includes('/netplan-');
    return device && !inMemory ? [device] : [];
  });
}

/** Every interface name the host's configuration creates. */
export function hostConfigNames(config: HostConfigText): Set<string> {
  return new Set([
    ...ifupdownNames(config.ifupdown ?? ''),
    ...networkdNetdevNames(config.networkd ?? ''),
    ...nmcliConnectionDevices(config.nmcli ?? ''),
  ]);
}
