// Runs Electronegativity's scanner on one folder and prints its findings as JSON lines on
// stdout. The package's own command line needs the `commander` 5 that it does not declare
// (it relies on hoisting, and another package here hoists commander 7), so this calls its
// runner the same way that command line does, without it.
//   node electronegativity.mjs FOLDER ELECTRON_VERSION [EXCLUDED_CHECK,…]
import { createRequire } from 'node:module';
import path from 'node:path';

const load = createRequire(import.meta.url);

async function main() {
  const [input, electronVersion, excluded = ''] = process.argv.slice(2);
  if (!input || !electronVersion) throw new Error('usage: electronegativity.mjs FOLDER ELECTRON_VERSION [EXCLUDED,…]');
  // registers the global `__` that the checks' messages use
  await load('@doyensec/electronegativity/dist/locales/i18n.js')();
  const run = load('@doyensec/electronegativity/dist/runner.js');
  const result = await run(
    {
      input: path.resolve(input),
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: excluded.split(',').filter(Boolean).map((c) => c.trim().toLowerCase()),
      isRelative: true,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  if (result.errors.length > 0) throw new Error(`Electronegativity could not read: ${JSON.stringify(result.errors)}`);
  for (const issue of result.issues) {
    const line = { id: issue.id, file: issue.file, line: issue.location.line, severity: issue.severity.name, description: issue.description };
    process.stdout.write(`RESULT ${JSON.stringify(line)}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
