/**
 * Try the dashboard by hand: `npx tsx examples/browser/serve.ts`, then open the printed URL and press
 * "Start import". It builds the page, starts the local lakeFS server with a directory of generated files
 * as an allowed import root, and serves the page with the connection settings in its query string.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server';
import { buildDashboard } from './buildDashboard';
import { serveStatic } from './serveStatic';

/**
 * The URL that opens the dashboard pre-filled for an import.
 * @param pageUrl - where the page is served
 * @param settings - the form fields to fill
 * @returns the URL with the settings as query parameters
 */
export function dashboardUrl(pageUrl: string, settings: Readonly<Record<string, string | number>>): string {
  const query = new URLSearchParams(Object.entries(settings).map(([k, v]) => [k, String(v)]));
  return `${pageUrl}/index.html?${query.toString()}`;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'lakefs-rx-dashboard-'));
  const data = join(work, 'data');
  const files = 5000;
  for (let i = 0; i < files; i++) {
    const dir = join(data, `day-${i % 10}`);
    if (i < 10) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `event-${i}.json`), JSON.stringify({ id: i }));
  }
  const lakefs = await startServer({ importRoots: [data] });
  const page = await serveStatic(await buildDashboard(join(work, 'site')));
  console.log(
    `open ${dashboardUrl(page.url, {
      endpoint: lakefs.url,
      ...lakefs.credentials,
      repository: 'dashboard-demo',
      source: `local://${data}/`,
      expected: files,
    })}\npress Ctrl+C to stop`,
  );
  process.once('SIGINT', () => {
    void Promise.all([page.close(), lakefs.close()]).then(() => {
      rmSync(work, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
