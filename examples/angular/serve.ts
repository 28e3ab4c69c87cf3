/**
 * Try the Angular example: `npm run example:angular` (or build it with `npx ng build` in this directory,
 * then `npx tsx examples/angular/serve.ts [--port 4300]`). It serves the built app with its connection
 * settings in `lakefs-config.json` next to the page (never in the URL), for a local server started for the
 * occasion or, with `LAKECTL_SERVER_ENDPOINT_URL` and the `LAKECTL_CREDENTIALS_*` variables, your lakeFS.
 * (`ng serve` works too: the page then asks for the connection in a form.)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { LakeFS } from '../../src';
import { serveStatic } from '../browser/serveStatic';
import { examplePort, exampleTarget } from '../support/exampleTarget';
import { runIfMain } from '../support/runExample';

/** Where `ng build` (angular.json) puts the app. */
export const ANGULAR_BUILD = join(__dirname, '../../.tmp/angular-example/browser');

async function main(): Promise<void> {
  if (!existsSync(join(ANGULAR_BUILD, 'index.html')))
    throw new Error(`no build in ${ANGULAR_BUILD}: run \`npx ng build\` in examples/angular first`);
  const target = await exampleTarget();
  const repository = 'angular-example';
  const lakefs = new LakeFS(target);
  await lastValueFrom(lakefs.repository(repository).create({ existOk: true }));
  const settings = { ...target, repository, expectedObjects: target.importObjects };
  const page = await serveStatic(ANGULAR_BUILD, {
    port: examplePort(),
    generated: { '/lakefs-config.json': JSON.stringify(settings) },
  });
  console.log(`open ${page.url}/ (lakeFS: ${target.endpoint}${target.local ? ', local server' : ''})`);
  console.log(`import source: ${target.importSource}\npress Ctrl+C to stop`);
  process.once('SIGINT', () => {
    void Promise.all([page.close(), target.close()]).then(() => process.exit(0));
  });
}

runIfMain(module, main);
