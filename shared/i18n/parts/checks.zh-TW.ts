// 繁體中文: the checks part of the catalogue, the same keys and arguments as checks.en.ts.
import type { checksEn } from './checks.en.ts';

export const checksZhTW: Record<keyof typeof checksEn, string> = {
  'checks.name.interfaceEmpty': '介面名稱不能是空的。',
  'checks.name.interfaceTooLong': '介面名稱「{name}」長達 {bytes} 個位元組；Linux 最多只允許 15 個。',
  'checks.name.interfaceDots': '「{name}」不能當作介面名稱。',
  'checks.name.interfaceNul': '介面名稱不能包含 NUL 字元。',
  'checks.name.interfaceSlash': '介面名稱「{name}」不能包含「/」或「:」。',
  'checks.name.interfaceSpace': '介面名稱「{name}」不能包含空格或其他空白字元。',
  'checks.name.interfaceDash': '介面名稱「{name}」不能以「-」開頭。',
  'checks.name.empty': '名稱不能是空的。',
  'checks.name.nul': '名稱不能包含 NUL 字元。',
  'checks.name.slash': '名稱「{name}」不能包含「/」。',
  'checks.name.lineBreak': '名稱不能包含換行。',
  'checks.name.dash': '名稱「{name}」不能以「-」開頭。',
  'checks.mac.format': '「{mac}」不是 MAC 位址（應為以冒號分隔的六組十六進位數字，例如 52:54:00:12:34:56）。',
  'checks.mac.multicast': '「{mac}」是多點傳送位址；網路卡需要單點傳送的 MAC 位址。',
  'checks.ip.notIpv4': '「{text}」不是 IPv4 位址。',
  'checks.ip.notIpv6': '「{text}」不是 IPv6 位址。',
  'checks.ip.notIp': '「{text}」不是 IP 位址。',
  'checks.ip.notSubnet': '「{cidr}」不是 CIDR 格式的子網路（例如 192.168.122.1/24 或 fd00::1/64）。',
  'checks.ip.outsideSubnet': '{address} 不在子網路 {cidr} 內。',
  'checks.ip.networkAddress': '{address} 是 {cidr} 的網路位址。',
  'checks.ip.broadcastAddress': '{address} 是 {cidr} 的廣播位址。',
  'checks.ip.rangeBackwards': 'DHCP 範圍的起點（{start}）在終點（{end}）之後。',
};
