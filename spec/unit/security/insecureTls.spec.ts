import type * as NodeEntry from '../../../src/node';

/** A fresh copy of the node entry, so that each test starts with "not warned yet". */
function freshNodeEntry(): typeof NodeEntry {
  let entry: typeof NodeEntry | undefined;
  jest.isolateModules(() => {
    entry = jest.requireActual<typeof NodeEntry>('../../../src/node');
  });
  return entry as typeof NodeEntry;
}

describe('disabling TLS verification', () => {
  let warnings: jest.SpyInstance;
  beforeEach(() => {
    warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => warnings.mockRestore());

  it('warns once per process, however many fetches and clients are made with it', () => {
    const { tlsFetch } = freshNodeEntry();
    tlsFetch({ rejectUnauthorized: false });
    tlsFetch({ rejectUnauthorized: false });
    tlsFetch({ rejectUnauthorized: false, keepAlive: false });
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(String(warnings.mock.calls[0]?.[0])).toMatch(/TLS certificate verification is disabled/);
  });

  it('does not warn while verification stays on', () => {
    const { tlsFetch } = freshNodeEntry();
    tlsFetch();
    tlsFetch({ rejectUnauthorized: true });
    tlsFetch({ ca: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n' });
    expect(warnings).not.toHaveBeenCalled();
  });

  it('warnInsecureTlsOnce reports whether it wrote, and writes once', () => {
    const { warnInsecureTlsOnce } = freshNodeEntry();
    const lines: string[] = [];
    expect(warnInsecureTlsOnce((l) => lines.push(l))).toBe(true);
    expect(warnInsecureTlsOnce((l) => lines.push(l))).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('rejectUnauthorized: false');
  });
});
