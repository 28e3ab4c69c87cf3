import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { lastValueFrom, toArray } from 'rxjs';
import { LakeFS } from '../../src';
import { type LocalServer, startServer } from '../../src/server';
import { buildDashboard } from '../../examples/browser/buildDashboard';
import { dashboardUrl } from '../../examples/browser/serve';
import { type StaticServer, serveStatic } from '../../examples/browser/serveStatic';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, 'artifacts');

/** The flags documented in DEVELOPERS.md: headless, no sandbox (containers), and no background traffic. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(
    `skipping the browser dashboard test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

jest.setTimeout(120_000);

(haveChromium ? describe : describe.skip)('browser import dashboard (headless Chromium)', () => {
  let work: string;
  let data: string;
  let lakefs: LocalServer;
  let page: StaticServer;
  let browser: BrowserContext;
  const files = 400;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'lakefs-rx-browser-'));
    data = join(work, 'data');
    for (let d = 0; d < 8; d++) await mkdir(join(data, `day-${d}`), { recursive: true });
    for (let i = 0; i < files; i++)
      await writeFile(join(data, `day-${i % 8}`, `event-${i}.json`), `{"id":${i}}`);
    lakefs = await startServer({ importRoots: [data] });
    page = await serveStatic(await buildDashboard(join(work, 'site')));
    // A persistent context is how Playwright takes a user data directory (a fresh one per run).
    browser = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 900, height: 720 },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await page?.close();
    await lakefs?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('starts an import from the page, shows live progress up to 100 % and the resulting commit', async () => {
    const tab = await browser.newPage();
    const consoleErrors: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    tab.on('pageerror', (error) => consoleErrors.push(error.message));
    tab.on('response', (response) => {
      if (response.status() >= 400) consoleErrors.push(`${response.status()} ${response.url()}`);
    });

    await tab.goto(
      dashboardUrl(page.url, {
        endpoint: lakefs.url,
        ...lakefs.credentials,
        repository: 'browser-dashboard',
        source: `local://${data}/`,
        destination: 'events/',
        expected: files,
      }),
    );
    expect(await tab.textContent('#percent')).toBe('0 %');

    // Record every percentage the page shows, to check that the bar only ever moves forward.
    await tab.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenPercents: string[] }).seenPercents = seen;
      const target = document.getElementById('percent');
      if (target)
        new MutationObserver(() => seen.push(target.textContent ?? '')).observe(target, { childList: true });
    });

    await tab.click('#start');
    await tab.waitForFunction(
      () => document.body.dataset.state === 'done' || document.body.dataset.state === 'error',
    );
    expect(await tab.textContent('#status')).toBe(`imported ${files} objects`);
    expect(await tab.textContent('#percent')).toBe('100 %');
    expect(await tab.textContent('#count')).toBe(`${files} objects`);
    const commitId = (await tab.textContent('#commit')) ?? '';
    expect(commitId).toMatch(/^[0-9a-f]{64}$/);
    expect(await tab.getAttribute('[role=progressbar]', 'aria-valuenow')).toBe('100');

    const seen = await tab.evaluate(() => (window as unknown as { seenPercents: string[] }).seenPercents);
    const numbers = seen.map((text) => Number.parseInt(text, 10));
    expect(numbers.at(-1)).toBe(100);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    await mkdir(ARTIFACTS, { recursive: true });
    await tab.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);

    // The page's commit is the branch head, and it holds every imported object.
    const client = new LakeFS({ endpoint: lakefs.url, ...lakefs.credentials });
    const main = client.repository('browser-dashboard').branch('main');
    expect((await lastValueFrom(main.getCommit())).id).toBe(commitId);
    const imported = await lastValueFrom(main.objects({ prefix: 'events/' }).pipe(toArray()));
    expect(imported).toHaveLength(files);
  });
});
