import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { lastValueFrom } from 'rxjs';
import { LakeFS } from '../../src';
import { type LocalServer, startServer } from '../../src/server';
import { type StaticServer, serveStatic } from '../../examples/browser/serveStatic';

const ROOT = resolve(__dirname, '../..');
const APP = join(ROOT, 'examples/angular');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, 'artifacts');
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
if (!haveChromium) console.warn(`skipping the Angular example test: no Chromium at ${CHROMIUM}`);

// ng build takes tens of seconds on a busy machine
jest.setTimeout(300_000);

function run(file: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile(file, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error
        ? fail(new Error(`${file} ${args.join(' ')}: ${error.message}\n${stdout}\n${stderr}`))
        : done(stdout + stderr),
    );
  });
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

(haveChromium ? describe : describe.skip)('the Angular example app (ng build, headless Chromium)', () => {
  let work: string;
  let data: string;
  let lakefs: LocalServer;
  let page: StaticServer;
  let browser: BrowserContext;
  let buildLog: string;
  const files = 120;
  const repository = 'angular-app';

  beforeAll(async () => {
    // The app imports the built package (lakefs-rx, lakefs-rx/angular): rebuild dist/ when src/ is newer.
    const built = existsSync(join(ROOT, 'dist/browser/angular.mjs'))
      ? statSync(join(ROOT, 'dist/browser/angular.mjs')).mtimeMs
      : 0;
    if (built < newest(join(ROOT, 'src'))) await run('npm', ['run', 'build'], ROOT);
    work = await mkdtemp(join(tmpdir(), 'lakefs-rx-angular-'));
    buildLog = await run(
      process.execPath,
      [join(ROOT, 'node_modules/@angular/cli/bin/ng.js'), 'build', '--output-path', join(work, 'app')],
      APP,
    );
    data = join(work, 'data');
    await mkdir(join(data, 'batch'), { recursive: true });
    for (let i = 0; i < files; i++) await writeFile(join(data, 'batch', `row-${i}.csv`), `id\n${i}\n`);
    lakefs = await startServer({ importRoots: [data] });
    const client = new LakeFS({ endpoint: lakefs.url, ...lakefs.credentials });
    const main = client.repository(repository).branch('main');
    await lastValueFrom(client.repository(repository).create());
    await lastValueFrom(main.object('docs/readme.md').upload('# hello'));
    await lastValueFrom(main.object('top.txt').upload('top'));
    await lastValueFrom(main.commit('seed'));
    const settings = {
      endpoint: lakefs.url,
      ...lakefs.credentials,
      repository,
      importSource: `local://${join(data, 'batch')}/`,
      expectedObjects: files,
    };
    page = await serveStatic(join(work, 'app', 'browser'), {
      generated: { '/lakefs-config.json': JSON.stringify(settings) },
    });
    browser = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1000, height: 760 },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await page?.close();
    await lakefs?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('builds with strict templates and no CommonJS warnings', () => {
    expect(buildLog).toContain('Application bundle generation complete');
    expect(buildLog).not.toMatch(/WARNING|CommonJS/);
  });

  it('browses, survives a failed import, then imports with live progress — all through HttpClient', async () => {
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    tab.on('console', (message) => {
      // the failed import's 4xx is the one error this test provokes
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text()))
        problems.push(message.text());
    });
    await mkdir(ARTIFACTS, { recursive: true });

    await tab.goto(`${page.url}/`);
    expect(tab.url()).toBe(`${page.url}/`);
    await tab.click(`button.repo:has-text("${repository}")`);
    await tab.waitForSelector('#listing button.prefix:has-text("docs/")');
    expect(await tab.textContent('#listing')).toContain('top.txt');
    await tab.click('#listing button.prefix:has-text("docs/")');
    await tab.waitForSelector('#listing td:has-text("docs/readme.md")');
    await tab.screenshot({ path: join(ARTIFACTS, 'angular-browse.png'), fullPage: true });

    await tab.fill('#import-source', `local://${join(work, 'not-allowed')}/`);
    await tab.click('#start-import');
    await tab.waitForSelector('#import-state[data-state=error]');
    expect(await tab.textContent('#import-state [role=alert]')).toMatch(/^import failed: /);
    await tab.screenshot({ path: join(ARTIFACTS, 'angular-import-error.png'), fullPage: true });

    // the failure ended that import only: the same button starts another one
    await tab.fill('#import-source', `local://${join(data, 'batch')}/`);
    await tab.click('#start-import');
    await tab.waitForSelector('#import-state[data-state=done]');
    expect(await tab.textContent('#import-count')).toBe(`${files} objects`);
    expect(await tab.textContent('#import-commit')).toMatch(/^[0-9a-f]{64}$/);
    expect(await tab.getAttribute('#import-state progress', 'value')).toBe('100');
    await tab.screenshot({ path: join(ARTIFACTS, 'angular-import-done.png'), fullPage: true });

    // every lakeFS call went through the app's interceptor
    const counted = Number((await tab.textContent('#requests'))?.match(/(\d+) requests/)?.[1]);
    expect(counted).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });
});
