// `virtwire web`: browser mode, serving the built UI and the services until interrupted.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../api/dispatch.ts';
import { configDir, PRODUCT_NAME } from '../services/config-dir.ts';
import { createServices } from '../services/index.ts';
import { startWebServer } from '../web/server.ts';
import { visibleLines } from '../../shared/text/visible.ts';
import { CliFailure } from './failure.ts';
import { readTopology } from './files.ts';
import { t } from './i18n.ts';
import { appVersion, RENDERER_DIR } from './paths.ts';

export interface WebOptions {
  port: number;
  openFile: string | null;
}

export async function runWeb({ port, openFile }: WebOptions): Promise<void> {
  // A bad --open file is reported here, at once, rather than as an error in the page later.
  if (openFile !== null) await readTopology(openFile);
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new CliFailure(t('cli.web.notBuilt'));
  }
  // Events raised before the server listens have no page to go to yet.
  let server: Awaited<ReturnType<typeof startWebServer>> | null = null;
  const services = createServices({
    info: { name: PRODUCT_NAME, version: appVersion(), mode: 'browser', platform: process.platform },
    configDir: configDir(),
    initialFile: openFile,
    emit: (event, payload) => server?.broadcast(event, payload),
  });
  const dispatcher = createDispatcher(services, (e) =>
    process.stderr.write(`virtwire: ${t('cli.unexpected', { error: visibleLines(e instanceof Error ? (e.stack ?? e.message) : String(e)) })}\n`),
  );
  server = await startWebServer({ dispatcher, rendererDir: RENDERER_DIR, port });
  const running = server;
  // The one line programs read the address from (README, the e2e harness): the same in every language.
  process.stdout.write(`${PRODUCT_NAME} at ${running.url}\n`);
  await new Promise<void>((resolve) => {
    // Open SSH sessions (and their keepalive timers) would keep the process alive: end them.
    const stop = () =>
      void services.hosts
        .list({})
        .then(({ hosts }) => Promise.all(hosts.map((h) => services.hosts.disconnect({ id: h.id }))))
        .catch(() => undefined)
        .then(() => running.close())
        .then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
