// What `virtwire plan` prints, in-process on a plan made from the lab host: with a Chinese locale
// every sentence the planner wrote (each step, when it takes effect, what it does, warnings, what
// is left alone or cannot be done) is in Traditional Chinese, the commands and names as they are;
// --json stays English, in the same shape, whatever the language.
import { afterAll, describe, expect, it } from 'vitest';
import { planOutput } from '../../../electron/cli/desired.ts';
import { planText } from '../../../electron/cli/desired-print.ts';
import { useLocale } from '../../../electron/cli/i18n.ts';
import { diffTopologies } from '../../../shared/diff/index.ts';
import type { DesiredPlan } from '../../../shared/plan/desired-outcome.ts';
import { planDesired } from '../../../shared/plan/desired.ts';
import { nodeId } from '../../../shared/topology/ids.ts';
import type { Topology, TopologyNode } from '../../../shared/topology/model.ts';
import { HOST, ROOT, labTopology, macFactory } from '../../shared/plan/hosts.ts';

/** The lab host with web01's NIC gone and a bridge the file lacks; the file with a VM the host lacks. */
function desired(): DesiredPlan {
  const file = labTopology();
  const host = JSON.parse(JSON.stringify(file)) as Topology;
  host.links = host.links.filter((l) => !(l.kind === 'nic' && l.mac === '52:54:00:3b:00:01'));
  host.nodes.push({ id: nodeId(HOST, 'bridge', 'extra0'), host: HOST, kind: 'bridge', name: 'extra0', state: 'up', up: true, managedBy: null, bridgeType: 'linux' } as TopologyNode);
  file.nodes.push({ ...file.nodes.find((n) => n.kind === 'vm' && n.name === 'web01')!, id: nodeId(HOST, 'vm', 'newvm'), name: 'newvm' } as TopologyNode);
  return planDesired(diffTopologies(file, HOST, host, HOST), file, host, ROOT, { macFactory: macFactory() });
}

const commandLine = (argv: string[]): string => argv.join(' ');
const text = (json: boolean) => planOutput(desired(), commandLine, { json, prune: false });

describe('virtwire plan in Traditional Chinese', () => {
  afterAll(() => useLocale('en'));

  it('prints each step, when it takes effect and why the rest is left alone or cannot be done in Chinese', () => {
    useLocale('zh-TW');
    const out = text(false);
    expect(out).toContain('  1. 為虛擬機器 `web01` 加上網路卡 52:54:00:3b:00:01，接在網路 `default`，寫入已儲存的定義，下次啟動時生效。\n');
    expect(out).toContain('     $ virsh -c qemu:///system attach-device --domain web01 --file /dev/stdin --config\n');
    expect(out).toContain('只變更已儲存的定義。 虛擬機器 `web01` 下次啟動時生效：它目前已關機，所以只會變更已儲存的定義。\n');
    expect(out).toContain('何時生效：\n  1 個步驟在已關機的虛擬機器下次啟動時生效。\n');
    expect(out).toContain('      不在檔案中；保留不動（要移除需加上 prune）\n');
    expect(out).toContain('      VirtWire 不會建立或刪除虛擬機器：拓撲檔案中沒有它們的磁碟、CPU 或記憶體\n');
    // nothing the planner wrote is left in English
    expect(out).not.toMatch(/Attach NIC|saved definition|Takes effect|left alone|VirtWire does not|step takes/);
  });

  it('prints the same English as before with an English locale', () => {
    useLocale('en');
    const plan = desired();
    expect(planOutput(plan, commandLine, { json: false, prune: false })).toBe(planText(plan, (s) => commandLine(s.argv), false));
    expect(text(false)).toContain('  1. Attach NIC 52:54:00:3b:00:01 on network `default` to VM `web01`, in its saved definition, from its next start.\n');
  });

  it('keeps --json English and in its shape in every language, without the catalogue messages', () => {
    useLocale('en');
    const english = text(true);
    useLocale('zh-TW');
    const chinese = text(true);
    expect(chinese).toBe(english);
    expect(english).not.toMatch(/"(says|summarySays|warningSays|irreversibleSays|detailSays)"|\p{Script=Han}/u);
    const json = JSON.parse(english) as Record<string, unknown> & { steps: Record<string, unknown>[]; cannot: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['steps', 'warnings', 'summary', 'leftAlone', 'cannot']);
    expect(Object.keys(json.steps[0]!)).toEqual(['description', 'argv', 'commandLine', 'stdin', 'scope', 'impact', 'destructive', 'undoable']);
    expect(json.steps[0]!.impact).toEqual({ when: 'vm-next-start', text: 'When VM `web01` next starts: it is shut off, so only its saved definition changes.' });
    expect(Object.keys(json.cannot[0]!)).toEqual(['item', 'reason']);
  });
});
