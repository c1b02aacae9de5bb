// English messages of the checks part of the catalogue (see ../en.ts, which merges the parts).
// The rules' refusals and caveats, the name and format checks, and the list of differences.
export const checksEn = {
  // Names and addresses (shared/validate/names.ts)
  'checks.name.interfaceEmpty': 'An interface name cannot be empty.',
  'checks.name.interfaceTooLong': 'The interface name "{name}" is {bytes} bytes long; Linux allows at most 15.',
  'checks.name.interfaceDots': '"{name}" cannot be an interface name.',
  'checks.name.interfaceNul': 'An interface name cannot contain a NUL character.',
  'checks.name.interfaceSlash': 'The interface name "{name}" cannot contain "/" or ":".',
  'checks.name.interfaceSpace': 'The interface name "{name}" cannot contain spaces or other whitespace.',
  'checks.name.interfaceDash': 'The interface name "{name}" cannot start with "-".',
  'checks.name.empty': 'A name cannot be empty.',
  'checks.name.nul': 'A name cannot contain a NUL character.',
  'checks.name.slash': 'The name "{name}" cannot contain "/".',
  'checks.name.lineBreak': 'A name cannot contain a line break.',
  'checks.name.dash': 'The name "{name}" cannot start with "-".',
  'checks.mac.format': '"{mac}" is not a MAC address (six hex pairs separated by colons, e.g. 52:54:00:12:34:56).',
  'checks.mac.multicast': '"{mac}" is a multicast address; a NIC needs a unicast MAC.',
  'checks.ip.notIpv4': '"{text}" is not an IPv4 address.',
  'checks.ip.notIpv6': '"{text}" is not an IPv6 address.',
  'checks.ip.notIp': '"{text}" is not an IP address.',
  'checks.ip.notSubnet': '"{cidr}" is not a subnet in CIDR form (e.g. 192.168.122.1/24 or fd00::1/64).',
  'checks.ip.outsideSubnet': '{address} is outside the subnet {cidr}.',
  'checks.ip.networkAddress': '{address} is the network address of {cidr}.',
  'checks.ip.broadcastAddress': '{address} is the broadcast address of {cidr}.',
  'checks.ip.rangeBackwards': 'The DHCP range starts ({start}) after it ends ({end}).',
} as const satisfies Record<string, string>;
