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
import type { MessageKey } from '../../shared/i18n/index.ts';
import { visible, visibleLines } from '../../shared/text/visible.ts';
import type { Topology } from '../../shared/topology/model.ts';
import { buildView, VIEW_KINDS, type ViewKind } from '../../shared/topology/views.ts';
import { createDispatcher } from '../api/dispatch.ts';
import { PRODUCT_NAME } from '../services/config-dir.ts';
import { createServices } from '../services/index.ts';
import { startWebServer } from '../web/server.ts';
import { CliFailure } from './failure.ts';
import { readTopology, writeOut } from './files.ts';
import { argumentsProblem, cliLocale, errorText, t } from './i18n.ts';
import { appVersion, RENDERER_DIR } from './paths.ts';

/** What `virtwire export --help` prints, and a usage error after its message. */
export const exportUsage = (): string => t('cli.export.usage');

export const EXPORT_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface ExportOptions {
  file: string;
  format: ExportFormat;
  out: string;
  view: ViewKind;
  chromium: string | undefined;
}

class UsageError extends Error {}

/** Each format's name, as the app's Export dialog gives it. */
const FORMAT_NAMES: Record<ExportFormat, MessageKey> = { svg: 'export.svg', png: 'export.png', dot: 'export.dot', mermaid: 'export.mermaid', drawio: 'export.drawio' };

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
    throw new UsageError(argumentsProblem(e));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(t('cli.export.oneFile'));
  if (!values.out) throw new UsageError(t('cli.export.needsOut'));
  const format = values.format ?? formatOf(values.out);
  if (format === undefined) throw new UsageError(t('cli.export.needsFormat'));
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(t('cli.export.badFormat', { formats: EXPORT_FORMATS.join(', '), format }));
  }
  const view = values.view ?? 'logical';
  if (!(VIEW_KINDS as readonly string[]).includes(view)) throw new UsageError(t('cli.export.badView', { view }));
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
    throw new CliFailure(t('cli.export.chromiumNotThere', { path: chosen }));
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of CHROMIUM_NAMES) if (executable(join(dir, name))) return join(dir, name);
  }
  throw new CliFailure(t('cli.export.noChromium'));
}

type Playwright = typeof import('playwright-core');

async function loadPlaywright(): Promise<Playwright> {
  try {
    return await import('playwright-core');
  } catch {
    throw new CliFailure(t('cli.export.noPlaywright'));
  }
}

/**
 * Serves the built UI on a loopback port with its own token and settings in a throwaway
 * folder, opens the file in headless Chromium, and exports through the app's own dialog.
 */
async function drawPicture(options: ExportOptions, topology: Topology, env: NodeJS.ProcessEnv): Promise<Buffer> {
  const executablePath = findChromium(options.chromium, env);
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new CliFailure(t('cli.export.notBuilt'));
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
    // The page speaks the CLI's language (the picture's words are the app's), and is found by
    // the same words from the catalogue.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', acceptDownloads: true, locale: cliLocale() });
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.locator(`[role="radio"][data-view="${options.view}"]`).click();
    // the page opens on the file (never the demo): every object of the view and every host is
    // drawn before the picture is taken (a big host zoomed out also has its aggregates, which
    // the picture expands: they are not counted)
    const drawn = buildView(topology, options.view).nodes.length + topology.hosts.length;
    await page.waitForFunction(
      (count) =>
        (document.querySelector('[data-testid="graph"]') as { _cyreg?: { cy: { nodes(selector: string): { length: number } } } } | null)?._cyreg?.cy.nodes('[kind != "aggregate"]')
          .length === count,
      drawn,
    );
    await page.getByRole('button', { name: t('fileMenu.file') }).click();
    await page.getByRole('menuitem', { name: t('fileMenu.export') }).click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.locator(`[data-format="${options.format}"]`).check();
    await dialog.locator(`[data-view="${options.view}"]`).check();
    const downloaded = page.waitForEvent('download');
    const failed = page
      .getByTestId('error')
      .waitFor()
      .then(async () => {
        throw new CliFailure(t('cli.export.appError', { error: await page.getByTestId('error').innerText() }));
      });
    failed.catch(() => undefined);
    await dialog.getByRole('button', { name: t('export.export') }).click();
    const download = await Promise.race([downloaded, failed]).catch((e: unknown) => {
      if (e instanceof CliFailure) throw e;
      const error = e instanceof Error ? e.message : String(e);
      throw new CliFailure(pageErrors.length ? t('cli.export.noDownloadPageErrors', { error, pageErrors: pageErrors.join('; ') }) : t('cli.export.noDownload', { error }));
    });
    return await readFile(await download.path());
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    throw new CliFailure(t('cli.export.chromiumFailed', { error: e instanceof Error ? e.message : String(e) }));
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
    await rm(configDir, { recursive: true, force: true });
  }
}

/** `virtwire export …` with the words after `export`. Exit codes in exportUsage(). */
export async function runExport(
  args: string[],
  io: { stdout: NodeJS.WritableStream & { isTTY?: boolean }; stderr: NodeJS.WritableStream } = process,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(exportUsage());
    return EXPORT_EXIT.ok;
  }
  let options: ExportOptions;
  try {
    options = parse(args);
    if (options.out === '-' && options.format === 'png' && io.stdout.isTTY) throw new UsageError(t('cli.export.pngToTerminal'));
  } catch (e) {
    io.stderr.write(`virtwire: ${visible(e instanceof Error ? e.message : String(e))}\n\n${exportUsage()}`);
    return EXPORT_EXIT.usage;
  }
  try {
    const topology = await readTopology(options.file);
    const content = isTextFormat(options.format) ? exportText(topology, options.format, options.view) : await drawPicture(options, topology, env);
    if (options.out === '-') {
      io.stdout.write(content);
      return EXPORT_EXIT.ok;
    }
    await writeOut(options.out, content);
    const view = buildView(topology, options.view);
    const written = { file: visible(options.out), format: t(FORMAT_NAMES[options.format]), view: options.view };
    io.stdout.write(`${t('cli.export.written', { ...written, objects: view.nodes.length, links: view.edges.length })}\n`);
    return EXPORT_EXIT.ok;
  } catch (e) {
    if (e instanceof CliFailure) {
      io.stderr.write(`virtwire: ${visible(e.message)}\n`);
      return EXPORT_EXIT.failed;
    }
    const error = ApiError.from(e);
    io.stderr.write(`virtwire: ${visible(errorText(error))}\n${error.detail ? `${visibleLines(error.detail)}\n` : ''}`);
    return EXPORT_EXIT.failed;
  }
}
