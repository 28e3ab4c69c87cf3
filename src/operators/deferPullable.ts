import { defer } from 'rxjs';
import { PULL, type Pullable, type Puller, pullable } from './pullable';

/**
 * `defer` for {@link Pullable}s: builds the listing (validating its arguments, say) on each subscription
 * or pull, and stays pullable, which `defer` would hide. A factory that throws fails the subscription, or
 * the first pull.
 * @param factory - builds the listing
 * @example
 * deferPullable(() => { validateRef(ref); return paginate(fetchPage, options); })
 * @group Operators
 */
export function deferPullable<T>(factory: () => Pullable<T>): Pullable<T> {
  return pullable((): Puller<T> => {
    let inner: Puller<T> | undefined;
    return {
      pull: () => defer(() => (inner ??= factory()[PULL]()).pull()),
      close: () => inner?.close(),
    };
  });
}
