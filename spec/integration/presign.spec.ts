import { randomBytes } from 'node:crypto';
import { take } from 'rxjs';
import {
  BadRequestError,
  ForbiddenError,
  InternalServerError,
  InvalidRangeError,
  PreconditionFailedError,
  type FetchLike,
  type LakeFS,
  type Repository,
  type UploadData,
} from '../../src';
import type { LocalServer, ServerOptions } from '../../src/server';
import { DIRECT_UPLOAD_BELOW_BYTES } from '../../src';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { all, countRequests, md5, randomChunks, repoFixture, run, sameBytes } from './helpers/repoFixture';

const MiB = 1024 * 1024;
const PRESIGNED = '/_presigned/';

/** `METHOD path` of every request the server saw while `body` ran (query strings dropped). */
async function trafficOf(target: TestTarget, body: () => Promise<unknown>): Promise<string[]> {
  const { requests } = await countRequests(target, body);
  return requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);
}

const presignedPuts = (traffic: string[]): string[] =>
  traffic.filter((t) => t.startsWith(`PUT ${PRESIGNED}`));
const presignedGets = (traffic: string[]): string[] =>
  traffic.filter((t) => t.startsWith(`GET ${PRESIGNED}`));

/** A fetch that rewrites presigned exchanges, standing in for a store or a network that behaves differently. */
function interposedFetch(rewrite: {
  url?: (url: string) => string;
  response?: (response: Response) => Response;
}): FetchLike {
  return async (url, init) => {
    if (!url.includes(PRESIGNED)) return fetch(url, init);
    const response = await fetch(rewrite.url ? rewrite.url(url) : url, init);
    return rewrite.response ? rewrite.response(response) : response;
  };
}

function withoutEtag(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.delete('etag');
  return new Response(response.body, { status: response.status, headers });
}

describe('presigned transfers', () => {
  let target: TestTarget;
  let repo: Repository;
  beforeAll(async () => {
    target = await startTarget({ presign: true });
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    repo = await repos.create('presign');
  });

  describe('round trips', () => {
    itLocal('uploads a 5 MiB stream through a presigned PUT and reads it back byte-identical', async () => {
      const main = repo.branch('main');
      const source = randomChunks(20, MiB / 4);
      const obj = main.object('round/stream.bin');
      const uploadTraffic = await trafficOf(target, () => run(obj.upload(source.source, { presign: true })));
      expect(uploadTraffic).toEqual([
        'GET /api/v1/repositories/' + repo.id + '/branches/main/staging/backing',
        expect.stringMatching(/^PUT \/_presigned\//),
        'PUT /api/v1/repositories/' + repo.id + '/branches/main/staging/backing',
      ]);
      const info = await run(obj.stat());
      expect(info).toMatchObject({ sizeBytes: 5 * MiB, checksum: source.md5() });
      let read: Uint8Array | undefined;
      const readTraffic = await trafficOf(target, async () => {
        read = await run(obj.bytes({ presign: true }));
      });
      expect(readTraffic).toEqual([
        'GET /api/v1/repositories/' + repo.id + '/refs/main/objects/stat',
        expect.stringMatching(/^GET \/_presigned\//),
      ]);
      expect(md5(read!)).toBe(source.md5());
    });

    const binary = randomBytes(300_000);
    itLocal.each<[string, () => UploadData]>([
      ['Uint8Array', () => binary],
      ['Blob', () => new Blob([binary])],
      [
        'AsyncIterable',
        () =>
          (async function* () {
            yield binary.subarray(0, 100_000);
            yield binary.subarray(100_000);
          })(),
      ],
    ])('round-trips a %s and keeps content type and metadata', async (name, make) => {
      const obj = repo.branch('main').object(`round/${name}.bin`);
      const info = await run(
        obj.upload(make(), { presign: true, contentType: 'application/x-test', metadata: { origin: name } }),
      );
      expect(info).toMatchObject({
        sizeBytes: binary.length,
        checksum: md5(binary),
        contentType: 'application/x-test',
        metadata: { origin: name },
      });
      expect(sameBytes(await run(obj.bytes({ presign: true })), binary)).toBe(true);
      expect(sameBytes(await run(obj.bytes({ presign: false })), binary)).toBe(true);
    });

    itLocal('links the MD5 it computed when the store answers without an ETag', async () => {
      const client = target.client({ fetch: interposedFetch({ response: withoutEtag }) });
      const main = client.repository(repo.id).branch('main');
      const data = randomBytes(200_000);
      const sources: [string, UploadData][] = [
        ['bytes', data],
        ['blob', new Blob([data])],
        ['stream', new Blob([data]).stream()],
      ];
      for (const [name, source] of sources) {
        const info = await run(main.object(`etagless/${name}`).upload(source, { presign: true }));
        expect(info.checksum).toBe(md5(data));
      }
    });

    itLocal('fails a second ifAbsent upload with PreconditionFailedError at the link', async () => {
      const obj = repo.branch('main').object('round/once.txt');
      await run(obj.upload('first', { presign: true, ifAbsent: true }));
      await expect(run(obj.upload('second', { presign: true, ifAbsent: true }))).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(await run(obj.text())).toBe('first');
    });

    itLocal('reads ranges straight from the presigned URL', async () => {
      const obj = repo.branch('main').object('round/range.txt');
      await run(obj.upload('0123456789abcdef', { presign: true }));
      const text = (range: Parameters<typeof obj.text>[0]) => run(obj.text({ presign: true, ...range }));
      expect(await text({ range: { start: 2, end: 5 } })).toBe('2345');
      expect(await text({ range: { start: 10 } })).toBe('abcdef');
      expect(await text({ range: { last: 3 } })).toBe('def');
      expect(await text({ range: { start: 5, end: 999 } })).toBe('56789abcdef');
      await expect(text({ range: { start: 16 } })).rejects.toBeInstanceOf(InvalidRangeError);
    });

    itLocal('reads an empty object through a presigned URL', async () => {
      const obj = repo.branch('main').object('round/empty');
      await run(obj.upload(new Uint8Array(0), { presign: true }));
      expect((await run(obj.bytes({ presign: true }))).byteLength).toBe(0);
    });

    itLocal('reads through readStream() with presign', async () => {
      const obj = repo.branch('main').object('round/stream-read.txt');
      await run(obj.upload('streamed back', { presign: true }));
      const traffic = await trafficOf(target, async () => {
        const text = await new Response(obj.readStream({ presign: true })).text();
        expect(text).toBe('streamed back');
      });
      expect(presignedGets(traffic)).toHaveLength(1);
    });
  });

  describe('stat, ls and get with presign', () => {
    itLocal('stat and objects() hand out URLs that read the data without credentials', async () => {
      const main = repo.branch('main');
      await run(main.object('urls/a.txt').upload('alpha', { presign: false }));
      const before = Date.now();
      const info = await run(main.object('urls/a.txt').stat({ presign: true }));
      expect(info.physicalAddress).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_presigned\//);
      expect(info.physicalAddressExpiry!.getTime()).toBeGreaterThan(before);
      const raw = await fetch(info.physicalAddress);
      expect(raw.status).toBe(200);
      expect(raw.headers.get('etag')).toBe(`"${md5('alpha')}"`);
      expect(await raw.text()).toBe('alpha');
      const listed = await all(main.objects({ prefix: 'urls/', presign: true }));
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({
        path: 'urls/a.txt',
        physicalAddress: expect.stringContaining(PRESIGNED),
      });
      const unsigned = await run(main.object('urls/a.txt').stat());
      expect(unsigned.physicalAddress).toMatch(/^local:\/\//);
    });

    itLocal('GET object with presign=true redirects to the presigned URL', async () => {
      await run(repo.branch('main').object('urls/b.txt').upload('bravo', { presign: false }));
      const response = await fetch(
        `${target.endpoint}/api/v1/repositories/${repo.id}/refs/main/objects?path=urls%2Fb.txt&presign=true`,
        { headers: { authorization: basicAuth(target) }, redirect: 'manual' },
      );
      expect(response.status).toBe(302);
      const location = response.headers.get('location')!;
      expect(location).toContain(PRESIGNED);
      expect(await (await fetch(location)).text()).toBe('bravo');
    });

    itLocal('answers CORS on presigned URLs', async () => {
      const info = await run(repo.branch('main').object('urls/a.txt').stat({ presign: true }));
      const preflight = await fetch(info.physicalAddress, {
        method: 'OPTIONS',
        headers: { origin: 'http://app.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.example');
      const get = await fetch(info.physicalAddress, { headers: { origin: 'http://app.example' } });
      expect(get.headers.get('access-control-expose-headers')).toContain('etag');
    });
  });

  describe('refused URLs', () => {
    itLocal('refuses a tampered URL with 403 before reading or writing anything', async () => {
      await run(repo.branch('main').object('refused/a.txt').upload('secret data', { presign: true }));
      const info = await run(repo.branch('main').object('refused/a.txt').stat({ presign: true }));
      const tampered = new URL(info.physicalAddress);
      const signature = tampered.searchParams.get('X-Signature')!;
      tampered.searchParams.set('X-Signature', (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1));
      const response = await fetch(tampered);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
      const location = await run(
        target.lakefs.api.getPhysicalAddress(repo.id, 'main', 'refused/b', { presign: true }),
      );
      const put = new URL(location.presigned_url!);
      put.searchParams.set('X-Expires', String(Number(put.searchParams.get('X-Expires')) + 3600));
      expect((await fetch(put, { method: 'PUT', body: 'evil' })).status).toBe(403);
      // a read URL does not write
      expect((await fetch(info.physicalAddress, { method: 'PUT', body: 'evil' })).status).toBe(403);
      expect(await run(repo.branch('main').object('refused/a.txt').text())).toBe('secret data');
    });

    itLocal('surfaces a tampered URL as ForbiddenError to the client', async () => {
      const tamper = (url: string): string =>
        url.replace(/X-Signature=./, (m) => (m.endsWith('A') ? `${m.slice(0, -1)}B` : `${m.slice(0, -1)}A`));
      const client = target.client({ fetch: interposedFetch({ url: tamper }) });
      const obj = client.repository(repo.id).branch('main').object('refused/client.txt');
      const uploadError = await run(obj.upload('x', { presign: true })).catch((e: unknown) => e);
      expect(uploadError).toBeInstanceOf(ForbiddenError);
      expect((uploadError as ForbiddenError).serverMessage).toMatch(/^SignatureDoesNotMatch: /);
      expect((uploadError as ForbiddenError).message).not.toContain('X-Signature');
      await run(target.lakefs.repository(repo.id).branch('main').object('refused/client.txt').upload('ok'));
      await expect(run(obj.text({ presign: true }))).rejects.toBeInstanceOf(ForbiddenError);
    });

    itLocal('refuses expired URLs with 403, surfaced as ForbiddenError', async () => {
      const expiring = await startTarget({ presign: true, presignExpirySeconds: 0 });
      try {
        const expRepo = expiring.lakefs.repository(expiring.repoId('expired'));
        await run(expRepo.create());
        const obj = expRepo.branch('main').object('late.txt');
        const error = await run(obj.upload('too late', { presign: true })).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ForbiddenError);
        expect((error as ForbiddenError).serverMessage).toBe('AccessDenied: Request has expired');
        expect(await run(obj.exists())).toBe(false);
        await run(obj.upload('on time', { presign: false }));
        const readError = await run(obj.text({ presign: true })).catch((e: unknown) => e);
        expect(readError).toBeInstanceOf(ForbiddenError);
        expect((readError as ForbiddenError).status).toBe(403);
        const info = await run(obj.stat({ presign: true }));
        expect(await (await fetch(info.physicalAddress)).text()).toContain('Request has expired');
      } finally {
        await expiring.close();
      }
    });
  });
});

describe('presign left unset', () => {
  const capabilities: [string, ServerOptions][] = [
    ['presign-capable', { presign: true }],
    ['not presign-capable', { presign: false }],
  ];

  describe.each(capabilities)('against a %s server', (_, serverOptions) => {
    let target: TestTarget;
    beforeAll(async () => {
      target = await startTarget(serverOptions);
    });
    afterAll(() => target.close());
    const repos = repoFixture(() => target);

    itLocal('follows the server’s pre_sign_support for uploads and reads', async () => {
      const capable = serverOptions.presign === true;
      const repo = await repos.create('auto');
      const obj = repo.branch('main').object('auto/data.bin');
      // at the threshold: smaller objects go through lakeFS under 'auto' (see the next test)
      const data = randomBytes(DIRECT_UPLOAD_BELOW_BYTES);
      const upload = await trafficOf(target, () => run(obj.upload(data)));
      const read = await trafficOf(target, async () => {
        expect(sameBytes(await run(obj.bytes()), data)).toBe(true);
      });
      const objects = `/api/v1/repositories/${repo.id}`;
      if (capable) {
        expect(presignedPuts(upload)).toHaveLength(1);
        expect(upload).toContain(`PUT ${objects}/branches/main/staging/backing`);
        expect(upload).not.toContain(`POST ${objects}/branches/main/objects`);
        expect(presignedGets(read)).toHaveLength(1);
        expect(read).not.toContain(`GET ${objects}/refs/main/objects`);
      } else {
        expect(upload).toEqual([`POST ${objects}/branches/main/objects`]);
        expect(read).toEqual([`GET ${objects}/refs/main/objects`]);
      }
      expect(await run(obj.stat())).toMatchObject({ checksum: md5(data), sizeBytes: data.length });
    });

    itLocal('uploads an object below the threshold directly, unless presign is asked for', async () => {
      const repo = await repos.create('auto-small');
      const main = repo.branch('main');
      const objects = `/api/v1/repositories/${repo.id}`;
      const small = randomBytes(DIRECT_UPLOAD_BELOW_BYTES - 1);
      const auto = await trafficOf(target, () => run(main.object('small.bin').upload(small)));
      expect(auto).toEqual([`POST ${objects}/branches/main/objects`]);
      if (serverOptions.presign === true) {
        const asked = await trafficOf(target, () =>
          run(main.object('asked.bin').upload(small, { presign: true })),
        );
        expect(presignedPuts(asked)).toHaveLength(1);
        const clientWide = target.client({ presign: true }).repository(repo.id).branch('main');
        const forced = await trafficOf(target, () => run(clientWide.object('forced.bin').upload('tiny')));
        expect(presignedPuts(forced)).toHaveLength(1);
      }
      expect(await run(main.object('small.bin').stat())).toMatchObject({ checksum: md5(small) });
    });

    itLocal('asks /config/storage once per client', async () => {
      const repo = await repos.create('config-once');
      const client = target.client();
      const main = client.repository(repo.id).branch('main');
      const traffic = await trafficOf(target, async () => {
        await run(main.object('one').upload('1'));
        await run(main.object('two').upload('2'));
        await run(main.object('one').text());
      });
      expect(traffic.filter((t) => t.endsWith('/config/storage'))).toHaveLength(1);
    });

    itLocal('lets the client option and the per-call option override the server', async () => {
      const repo = await repos.create('override');
      const direct: LakeFS = target.client({ presign: false });
      const traffic = await trafficOf(target, async () => {
        await run(direct.repository(repo.id).branch('main').object('x').upload('x'));
        await run(direct.repository(repo.id).branch('main').object('x').text());
        await run(
          target.lakefs.repository(repo.id).branch('main').object('y').upload('y', { presign: false }),
        );
      });
      expect(traffic.some((t) => t.includes(PRESIGNED) || t.includes('/staging/backing'))).toBe(false);
      expect(traffic.some((t) => t.endsWith('/config/storage'))).toBe(false);
    });
  });

  describe('against a server that cannot presign', () => {
    let target: TestTarget;
    let server: LocalServer;
    beforeAll(async () => {
      target = await startTarget({ presign: false });
      server = target.server!;
    });
    afterAll(() => target.close());
    const repos = repoFixture(() => target);

    itLocal('answers explicit presign requests as lakeFS’s local adapter does', async () => {
      const repo = await repos.create('no-presign');
      const main = repo.branch('main');
      await run(main.object('a').upload('a'));
      await expect(run(main.object('a').stat({ presign: true }))).rejects.toBeInstanceOf(BadRequestError);
      await expect(run(main.objects({ presign: true }))).rejects.toBeInstanceOf(BadRequestError);
      await expect(run(main.object('a').text({ presign: true }))).rejects.toBeInstanceOf(BadRequestError);
      await expect(
        run(target.lakefs.api.getPhysicalAddress(repo.id, 'main', 'b', { presign: true })),
      ).rejects.toBeInstanceOf(InternalServerError);
      await expect(run(main.object('b').upload('b', { presign: true }))).rejects.toBeInstanceOf(
        InternalServerError,
      );
      expect((await fetch(`${server.url}${PRESIGNED}x?X-Expires=1&X-Signature=y`)).status).toBe(404);
      // stat without presign still works and take(1) of a listing with presign=false is fine
      expect(await run(main.objects().pipe(take(1)))).toMatchObject({ path: 'a' });
    });
  });
});

function basicAuth(target: TestTarget): string {
  const { accessKeyId, secretAccessKey } = target.credentials;
  return `Basic ${Buffer.from(`${accessKeyId}:${secretAccessKey}`).toString('base64')}`;
}
