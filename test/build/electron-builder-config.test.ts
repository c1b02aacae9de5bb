// The electron-builder config (build/electron-builder.yml) checked against the JSON schema
// electron-builder ships (app-builder-lib/scheme.json, draft-07) with ajv, as electron-builder
// reads it (js-yaml), so a broken config fails here although installers cannot be built on
// these machines (building one downloads Electron). Also: the files it names exist, the .vwtopo
// association is there, and `npm run dist` builds with this file.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const { load } = require('js-yaml') as { load(text: string): unknown };
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Record<string, unknown>;
const CONFIG = join(ROOT, 'build/electron-builder.yml');

// strict: false — the schema carries keywords of its generator (e.g. "defaultSnippets") that ajv does not know.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function problems(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(config)'} ${e.message ?? ''}`);
}

type Config = Record<string, unknown> & {
  fileAssociations: { ext: string; mimeType?: string; icon?: string; name?: string }[];
  linux: Record<string, unknown>;
  mac: Record<string, unknown>;
  win: Record<string, unknown>;
  directories: { buildResources: string };
};
const config = load(readFileSync(CONFIG, 'utf8')) as Config;

describe('electron-builder config', () => {
  it('is a draft-07 schema the config is checked against', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('matches the schema electron-builder ships', () => {
    expect(problems(config)).toEqual([]);
  });

  it('fails the check when it is broken', () => {
    const broken = structuredClone(config);
    (broken.linux as Record<string, unknown>).target = 42;
    broken.fileAssociations[0]!.ext = undefined as unknown as string;
    (broken as Record<string, unknown>).appIdd = 'org.typo';
    const found = problems(broken);
    expect(found.join('\n')).toMatch(/\/linux\/target/);
    expect(found.join('\n')).toMatch(/\/fileAssociations\/0 must have required property 'ext'/);
    expect(found.join('\n')).toMatch(/must NOT have additional properties/);
  });

  it('builds Linux AppImage and deb, and has macOS and Windows targets', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.dist).toBe('npm run build && electron-builder --config build/electron-builder.yml --linux AppImage deb');
  });

  it('registers .vwtopo as a topology file with its MIME type and icon', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'vwtopo', mimeType: 'application/x-virtwire-topology', icon: 'vwtopo', name: 'VirtWire topology' }),
    ]);
    // electron-builder looks for the icon as BUILD_RESOURCES/vwtopo.icns (macOS) and .ico (Windows)
    for (const ext of ['icns', 'ico']) expect(existsSync(join(ROOT, config.directories.buildResources, `vwtopo.${ext}`)), ext).toBe(true);
    expect(readFileSync(join(ROOT, 'build/vwtopo.icns')).subarray(0, 4).toString('latin1')).toBe('icns');
    expect([...readFileSync(join(ROOT, 'build/vwtopo.ico')).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  });

  it('names only icons that exist', () => {
    expect(existsSync(join(ROOT, String(config.linux.icon), '512x512.png'))).toBe(true);
    expect(existsSync(join(ROOT, String(config.mac.icon)))).toBe(true);
    expect(existsSync(join(ROOT, String(config.win.icon)))).toBe(true);
  });
});
