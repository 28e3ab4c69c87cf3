import { lastValueFrom, of } from 'rxjs';
import { batchPuller } from '../../../src/operators/batchPuller';
import { paginate } from '../../../src/operators/paginate';
import { PULL } from '../../../src/operators/pullable';
import { listing } from './pagedListing';

describe('batchPuller', () => {
  it('regroups pages into batches across page boundaries, reading a page only when a batch needs it', async () => {
    const { calls, fetchPage } = listing(12);
    const batches = batchPuller(paginate(fetchPage, { pageSize: 3 })[PULL](), 5);
    expect(await lastValueFrom(batches.pull())).toEqual([[0, 1, 2, 3, 4]]);
    expect(calls).toHaveLength(2);
    expect(await lastValueFrom(batches.pull())).toEqual([[5, 6, 7, 8, 9]]);
    expect(calls).toHaveLength(4);
    expect(await lastValueFrom(batches.pull())).toEqual([[10, 11]]);
    expect(await lastValueFrom(batches.pull())).toEqual([]);
    expect(calls).toHaveLength(4);
  });

  it('passes close() on to its source', () => {
    const close = jest.fn();
    batchPuller({ pull: () => of([1]), close }, 2).close();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
