import { randomBytes } from 'node:crypto';
import { tlsFetch } from '../../src/node';
import type { LakeFSOptions } from '../../src';
import { startTarget, type TestTarget } from '../support/testLakeFS';
import { all, md5, randomChunks, repoFixture, run, sameBytes } from './helpers/repoFixture';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
  return Buffer.concat(parts);
}

// node-fetch answers with Node streams and cannot send web streams: the client must hide both.
describe.each<[string, () => LakeFSOptions['fetch']]>([
  ["fetch: 'cross-fetch'", () => 'cross-fetch'],
  ['fetch: tlsFetch()', () => tlsFetch()],
])('the whole object life cycle with %s', (_label, fetchOption) => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);

  it('uploads streamed and in-memory bodies, then reads them back as chunks and as a web stream', async () => {
    const client = target.client({ fetch: fetchOption() });
    const repo = await repos.create('cross-fetch');
    const branch = client.repository(repo.id).branch('main');
    const streamed = randomChunks(8, 64 * 1024);
    const small = randomBytes(1000);
    await run(branch.object('streamed.bin').upload(streamed.source));
    await run(branch.object('small.bin').upload(small));

    expect((await run(branch.object('streamed.bin').stat())).sizeBytes).toBe(8 * 64 * 1024);
    expect(md5(await run(branch.object('streamed.bin').bytes()))).toBe(streamed.md5());
    const viaStream = await readAll(branch.object('small.bin').readStream({ range: { start: 10, end: 19 } }));
    expect(sameBytes(viaStream, small.subarray(10, 20))).toBe(true);
    expect((await all(branch.objects())).map((o) => o.path)).toEqual(['small.bin', 'streamed.bin']);
  });

  it('stops a download cut off by unsubscribing through readStream().cancel()', async () => {
    const client = target.client({ fetch: fetchOption() });
    const repo = await repos.create('cross-fetch-cancel');
    const object = client.repository(repo.id).branch('main').object('big.bin');
    await run(object.upload(randomBytes(4 * 1024 * 1024)));
    const reader = object.readStream().getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    // the connection is free again: the next request goes through
    expect((await run(object.stat())).sizeBytes).toBe(4 * 1024 * 1024);
  });
});
