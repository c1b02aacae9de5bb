// VirtWire is MIT-licensed and ships its runtime dependencies inside the app: each of them, and
// each package they pull in, must be under a licence that lets it (checked as installed).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Licences whose terms an MIT app can ship under (Unlicense: public domain, through tweetnacl). */
const PERMISSIVE = /^(MIT|ISC|0BSD|Apache-2\.0|BSD-[0-9A-Za-z.-]+|Unlicense)$/;

interface Manifest {
  name: string;
  license?: string | { type: string };
  /** the older form: a list of licences, any one of which may be chosen */
  licenses?: { type: string }[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * Whether an SPDX expression lets the package be used under a permissive licence: one of its
 * OR alternatives must be permissive in each of its AND parts. Parentheses are read as a
 * single level, which is all the expressions of the packages here use.
 */
function isPermissive(expression: string): boolean {
  return expression
    .replace(/[()]/g, ' ')
    .split(/\s+OR\s+/)
    .some((choice) =>
      choice
        .trim()
        .split(/\s+AND\s+/)
        .every((id) => PERMISSIVE.test(id.trim())),
    );
}

function licenceOf(manifest: Manifest): string {
  if (typeof manifest.license === 'string') return manifest.license;
  if (manifest.license) return manifest.license.type;
  return (manifest.licenses ?? []).map((l) => l.type).join(' OR ');
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Where Node finds `name` from the package in `from`: its own node_modules, then each one above. */
function resolve(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT || dirname(dir) === dir) return undefined;
  }
}

/** Each installed runtime package (the app's dependencies and theirs) with its licence. */
function runtimePackages(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (dir: string, manifest: Manifest): void => {
    const needed = Object.keys(manifest.dependencies ?? {});
    const optional = Object.keys(manifest.optionalDependencies ?? {});
    for (const name of [...needed, ...optional]) {
      const at = resolve(name, dir);
      if (at === undefined) {
        // an optional dependency that did not install is not shipped
        if (!optional.includes(name)) throw new Error(`${manifest.name} needs ${name}, which is not installed: run npm install`);
        continue;
      }
      if (found.has(at)) continue;
      const dependency = readManifest(at);
      found.set(at, `${dependency.name}: ${licenceOf(dependency) || 'no licence given'}`);
      visit(at, dependency);
    }
  };
  visit(ROOT, readManifest(ROOT));
  return found;
}

describe('licences of what the app ships', () => {
  it('reads SPDX expressions as npm writes them', () => {
    for (const ok of ['MIT', 'ISC', 'BSD-3-Clause', 'Apache-2.0', '0BSD', '(MIT OR GPL-3.0-or-later)', 'MIT AND BSD-2-Clause', 'LGPL-2.1-only OR MIT'])
      expect(isPermissive(ok), ok).toBe(true);
    for (const no of ['GPL-3.0', 'GPL-3.0-or-later', 'AGPL-3.0-only', 'LGPL-2.1-only', '(MIT AND GPL-2.0)', 'SEE LICENSE IN LICENSE', ''])
      expect(isPermissive(no), no).toBe(false);
  });

  it('ships every runtime dependency, and theirs, under a licence compatible with MIT', () => {
    const packages = [...runtimePackages().values()];
    expect(packages.some((p) => p.startsWith('cytoscape: '))).toBe(true);
    const refused = packages.filter((p) => !isPermissive(p.slice(p.indexOf(': ') + 2)));
    expect(refused).toEqual([]);
  });
});
