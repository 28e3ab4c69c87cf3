import { tmpdir } from 'node:os';
import { startTarget, type TestTarget } from '../support/testLakeFS';
import { repoFixture } from './helpers/repoFixture';

// What lakeFS answers to malformed requests, word for word (the SDKs show these messages to users): the
// request validator's checks of JSON bodies and query values, and the catalog's argument checks, which
// name each argument after its handler's parameter. Observed on lakeFS 1.84.0; the same suite runs against
// it. lakeFS appends a dump of the schema and the value to body errors; the first line is compared.
describe('validator wording', () => {
  let target: TestTarget;
  const repos = repoFixture(() => target);
  let r = '';
  beforeAll(async () => {
    // imports allowed (as on the real lakeFS here), so the import cases reach the branch lookup
    target = await startTarget({ importRoots: [tmpdir()] });
    r = `/repositories/${(await repos.create('wording')).id}`;
  });
  afterAll(() => target.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const auth = Buffer.from(`${target.credentials.accessKeyId}:${target.credentials.secretAccessKey}`);
    const res = await fetch(`${target.endpoint.replace(/\/api\/v1\/?$/, '')}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Basic ${auth.toString('base64')}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const message = res.status >= 400 ? ((JSON.parse(text) as { message: string }).message ?? text) : '';
    return { status: res.status, message: message.split('\n')[0] };
  };
  const schema = (name: string, rest: string) =>
    `request body has an error: doesn't match schema #/components/schemas/${name}: ${rest}`;

  it.each([
    [
      'POST',
      '/repositories',
      { name: 'A!', storage_namespace: 'local://x' },
      400,
      schema(
        'RepositoryCreation',
        'Error at "/name": string doesn\'t match the regular expression "^[a-z0-9][a-z0-9-]{2,62}$"',
      ),
    ],
    [
      'POST',
      '/repositories',
      { name: 123, storage_namespace: 'local://x' },
      400,
      schema('RepositoryCreation', 'Error at "/name": value must be a string'),
    ],
    [
      'POST',
      '/repositories',
      { storage_namespace: 'local://x' },
      400,
      schema('RepositoryCreation', 'Error at "/name": property "name" is missing'),
    ],
    [
      'POST',
      '/repositories',
      { name: 'abc', storage_namespace: 'local://x', sample_data: 'yes' },
      400,
      schema('RepositoryCreation', 'Error at "/sample_data": value must be a boolean'),
    ],
    ['POST', '{r}/branches', [], 400, schema('BranchCreation', 'value must be an object')],
    [
      'POST',
      '{r}/branches',
      { name: null, source: 'main' },
      400,
      schema('BranchCreation', 'Error at "/name": Value is not nullable'),
    ],
    // present properties first (sorted), then `required` in the schema's order (parent_number before ref)
    [
      'POST',
      '{r}/branches/main/revert',
      {},
      400,
      schema('RevertCreation', 'Error at "/parent_number": property "parent_number" is missing'),
    ],
    [
      'POST',
      '{r}/branches/main/revert',
      { ref: 'main', parent_number: 'x' },
      400,
      schema('RevertCreation', 'Error at "/parent_number": value must be an integer'),
    ],
    [
      'PUT',
      '{r}/branches/main',
      { type: 'bogus' },
      400,
      schema(
        'ResetCreation',
        'Error at "/type": value is not one of the allowed values ["object","common_prefix","reset"]',
      ),
    ],
    [
      'POST',
      '{r}/branches/main/import',
      { paths: [{ type: 'x', path: 'local:///tmp/x', destination: 'd/' }], commit: { message: 'm' } },
      400,
      schema(
        'ImportCreation',
        'Error at "/paths/0/type": value is not one of the allowed values ["common_prefix","object"]',
      ),
    ],
    [
      'PUT',
      '{r}/branches/main',
      { type: 'object' },
      400,
      'argument path: missing path: required value: validation error',
    ],
    [
      'GET',
      '{r}/refs/main/objects?path=',
      undefined,
      400,
      'parameter "path" in query has an error: empty value is not allowed',
    ],
    [
      'PUT',
      '{r}/branches/main/hard_reset?ref=',
      undefined,
      400,
      'parameter "ref" in query has an error: empty value is not allowed',
    ],
    [
      'GET',
      '{r}/refs/main/commits?objects=',
      undefined,
      400,
      'parameter "objects" in query has an error: empty value is not allowed',
    ],
    [
      'GET',
      '{r}/refs/main/commits?amount=abc',
      undefined,
      400,
      'parameter "amount" in query has an error: value abc: an invalid integer: invalid syntax',
    ],
    [
      'GET',
      '{r}/refs/main/diff/main?type=bogus',
      undefined,
      400,
      'parameter "type" in query has an error: value is not one of the allowed values ["two_dot","three_dot"]',
    ],
    [
      'POST',
      '{r}/refs/main/merge/main',
      { strategy: 'bogus' },
      400,
      'argument strategy: invalid value: validation error',
    ],
    [
      'POST',
      '{r}/branches',
      { name: '', source: 'main' },
      500,
      'argument branch: required value: validation error',
    ],
    [
      'POST',
      '{r}/branches',
      { name: 'b', source: '' },
      500,
      'argument ref: required value: validation error',
    ],
    [
      'POST',
      '{r}/branches',
      { name: 'b', source: 'bad ref' },
      400,
      'argument ref: ref: invalid value: validation error',
    ],
    [
      'GET',
      '{r}/branches/bad%20name',
      undefined,
      400,
      'argument branch: branch id: invalid value: validation error',
    ],
    [
      'DELETE',
      '{r}/branches/bad%20name',
      undefined,
      400,
      'argument name: branch id: invalid value: validation error',
    ],
    [
      'GET',
      '{r}/refs/main/diff/bad%20ref',
      undefined,
      400,
      'argument right: ref: invalid value: validation error',
    ],
    [
      'GET',
      '{r}/refs/bad%20ref/diff/main',
      undefined,
      400,
      'argument left: ref: invalid value: validation error',
    ],
    [
      'POST',
      '{r}/refs/main/merge/bad%20name',
      {},
      400,
      'argument destination: branch id: invalid value: validation error',
    ],
    [
      'POST',
      '{r}/refs/bad%20ref/merge/main',
      {},
      400,
      'argument source: ref: invalid value: validation error',
    ],
    [
      'GET',
      '{r}/refs/bad%20ref/objects/ls',
      undefined,
      400,
      'argument ref: ref: invalid value: validation error',
    ],
    ['GET', '{r}/commits/bad%20ref', undefined, 404, 'commit not found'],
    ['POST', '{r}/tags', { id: 't', ref: 'bad ref' }, 404, 'not found'],
    ['GET', '{r}/branches/main/import?id=nope', undefined, 404, 'not found'],
    [
      'POST',
      '{r}/branches/bad%20name/import',
      { paths: [], commit: { message: 'm' } },
      404,
      'branch not found',
    ],
  ])('%s %s %j → %i %s', async (method, path, body, status, message) => {
    expect(await call(method, path.replace('{r}', r), body)).toEqual({ status, message });
  });

  it('stage_allowed only authorizes: 204 for any repository and branch, malformed or missing', async () => {
    for (const path of [
      `${r}/branches/nope`,
      `${r}/branches/bad%20name`,
      '/repositories/no-such-repo/branches/x',
    ])
      expect(await call('GET', `${path}/objects/stage_allowed?path=x`)).toEqual({ status: 204, message: '' });
  });

  it('staging/backing hands out an address for a branch that does not exist (the link step checks it)', async () => {
    expect(await call('GET', `${r}/branches/nope/staging/backing?path=x`)).toEqual({
      status: 200,
      message: '',
    });
    expect(await call('GET', `${r}/branches/bad%20name/staging/backing?path=x`)).toEqual({
      status: 200,
      message: '',
    });
    expect(await call('GET', '/repositories/no-such-repo/branches/x/staging/backing?path=x')).toEqual({
      status: 404,
      message: 'repository not found',
    });
  });
});
