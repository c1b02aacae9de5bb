// The create and edit forms say what is wrong with a name or an address in the user's language
// (the shared checks' messages), and in English exactly as the checks write it.
import { afterEach, describe, expect, it } from 'vitest';
import { emptyNetworkForm, nameProblem, networkFormProblems } from '../../renderer/edit/forms.ts';
import { language } from '../../renderer/state/i18n.svelte.ts';
import { checkDhcpRange, checkInterfaceName } from '../../shared/validate/names.ts';

describe('form checks', () => {
  afterEach(() => language.choose('system'));
  const form = { ...emptyNetworkForm(), name: 'lab/1', bridge: 'br 0', ipv4: '10.0.0.1/24', dhcpStart: '10.0.0.9', dhcpEnd: '10.0.0.2', ipv6: 'fd00::1', dhcpHosts: '52:54:00:aa:bb:cc 10.0.0.300' };

  it('says each field’s problem in Traditional Chinese', () => {
    language.choose('zh-TW');
    expect(networkFormProblems(form)).toEqual({
      name: '名稱「lab/1」不能包含「/」。',
      bridge: '介面名稱「br 0」不能包含空格或其他空白字元。',
      dhcpStart: 'DHCP 範圍的起點（10.0.0.9）在終點（10.0.0.2）之後。',
      ipv6: '「fd00::1」不是 CIDR 格式的子網路（例如 192.168.122.1/24 或 fd00::1/64）。',
      dhcpHosts: '第 1 行：「10.0.0.300」不是 IPv4 位址。',
    });
    expect(nameProblem('-tap', new Set())).toBe('介面名稱「-tap」不能以「-」開頭。');
  });

  it('says them in English as the checks write them', () => {
    language.choose('en');
    const problems = networkFormProblems(form);
    expect(problems.bridge).toBe(checkInterfaceName('br 0'));
    expect(problems.dhcpStart).toBe(checkDhcpRange('10.0.0.9', '10.0.0.2', '10.0.0.1/24'));
    expect(problems.name).toBe('The name "lab/1" cannot contain "/".');
    expect(nameProblem('-tap', new Set())).toBe('The interface name "-tap" cannot start with "-".');
  });
});
