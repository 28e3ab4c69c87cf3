import { from, lastValueFrom, toArray } from 'rxjs';
import { withDownloadProgress } from '../../../src/io/withDownloadProgress';

describe('withDownloadProgress', () => {
  it('emits one progress event per chunk with the running total, then done', async () => {
    const a = Uint8Array.of(1, 2);
    const b = Uint8Array.of(3);
    const events = await lastValueFrom(withDownloadProgress(from([a, b]), () => 3).pipe(toArray()));
    expect(events).toEqual([
      { type: 'progress', loaded: 2, total: 3, chunk: a },
      { type: 'progress', loaded: 3, total: 3, chunk: b },
      { type: 'done', loaded: 3 },
    ]);
  });

  it('leaves total out when it is unknown', async () => {
    const events = await lastValueFrom(
      withDownloadProgress(from([Uint8Array.of(1)]), () => undefined).pipe(toArray()),
    );
    expect(events[0]).not.toHaveProperty('total');
  });
});
