import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { parse } from 'yaml';
import { findSpec } from '../../../scripts/openapi/findSpec';
import { LakeFS, type FetchLike } from '../../../src';
import { EXCLUDED_OPERATIONS, OPERATIONS } from '../../../src/api/generated';
import * as wire from '../../../src/api/generated/models';

const root = resolve(__dirname, '../../..');
const specPath = findSpec(root);
// The spec is read from the shared reference, never committed; CI must have it, a local run may not.
const withSpec: jest.It = specPath || process.env.CI === 'true' ? it : it.skip;
if (!specPath && process.env.CI !== 'true')
  console.warn('lakeFS OpenAPI spec not found: set LAKEFS_OPENAPI_SPEC to check the generated API');

interface SpecOperation {
  operationId: string;
  tags?: string[];
}

function specOperations(): { id: string; method: string; path: string; internal: boolean }[] {
  if (!specPath) throw new Error('lakeFS OpenAPI spec not found (set LAKEFS_OPENAPI_SPEC)');
  const doc = parse(readFileSync(specPath, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const out: { id: string; method: string; path: string; internal: boolean }[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const o = op as SpecOperation;
      out.push({
        id: o.operationId,
        method: method.toUpperCase(),
        path,
        internal: !!o.tags?.includes('internal'),
      });
    }
  return out;
}

function recordingClient(answer: () => Response = () => new Response(null, { status: 204 })) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init: init ?? {} });
    return answer();
  };
  const lakefs = new LakeFS(
    {
      endpoint: 'http://127.0.0.1:1',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      fetch,
      retry: false,
    },
    [],
    {},
  );
  return { lakefs, calls };
}

describe('generated lakeFS API', () => {
  withSpec('is what the generator makes of the current spec', () => {
    // a child process: prettier's formatter loads its plugins by dynamic import, which jest's VM lacks
    const out = execFileSync(join(root, 'node_modules/.bin/tsx'), ['scripts/generate-api.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, LAKEFS_OPENAPI_SPEC: specPath },
    });
    expect(out).toMatch(/generated files are current/);
  });

  withSpec('has a function for every operation of the spec but the excluded internal ones', () => {
    const { lakefs } = recordingClient();
    const api = lakefs.api as unknown as Record<string, unknown>;
    const missing = specOperations()
      .filter((op) => !(op.id in EXCLUDED_OPERATIONS))
      .filter((op) => typeof api[op.id.charAt(0).toLowerCase() + op.id.slice(1)] !== 'function')
      .map((op) => `${op.method} ${op.path} ${op.id}`);
    expect(missing).toEqual([]);
  });

  withSpec('leaves out internal operations only', () => {
    const internal = new Set(
      specOperations()
        .filter((o) => o.internal)
        .map((o) => o.id),
    );
    for (const id of Object.keys(EXCLUDED_OPERATIONS)) expect(internal).toContain(id);
    expect(OPERATIONS.length + Object.keys(EXCLUDED_OPERATIONS).length).toBe(specOperations().length);
  });

  it('accepts fields and enum values a newer lakeFS may add, and null for unset optional fields', () => {
    const run = {
      run_id: 'r1',
      branch: 'main',
      start_time: '2026-12-01T00:00:00Z',
      end_time: null,
      commit_id: 'c1',
      event_type: 'pre-something-new',
      status: 'skipped',
      a_field_from_the_future: { nested: true },
    };
    expect(wire.ActionRun.is(run)).toBe(true);
    expect(wire.ActionRun.decode(run)).toMatchObject({ right: run });
  });

  it('still rejects a required field of the wrong type', () => {
    expect(
      wire.HookRun.is({ hook_run_id: 1, action: 'a', hook_id: 'h', start_time: 't', status: 'completed' }),
    ).toBe(false);
  });

  it('merges allOf members, making the fields a later member requires required', () => {
    const open = { id: '1', creation_date: 'd', author: 'a', source_branch: 's', destination_branch: 'm' };
    expect(wire.PullRequest.is(open)).toBe(false);
    expect(wire.PullRequest.is({ ...open, status: 'open', title: 't', description: '' })).toBe(true);
    // the real lakeFS lists pull requests without their description
    expect(wire.PullRequest.is({ ...open, status: 'open', title: 't' })).toBe(true);
  });

  it('sends path segments encoded, query parameters and header parameters', async () => {
    const { lakefs, calls } = recordingClient();
    await lastValueFrom(
      lakefs.api.setBranchProtectionRules('my repo', [{ pattern: 'main' }], { ifMatch: '"e1"' }),
    );
    const [call] = calls;
    expect(call?.url).toBe('http://127.0.0.1:1/api/v1/repositories/my%20repo/settings/branch_protection');
    expect(call?.init.method).toBe('PUT');
    expect((call?.init.headers as Record<string, string>)['if-match']).toBe('"e1"');
    expect(call?.init.body).toBe('[{"pattern":"main"}]');
  });

  it('decodes a JSON answer with the operation codec', async () => {
    const page = {
      pagination: { has_more: false, next_offset: '', results: 0, max_per_page: 100 },
      results: [],
    };
    const { lakefs, calls } = recordingClient(
      () =>
        new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    const result = await lastValueFrom(lakefs.api.listPullRequests('repo', { status: 'open', amount: 5 }));
    expect(result.results).toEqual([]);
    expect(calls[0]?.url).toBe('http://127.0.0.1:1/api/v1/repositories/repo/pulls?amount=5&status=open');
  });
});
