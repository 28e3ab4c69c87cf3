/**
 * What the benchmarks take from lakefs-rx at run time, in one module so that it can be bundled the way
 * the package is built (see {@link ./lakefsRx}).
 */
export { LakeFS } from '../../src';
export { toObjectOrPrefix } from '../../src/models/fromWire';
export { tlsFetch } from '../../src/node/tlsFetch';
export { startServer } from '../../src/server';
