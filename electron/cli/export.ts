// `virtwire export FILE --format svg|png|dot|mermaid|drawio --out OUT [--view logical|wiring]`:
// the picture of a saved topology. DOT, Mermaid and draw.io are made here from the file alone.
// SVG and PNG are the app's own drawing: the built UI is served as in browser mode, only to a
// headless Chromium this command starts, which exports from File › Export… as a user would.
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/errors.ts';
import { EXPORT_FORMATS, type ExportFormat, exportText, FORMAT_INFO, isTextFormat } from '../../shared/export/index.ts';
import { visible, visibleLines } from '../../shared/text/visible.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { buildView, VIEW_KINDS, type ViewKind } from '../../shared/topology/views.ts';
import { createDispatcher } from '../api/dispatch.ts';
import { writeFileAtomic } from '../services/atomic-write.ts';
import { PRODUCT_NAME } from '../services/config-dir.ts';
import { fileError } from '../services/fs-errors.ts';
import { createServices } from '../services/index.ts';
import { readTopologyFile } from '../services/topology-file.ts';
import { startWebServer } from '../web/server.ts';
import { CliFailure } from './failure.ts';
import { appVersion, RENDERER_DIR } from './paths.ts';

export const EXPORT_USAGE = `Usage:
  virtwire export FILE --format svg|png|dot|mermaid|drawio --out OUT [--view logical|wiring]
                  [--chromium PATH]

Writes the picture of a saved topology, as the app draws it in the given view (default
logical: VMs wired to networks and bridges; wiring: VM → TAP → bridge → uplink).
  svg, png   the graph as drawn, in the app's layout and colours; drawn by the app's own
             renderer in headless Chromium, so they need the built UI (npm run build) and
             Chromium: --chromium PATH, else $VIRTWIRE_CHROMIUM, else chromium on the PATH
  dot        Graphviz; \`neato -n2 -Tsvg\` keeps the app's positions, \`dot\` lays out anew
  mermaid    a Mermaid flowchart, for Markdown wikis
  drawio     a diagrams.net / draw.io file, at the app's positions, editable
--format may be left out when OUT ends in .svg, .png, .dot, .mmd or .drawio. OUT may be -
(standard output) for every format but png.

Exit codes: 0 written, 1 failed (the file is not a valid topology, no Chromium, no build),
2 usage error.
`;

export const EXPORT_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface ExportOptions {
  file: string;
  format: ExportFormat;
  out: string;
  view: ViewKind;
  chromium: string | undefined;
}

class UsageError extends Error {}

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** How long the page may take to draw and export (a 1,000-VM PNG takes a few seconds). */
const PAGE_TIMEOUT_MS = 120_000;

function formatOf(out: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => out.toLowerCase().endsWith(FORMAT_INFO[f].extension));
}

function parse(args: string[]): ExportOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        view: { type: 'string' },
        chromium: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('export takes one topology file.');
  if (!values.out) throw new UsageError('export needs --out OUT (- for standard output).');
  const format = values.format ?? formatOf(values.out);
  if (format === undefined) throw new UsageError('export needs --format (svg, png, dot, mermaid or drawio).');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}".`);
  }
  const view = values.view ?? 'logical';
  if (!(VIEW_KINDS as readonly string[]).includes(view)) throw new UsageError(`--view must be logical or wiring, not "${view}".`);
  return { file: positionals[0]!, format: format as ExportFormat, out: values.out, view: view as ViewKind, chromium: values.chromium };
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to draw with: named on the command line, in the environment, or on the PATH. */
function findChromium(named: string | undefined, env: NodeJS.ProcessEnv): string {
  const chosen = named ?? env.VIRTWIRE_CHROMIUM;
  if (chosen !== undefined && chosen !== '') {
    if (executable(chosen)) return chosen;
    throw new CliFailure(`Chromium is not at ${chosen} (or cannot be run there).`);
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of CHROMIUM_NAMES) if (executable(join(dir, name))) return join(dir, name);
  }
  throw new CliFailure(
    'SVG and PNG are drawn by the app in headless Chromium, and no Chromium was found: install it ' +
      '(Debian/Ubuntu: apt install chromium) or name it with --chromium PATH or VIRTWIRE_CHROMIUM. ' +
      'dot, mermaid and drawio need no browser.',
  );
}

type Playwright = typeof import('playwright-core');

async function loadPlaywright(): Promise<Playwright> {
  try {
    return await import('playwright-core');
  } catch {
    throw new CliFailure('SVG and PNG need playwright-core, one of VirtWire’s development packages: run `npm install` in VirtWire’s folder.');
  }
}

/**
 * Serves the built UI on a loopback port with its own token and settings in a throwaway
 * folder, opens the file in headless Chromium, and exports through the app's own dialog.
 */
async function drawPicture(options: ExportOptions, topology: Topology, env: NodeJS.ProcessEnv): Promise<Buffer> {
  const executablePath = findChromium(options.chromium, env);
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new CliFailure('SVG and PNG are drawn by the app’s own renderer, which is not built yet: run `npm run build` first.');
  }
  const { chromium } = await loadPlaywright();
  const configDir = await mkdtemp(join(tmpdir(), 'virtwire-export-'));
  const services = createServices({
    info: { name: PRODUCT_NAME, version: appVersion(), mode: 'browser', platform: process.platform },
    configDir,
    initialFile: options.file,
  });
  const server = await startWebServer({ dispatcher: createDispatcher(services), rendererDir: RENDERER_DIR });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath,
      // Chromium will not start its sandbox as root
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', acceptDownloads: true });
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.locator(`[role="radio"][data-view="${options.view}"]`).click();
    // the page opens on the file (never the demo): every object of the view and every host is
    // drawn before the picture is taken
    const drawn = buildView(topology, options.view).nodes.length + topology.hosts.length;
    await page.waitForFunction(
      (count) => (document.querySelector('[data-testid="graph"]') as { _cyreg?: { cy: { nodes(): { length: number } } } } | null)?._cyreg?.cy.nodes().length === count,
      drawn,
    );
    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: /Export/ }).click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.locator(`[data-format="${options.format}"]`).check();
    await dialog.locator(`[data-view="${options.view}"]`).check();
    const downloaded = page.waitForEvent('download');
    const failed = page
      .getByTestId('error')
      .waitFor()
      .then(async () => {
        throw new CliFailure(`The app could not export: ${await page.getByTestId('error').innerText()}`);
      });
    failed.catch(() => undefined);
    await dialog.getByRole('button', { name: 'Export' }).click();
    const download = await Promise.race([downloaded, failed]).catch((e: unknown) => {
      if (e instanceof CliFailure) throw e;
      throw new CliFailure(`The app did not export the picture: ${e instanceof Error ? e.message : String(e)}${pageErrors.length ? ` (${pageErrors.join('; ')})` : ''}`);
    });
    return await readFile(await download.path());
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    throw new CliFailure(`Headless Chromium failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
    await rm(configDir, { recursive: true, force: true });
  }
}

/** `virtwire export …` with the words after `export`. Exit codes in EXPORT_USAGE. */
export async function runExport(
  args: string[],
  io: { stdout: NodeJS.WritableStream & { isTTY?: boolean }; stderr: NodeJS.WritableStream } = process,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(EXPORT_USAGE);
    return EXPORT_EXIT.ok;
  }
  let options: ExportOptions;
  try {
    options = parse(args);
    if (options.out === '-' && options.format === 'png' && io.stdout.isTTY) throw new UsageError('a PNG is not written to a terminal: give --out FILE or redirect the output.');
  } catch (e) {
    io.stderr.write(`virtwire: ${visible(e instanceof Error ? e.message : String(e))}\n\n${EXPORT_USAGE}`);
    return EXPORT_EXIT.usage;
  }
  try {
    const topology = await readTopologyFile(options.file);
    const content = isTextFormat(options.format) ? exportText(topology, options.format, options.view) : await drawPicture(options, topology, env);
    if (options.out === '-') {
      io.stdout.write(content);
      return EXPORT_EXIT.ok;
    }
    try {
      await writeFileAtomic(options.out, content);
    } catch (e) {
      throw fileError(e, options.out, 'save');
    }
    const view = buildView(topology, options.view);
    io.stdout.write(
      `${visible(options.out)}: ${FORMAT_INFO[options.format].label}, ${options.view} view, ${view.nodes.length} objects and ${view.edges.length} links\n`,
    );
    return EXPORT_EXIT.ok;
  } catch (e) {
    if (e instanceof CliFailure) {
      io.stderr.write(`virtwire: ${visible(e.message)}\n`);
      return EXPORT_EXIT.failed;
    }
    const error = ApiError.from(e);
    io.stderr.write(`virtwire: ${visible(error.message)}\n${error.detail ? `${visibleLines(error.detail)}\n` : ''}`);
    return EXPORT_EXIT.failed;
  }
}
