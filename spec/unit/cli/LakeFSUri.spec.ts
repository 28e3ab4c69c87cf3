import { InvalidArgumentError } from 'commander';
import { formatLakeFSUri, parseLakeFSUri } from '../../../src/cli/uri/LakeFSUri';

describe('parseLakeFSUri', () => {
  it('splits repository, ref and path', () => {
    expect(parseLakeFSUri('lakefs://repo/main/a/b/c.csv')).toEqual({
      repository: 'repo',
      ref: 'main',
      path: 'a/b/c.csv',
    });
  });

  it('keeps a trailing slash on a prefix', () => {
    expect(parseLakeFSUri('lakefs://repo/main/data/')).toEqual({
      repository: 'repo',
      ref: 'main',
      path: 'data/',
    });
  });

  it('accepts a repository alone, with or without a trailing slash', () => {
    expect(parseLakeFSUri('lakefs://repo')).toEqual({ repository: 'repo' });
    expect(parseLakeFSUri('lakefs://repo/')).toEqual({ repository: 'repo' });
  });

  it('accepts a ref without a path, and ref expressions', () => {
    expect(parseLakeFSUri('lakefs://repo/main~2', 'ref')).toEqual({ repository: 'repo', ref: 'main~2' });
    expect(parseLakeFSUri('lakefs://repo/main/', 'ref')).toEqual({ repository: 'repo', ref: 'main' });
  });

  it('keeps inner slashes and spaces of the path as written', () => {
    expect(parseLakeFSUri('lakefs://r/b//odd path/x', 'object').path).toBe('/odd path/x');
  });

  it.each([
    ['s3://bucket/key', 'not a lakefs:// URI'],
    ['lakefs:/repo/main', 'not a lakefs:// URI'],
    ['lakefs://', 'has no repository'],
    ['lakefs:///main/x', 'has no repository'],
  ])('rejects %s', (text, message) => {
    expect(() => parseLakeFSUri(text)).toThrow(InvalidArgumentError);
    expect(() => parseLakeFSUri(text)).toThrow(message);
  });

  it('requires a ref for the ref shape and a path for the object shape', () => {
    expect(() => parseLakeFSUri('lakefs://repo', 'ref')).toThrow('needs a ref');
    expect(() => parseLakeFSUri('lakefs://repo/main', 'object')).toThrow('needs an object path');
    expect(() => parseLakeFSUri('lakefs://repo/main/', 'object')).toThrow('needs an object path');
  });
});

describe('formatLakeFSUri', () => {
  it.each(['lakefs://repo', 'lakefs://repo/main', 'lakefs://repo/main/a/b.txt', 'lakefs://repo/main/dir/'])(
    'round-trips %s',
    (text) => {
      expect(formatLakeFSUri(parseLakeFSUri(text))).toBe(text);
    },
  );
});
