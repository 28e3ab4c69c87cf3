import { randomBytes } from 'node:crypto';

/**
 * A fresh data key like lakeFS's `data/<partition>/<id>`: time-ordered partition, random id.
 * @returns a relative key under the namespace
 */
export const dataId = (): string =>
  `data/g${Math.floor(Date.now() / 3_600_000).toString(36)}/${Date.now().toString(36)}${randomBytes(10).toString('hex')}`;

/**
 * The namespace without its `local://` scheme and trailing slashes.
 * @param namespace - a storage namespace such as `local://bucket/repo/`
 * @returns `bucket/repo`
 */
export const namespacePath = (namespace: string): string =>
  namespace.replace(/^local:\/\//, '').replace(/\/+$/, '');
