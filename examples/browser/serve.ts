/**
 * Try the dashboard by hand: `npx tsx examples/browser/serve.ts [--port 8080]`, then open the printed URL
 * and press "Start import". It builds the page and serves it with its settings in `dashboard-config.json`
 * next to it (never in the URL): a local server started for the occasion with generated files to import
 * or, with `LAKECTL_SERVER_ENDPOINT_URL` and the `LAKECTL_CREDENTIALS_*` variables, your lakeFS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplePort, exampleTarget } from '../support/exampleTarget';
import { runIfMain } from '../support/runExample';
import { buildDashboard } from './buildDashboard';
import { serveStatic } from './serveStatic';

/**
 * The generated file that pre-fills the dashboard's form.
 * @param settings - the form fields
 * @returns the files for {@link serveStatic}'s `generated`
 */
export function dashboardConfig(settings: Readonly<Record<string, string | number>>): Record<string, string> {
  return { '/dashboard-config.json': JSON.stringify(settings) };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'lakefs-rx-dashboard-'));
  const target = await exampleTarget(5000);
  const page = await serveStatic(await buildDashboard(join(work, 'site')), {
    port: examplePort(),
    generated: dashboardConfig({
      endpoint: target.endpoint,
      accessKeyId: target.accessKeyId,
      secretAccessKey: target.secretAccessKey,
      repository: 'dashboard-demo',
      source: target.importSource,
      ...(target.importObjects !== undefined ? { expected: target.importObjects } : {}),
    }),
  });
  console.log(
    `open ${page.url}/index.html (lakeFS: ${target.endpoint}${target.local ? ', local server' : ''})\npress Ctrl+C to stop`,
  );
  process.once('SIGINT', () => {
    void Promise.all([page.close(), target.close()]).then(() => {
      rmSync(work, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

runIfMain(module, main);
