import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors.ts';
import { say, sayEnglish, translator } from '../../../shared/i18n/index.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { MAX_FILE_BYTES, checkFileSize, parseTopologyFile, serializeTopology } from '../../../shared/topology/file.ts';
import { autoLayout } from '../../../shared/topology/layout.ts';
import type { Topology } from '../../../shared/topology/model.ts';
import { largeTopologyText } from '../../support/large-topology.ts';

const SAVED_AT = '2026-11-28T12:34:56.000Z';

function fileObject(): Record<string, unknown> {
  return JSON.parse(serializeTopology(demoTopology(), SAVED_AT)) as Record<string, unknown>;
}

function rejection(text: string): ApiError {
  try {
    parseTopologyFile(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('the file was accepted');
}

describe('topology file format 1', () => {
  it('round-trips: save then open gives the same topology', () => {
    const topology = demoTopology();
    topology.layout = autoLayout(topology);
    const text = serializeTopology(topology, SAVED_AT);
    expect(parseTopologyFile(text)).toEqual(topology);
    expect(serializeTopology(parseTopologyFile(text), SAVED_AT)).toBe(text);
  });

  it('writes the documented header', () => {
    const file = fileObject();
    expect(file.format).toBe('virtwire-topology');
    expect(file.version).toBe(1);
    expect(file.savedAt).toBe(SAVED_AT);
    expect(Object.keys(file)).toEqual(['format', 'version', 'savedAt', 'hosts', 'nodes', 'links', 'layout']);
  });

  it('never stores a secret in a host record', () => {
    const text = serializeTopology(demoTopology(), SAVED_AT);
    expect(text).not.toMatch(/password|passphrase|private|identity|secret/i);
  });

  it('accepts a byte-order mark', () => {
    expect(parseTopologyFile(`\ufeff${serializeTopology(demoTopology(), SAVED_AT)}`).nodes).toHaveLength(13);
  });

  it('rejects text that is not JSON', () => {
    const e = rejection('{"format": "virtwire-topology", ');
    expect(e.code).toBe('invalid-file');
    expect(e.message).toMatch(/not valid JSON/);
    expect(e.detail).toBeTruthy();
  });

  it('rejects JSON that is not an object', () => {
    expect(rejection('[1,2,3]').message).toMatch(/no JSON object/);
  });

  it('rejects another format', () => {
    const e = rejection(JSON.stringify({ format: 'drawio', version: 1 }));
    expect(e.message).toMatch(/not a VirtWire topology/);
    expect(e.detail).toContain('drawio');
  });

  it('rejects a newer version with a message to update', () => {
    const file = { ...fileObject(), version: 2 };
    const e = rejection(JSON.stringify(file));
    expect(e.message).toMatch(/newer VirtWire \(file format version 2\)/);
  });

  it('rejects an unknown version', () => {
    expect(rejection(JSON.stringify({ ...fileObject(), version: '1' })).message).toMatch(/unknown format version/);
  });

  it('rejects a file over 50 MB before parsing it', () => {
    const big = `{"format":"virtwire-topology","version":1,"pad":"${'x'.repeat(MAX_FILE_BYTES)}"}`;
    expect(rejection(big).message).toMatch(/too large/);
    expect(() => checkFileSize(MAX_FILE_BYTES + 1)).toThrow(/too large/);
    expect(() => checkFileSize(MAX_FILE_BYTES)).not.toThrow();
  });

  it('rejects a link to a node that is not in the file', () => {
    const file = fileObject();
    const links = file.links as { target: string }[];
    links[0]!.target = 'root@kvm-host/network/missing';
    const e = rejection(JSON.stringify(file));
    expect(e.message).toMatch(/refers to things it does not contain/);
    expect(e.detail).toContain('root@kvm-host/network/missing');
  });

  it('rejects a node on a host that is not in the file', () => {
    const file = fileObject();
    (file.nodes as { host: string }[])[0]!.host = 'nobody@nowhere';
    expect(rejection(JSON.stringify(file)).detail).toMatch(/host "nobody@nowhere", which is not in the file/);
  });

  it('rejects a position for a node that is not in the file', () => {
    const file = { ...fileObject(), layout: { ghost: { x: 1, y: 2 } } };
    expect(rejection(JSON.stringify(file)).detail).toMatch(/node "ghost"/);
  });

  it('rejects duplicate node ids', () => {
    const file = fileObject();
    const nodes = file.nodes as unknown[];
    nodes.push(nodes[0]);
    expect(rejection(JSON.stringify(file)).detail).toMatch(/used twice/);
  });

  it.each(['hosts', 'nodes', 'links'])('reports duplicate %s ids as duplicates, not as missing things', (key) => {
    const file = fileObject();
    const list = file[key] as unknown[];
    list.push(list[0]);
    const e = rejection(JSON.stringify(file));
    expect(e.code).toBe('invalid-file');
    expect(e.message).toMatch(/uses an id more than once \(1 duplicate\)\.$/);
    expect(e.message).not.toMatch(/does not contain/);
    expect(e.detail).toMatch(/id ".*" is used twice/);
  });

  it('names both duplicates and missing things when a file has both', () => {
    const file = fileObject();
    const nodes = file.nodes as Record<string, unknown>[];
    nodes.push(nodes[0]!, { ...nodes[1]!, id: 'elsewhere', host: 'no-such-host' });
    const e = rejection(JSON.stringify(file));
    expect(e.message).toMatch(/uses an id more than once \(1 duplicate\), and it refers to things it does not contain \(1 problem\)/);
    expect(e.detail).toMatch(/used twice[^]*no-such-host/);
  });

  it.each([
    ['the whole file', (deep: string) => deep],
    ['"format"', (deep: string) => `{"format": ${deep}}`],
    ['"version"', (deep: string) => `{"format": "virtwire-topology", "version": ${deep}}`],
    ['a layout entry', (deep: string) => serializeTopology(demoTopology(), SAVED_AT).replace('"layout": {}', `"layout": {"x": ${deep}}`)],
    ['an unknown key of a node', (deep: string) => serializeTopology(demoTopology(), SAVED_AT).replace('"kind": "network",', `"kind": "network", "extra": ${deep},`)],
  ])('reports JSON nested deep in %s as an invalid file, not a crash', (_where, wrap) => {
    for (const depth of [100, 200_000]) {
      const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const e = rejection(wrap(deep));
      expect(e.code).toBe('invalid-file');
      expect(e.message).toMatch(/nests more than 64 levels deep/);
    }
  });

  it('is not fooled by brackets inside strings', () => {
    const topology = demoTopology();
    topology.nodes[0]!.name = '['.repeat(1000);
    expect(parseTopologyFile(serializeTopology(topology, SAVED_AT)).nodes[0]!.name).toBe('['.repeat(1000));
  });

  it('reads a file with 200,000 NIC links', () => {
    const text = largeTopologyText(200_000);
    expect(parseTopologyFile(text).links).toHaveLength(200_000);
  }, 60_000);

  it('names the field of a damaged node', () => {
    const file = fileObject();
    (file.nodes as Record<string, unknown>[])[1]!.kind = 'router';
    const e = rejection(JSON.stringify(file));
    expect(e.message).toMatch(/damaged: nodes\[1\]\.kind/);
  });

  it('rejects a non-finite position', () => {
    const text = serializeTopology(demoTopology(), SAVED_AT).replace('"layout": {}', '"layout": {"x": {"x": 1e999, "y": 0}}');
    expect(rejection(text).message).toMatch(/damaged: layout/);
  });
});

describe('why a file cannot be opened, in the reader’s language', () => {
  const zh = translator('zh-TW');
  const file = () => fileObject();
  const withDuplicate = () => {
    const f = file();
    const nodes = f.nodes as Record<string, unknown>[];
    nodes.push({ ...nodes[0]! });
    return f;
  };
  const cases: [string, () => void][] = [
    ['checks.file.tooLarge', () => checkFileSize(MAX_FILE_BYTES + 1)],
    ['checks.file.tooLarge', () => checkFileSize(MAX_FILE_BYTES + 1, { atLeast: true })],
    ['checks.file.notJson', () => parseTopologyFile('{"format": ')],
    ['checks.file.tooDeep', () => parseTopologyFile('['.repeat(100) + ']'.repeat(100))],
    ['checks.file.notObject', () => parseTopologyFile('[]')],
    ['checks.file.noFormat', () => parseTopologyFile('{"format": "other"}')],
    ['checks.file.newer', () => parseTopologyFile(JSON.stringify({ ...file(), version: 2 }))],
    ['checks.file.unknownVersion', () => parseTopologyFile(JSON.stringify({ ...file(), version: '1' }))],
    ['checks.file.damaged', () => parseTopologyFile(JSON.stringify({ ...file(), nodes: 'none' }))],
    ['checks.file.duplicates', () => parseTopologyFile(JSON.stringify(withDuplicate()))],
    ['checks.file.duplicatesAndDangling', () => parseTopologyFile(JSON.stringify({ ...withDuplicate(), layout: { ghost: { x: 0, y: 0 } } }))],
    ['checks.file.dangling', () => parseTopologyFile(JSON.stringify({ ...file(), layout: { ghost: { x: 0, y: 0 } } }))],
    ['checks.file.cannotSave', () => serializeTopology({ ...demoTopology(), hosts: 'none' } as unknown as Topology, SAVED_AT)],
  ];

  it.each(cases)('%s: carries its message, whose English is the error’s message', (key, open) => {
    let error: ApiError | undefined;
    try {
      open();
    } catch (e) {
      error = e as ApiError;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.says?.key).toBe(key);
    expect(sayEnglish(error!.says!)).toBe(error!.message);
    const chinese = say(zh, error!.says!);
    expect(chinese).toMatch(/\p{Script=Han}/u);
    // what stays Latin: names (VirtWire, JSON, ID, MB), the file's "format" field, and zod's own words for a damaged field
    const rest = chinese.replace(/VirtWire|JSON|ID|MB|"format": "virtwire-topology"|：nodes.*$/g, '');
    expect(rest.match(/[A-Za-z]{2,}/g), chinese).toBeNull();
  });

  it('says the size and the counts in both languages', () => {
    const said = (open: () => void) => {
      try {
        open();
      } catch (e) {
        return (e as ApiError).says!;
      }
      throw new Error('accepted');
    };
    const big = said(() => checkFileSize(60 * 1024 * 1024, { atLeast: true }));
    expect(sayEnglish(big)).toBe('The file is too large to be a topology (more than 50.0 MB; the limit is 50.0 MB).');
    expect(say(zh, big)).toBe('檔案太大，不可能是拓撲檔案（超過 50.0 MB；上限是 50.0 MB）。');
    const twice = said(() => parseTopologyFile(JSON.stringify(withDuplicate())));
    expect(sayEnglish(twice)).toBe('The topology file uses an id more than once (1 duplicate).');
    expect(say(zh, twice)).toBe('拓撲檔案中有 ID 重複使用（1 處重複）。');
  });
});
