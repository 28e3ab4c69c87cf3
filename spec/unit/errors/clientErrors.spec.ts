import { lastValueFrom } from 'rxjs';
import {
  BadRequestError,
  type FetchLike,
  LakeFS,
  LakeFSError,
  NotFoundError,
  ObjectNotFoundError,
  ValidationError,
} from '../../../src';

const notFound = (message: string): Response =>
  new Response(JSON.stringify({ message }), { status: 404, headers: { 'content-type': 'application/json' } });

function clientSeeing(urls: string[], answer: () => Response): LakeFS {
  const fetch: FetchLike = async (url) => {
    urls.push(url);
    return answer();
  };
  return new LakeFS(
    {
      endpoint: 'http://127.0.0.1:8000',
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
      fetch,
      retry: false,
    },
    [],
    {},
  );
}

const failure = (source: Parameters<typeof lastValueFrom>[0]): Promise<unknown> =>
  lastValueFrom(source).then(
    () => undefined,
    (e: unknown) => e,
  );

describe('errors in the user’s terms', () => {
  it('a not-found names what was not found, from the request', async () => {
    const client = clientSeeing([], () => notFound('repository not found'));
    const repo = await failure(client.repository('sales').properties());
    expect(repo).toBeInstanceOf(NotFoundError);
    expect((repo as NotFoundError).message).toMatch(
      /^repository "sales" not found \(GET \/repositories\/sales failed with 404: repository not found\)/,
    );
    const branch = (await failure(client.repository('sales').branch('dev').head())) as NotFoundError;
    expect(branch.subject).toBe('branch "dev" of repository "sales"');
    const object = (await failure(
      client.repository('sales').ref('main').object('a/b.csv').stat(),
    )) as NotFoundError;
    expect(object).toBeInstanceOf(ObjectNotFoundError);
    expect(object.message).toMatch(/^object "a\/b.csv" at sales\/main not found/);
    const ref = (await failure(client.repository('sales').ref('v9').getCommit())) as NotFoundError;
    expect(ref.message).toMatch(/^ref "v9" of repository "sales" not found/);
  });

  it('refuses . and .. as refs before sending anything (a URL parser would collapse them)', async () => {
    const urls: string[] = [];
    const client = clientSeeing(urls, () => notFound('x'));
    const repo = client.repository('sales');
    for (const ref of ['.', '..']) {
      for (const op of [
        repo.ref(ref).objects(),
        repo.ref(ref).getCommit(),
        repo.ref(ref).object('a').stat(),
      ]) {
        const error = await failure(op);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).field).toBe('ref');
      }
      expect(await failure(repo.tag(ref).getCommit())).toBeInstanceOf(ValidationError);
    }
    expect(urls).toEqual([]);
  });

  it('ValidationError is a client error with the field, not a server answer', () => {
    const error = new ValidationError('path', 'object path must not be empty');
    expect(error).toBeInstanceOf(LakeFSError);
    expect(error).not.toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ field: 'path', message: 'invalid path: object path must not be empty' });
    expect('status' in error).toBe(false);
  });
});
