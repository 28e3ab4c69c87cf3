import { existsSync } from 'node:fs';
// the module object itself (a namespace import would be a copy, and spying on it would miss the server)
import fsPromises from 'node:fs/promises';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { lastValueFrom, toArray } from 'rxjs';
import { LakeFS } from '../../src';
import { type LocalServer, type ServerRequestEvent, startServer } from '../../src/server';
import { buildDashboard } from '../../examples/browser/buildDashboard';
import { dashboardConfig } from '../../examples/browser/serve';
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
  let gated: string;
  let lakefs: LocalServer;
  let page: StaticServer | undefined;
  let site: string;
  /** Serves the page with its form pre-filled from dashboard-config.json (the secret never in the URL). */
  const open = async (settings: Record<string, string | number>) => {
    await page?.close();
    page = await serveStatic(site, { generated: dashboardConfig(settings) });
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    tab.on('pageerror', (error) => problems.push(error.message));
    tab.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    // Records what the page went through: states, whether the form was disabled, the indeterminate bar.
    await tab.addInitScript(() => {
      const seen = { states: [] as string[], formDisabled: false, indeterminate: false };
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        const state = document.body.dataset.state ?? '';
        if (seen.states.at(-1) !== state) seen.states.push(state);
        const busy = state === 'starting' || state === 'importing';
        if (busy && (document.getElementById('fields') as HTMLFieldSetElement | null)?.disabled)
          seen.formDisabled = true;
        if (busy && document.querySelector('[role=progressbar]')?.classList.contains('indeterminate'))
          seen.indeterminate = true;
      }).observe(document, { subtree: true, attributes: true, childList: true });
    });
    await tab.goto(`${page.url}/index.html`);
    await tab.waitForFunction(() => (document.getElementById('endpoint') as HTMLInputElement).value !== '');
    return { tab, problems };
  };
  const seen = (tab: Awaited<ReturnType<typeof open>>['tab']) =>
    tab.evaluate(
      () =>
        (window as unknown as { seen: { states: string[]; formDisabled: boolean; indeterminate: boolean } })
          .seen,
    );
  let browser: BrowserContext;
  const files = 400;
  /**
   * Files before the cancel test's gate: the server publishes progress every 500 files or 100 ms, so it has
   * published a count above 0 by the time the import waits at the gate.
   */
  const GATED_AFTER = 520;
  const GATE = 'zz-gate.json';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'lakefs-rx-browser-'));
    data = join(work, 'data');
    for (let d = 0; d < 8; d++) await mkdir(join(data, `day-${d}`), { recursive: true });
    for (let i = 0; i < files; i++)
      await writeFile(join(data, `day-${i % 8}`, `event-${i}.json`), `{"id":${i}}`);
    // The cancel test's source: GATED_AFTER files, then the gate, which sorts last (see that test).
    gated = join(work, 'gated');
    await mkdir(gated, { recursive: true });
    for (let i = 0; i < GATED_AFTER; i++)
      await writeFile(join(gated, `part-${String(i).padStart(4, '0')}.json`), `{"id":${i}}`);
    await writeFile(join(gated, GATE), '{"gate":true}');
    lakefs = await startServer({ importRoots: [data, gated] });
    site = await buildDashboard(join(work, 'site'));
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
    const { tab, problems: consoleErrors } = await open({
      endpoint: lakefs.url,
      ...lakefs.credentials,
      repository: 'browser-dashboard',
      source: `local://${data}/`,
      destination: 'events/',
      expected: files,
    });
    expect(tab.url()).not.toContain(lakefs.credentials.secretAccessKey);
    expect(await tab.textContent('#percent')).toBe('0 %');

    // Record every percentage the page shows, to check that the bar only ever moves forward.
    await tab.evaluate(() => {
      const seenPercents: string[] = [];
      (window as unknown as { seenPercents: string[] }).seenPercents = seenPercents;
      const target = document.getElementById('percent');
      if (target)
        new MutationObserver(() => seenPercents.push(target.textContent ?? '')).observe(target, {
          childList: true,
        });
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

    const percents = await tab.evaluate(() => (window as unknown as { seenPercents: string[] }).seenPercents);
    const numbers = percents.map((text) => Number.parseInt(text, 10));
    expect(numbers.at(-1)).toBe(100);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    expect(await tab.textContent('#rate')).toMatch(/^\d+ objects\/s$/);
    expect(await tab.textContent('#elapsed')).toMatch(/^\d+:\d\d$/);
    expect(await tab.textContent('#eta')).toBe('0:00');
    const journey = await seen(tab);
    expect(journey.formDisabled).toBe(true);
    expect(journey.states).toEqual(expect.arrayContaining(['starting', 'done']));
    expect(await tab.isDisabled('#endpoint')).toBe(false);

    await mkdir(ARTIFACTS, { recursive: true });
    await tab.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    // no 409 from creating a repository that exists, nor any other error
    expect(consoleErrors).toEqual([]);

    // The page's commit is the branch head, and it holds every imported object.
    const client = new LakeFS({ endpoint: lakefs.url, ...lakefs.credentials });
    const main = client.repository('browser-dashboard').branch('main');
    expect((await lastValueFrom(main.getCommit())).id).toBe(commitId);
    const imported = await lastValueFrom(main.objects({ prefix: 'events/' }).pipe(toArray()));
    expect(imported).toHaveLength(files);
  });

  it('shows an indeterminate bar when the total is unknown, then the count it reached', async () => {
    const { tab, problems } = await open({
      endpoint: lakefs.url,
      ...lakefs.credentials,
      repository: 'browser-dashboard-unknown',
      source: `local://${data}/day-1/`,
      destination: 'day-1/',
    });
    await tab.click('#start');
    await tab.waitForFunction(() => document.body.dataset.state === 'done');
    expect((await seen(tab)).indeterminate).toBe(true);
    expect(await tab.textContent('#count')).toBe(`${files / 8} objects`);
    expect(await tab.textContent('#percent')).toBe('100 %');
    expect(problems).toEqual([]);
  });

  it('shows a failed import as a visible error with the plain message, and can start again', async () => {
    const { tab, problems } = await open({
      endpoint: lakefs.url,
      ...lakefs.credentials,
      repository: 'browser-dashboard-error',
      source: `local://${work}/not-an-import-root/`,
    });
    await tab.click('#start');
    await tab.waitForFunction(() => document.body.dataset.state === 'error');
    expect(await tab.isVisible('#error')).toBe(true);
    expect(await tab.textContent('#error')).toMatch(/\S/);
    expect(await tab.isDisabled('#start')).toBe(false);
    await mkdir(ARTIFACTS, { recursive: true });
    await tab.screenshot({ path: join(ARTIFACTS, 'dashboard-error.png'), fullPage: true });
    // the only failed response is the import the server refused
    expect(problems.filter((p) => !/^4\d\d .*\/import|status of 4\d\d/.test(p))).toEqual([]);
  });
  it('cancels a running import from the page: the server gets the cancel, the counts stay, the form comes back', async () => {
    // Holds the import mid-way, deterministically: the server's import stats every file before it reads
    // it, and the stat of the gate file (sorted last) waits until the test opens the gate. The files before
    // it are ingested and their count published; the import cannot finish while the gate is shut.
    let openGate = (): void => undefined;
    let reachGate = (): void => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const gateReached = new Promise<void>((resolve) => (reachGate = resolve));
    const realStat = fsPromises.stat;
    const statSpy = jest.spyOn(fsPromises, 'stat').mockImplementation((async (path: string) => {
      if (String(path).endsWith(`/gated/${GATE}`)) {
        reachGate();
        await gate;
      }
      return realStat(path);
    }) as typeof fsPromises.stat);
    const cancelUrl = /\/api\/v1\/repositories\/browser-dashboard-cancel\/branches\/main\/import\?id=/;
    const requests: ServerRequestEvent[] = [];
    const record = (event: ServerRequestEvent) => requests.push(event);
    lakefs.events.on('request', record);
    try {
      const { tab, problems } = await open({
        endpoint: lakefs.url,
        ...lakefs.credentials,
        repository: 'browser-dashboard-cancel',
        source: `local://${gated}/`,
        destination: 'gated/',
        expected: GATED_AFTER + 1,
      });
      const started = tab.waitForResponse(
        (r) => r.request().method() === 'POST' && /\/branches\/main\/import$/.test(new URL(r.url()).pathname),
      );
      await tab.click('#start');
      const { id } = (await (await started).json()) as { id: string };
      await gateReached;
      // From here the server's status stays put; wait until the page shows it, still running.
      const client = new LakeFS({ endpoint: lakefs.url, ...lakefs.credentials });
      const main = client.repository('browser-dashboard-cancel').branch('main');
      const held = await lastValueFrom(main.importStatus(id));
      expect(held.completed).toBe(false);
      expect(held.ingestedObjects).toBeGreaterThan(0);
      await tab.waitForFunction(
        (count) => document.getElementById('count')?.textContent === `${count} objects`,
        held.ingestedObjects,
      );
      expect(await tab.evaluate(() => document.body.dataset.state)).toBe('importing');
      expect(await tab.isDisabled('#endpoint')).toBe(true);
      expect(await tab.isDisabled('#start')).toBe(true);
      const percentBefore = await tab.textContent('#percent');
      expect(percentBefore).toBe(`${Math.floor((held.ingestedObjects / (GATED_AFTER + 1)) * 100)} %`);

      const cancelAnswer = tab.waitForResponse(
        (r) => r.request().method() === 'DELETE' && cancelUrl.test(r.url()),
      );
      await tab.click('#cancel');
      await tab.waitForFunction(() => document.body.dataset.state === 'cancelled');
      // the server answered the cancel, and saw exactly one
      expect((await cancelAnswer).status()).toBe(204);
      const cancels = requests.filter((r) => r.method === 'DELETE' && cancelUrl.test(r.url));
      expect(cancels).toEqual([{ method: 'DELETE', url: expect.stringContaining(`id=${id}`) }]);

      // the counts stay, the form is back, the status says cancelled
      expect(await tab.textContent('#count')).toBe(`${held.ingestedObjects} objects`);
      expect(await tab.textContent('#percent')).toBe(percentBefore);
      expect(await tab.textContent('#status')).toBe(`cancelled after ${held.ingestedObjects} objects`);
      expect(await tab.textContent('#commit')).toBe('—');
      expect(await tab.isDisabled('#endpoint')).toBe(false);
      expect(await tab.isDisabled('#start')).toBe(false);
      expect(await tab.isDisabled('#cancel')).toBe(true);
      expect(await tab.isVisible('#error')).toBe(false);
      await mkdir(ARTIFACTS, { recursive: true });
      await tab.screenshot({ path: join(ARTIFACTS, 'dashboard-cancelled.png'), fullPage: true });

      // and the server agrees: the import stopped as cancelled, and made no commit
      expect(await lastValueFrom(main.importStatus(id))).toMatchObject({
        completed: false,
        error: 'Canceled',
      });
      expect((await lastValueFrom(main.getCommit())).message).toBe('Repository created');
      expect(problems).toEqual([]);
    } finally {
      lakefs.events.off('request', record);
      openGate();
      statSpy.mockRestore();
    }
  });
});
