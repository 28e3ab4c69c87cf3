import { type ObservableInput, type OperatorFunction, mergeMap } from 'rxjs';
import type { TransactionResult } from '../models/models';
import type { Branch } from './Branch';
import type { TransactOptions } from './transact';

/**
 * Options of {@link inTransaction}.
 * @group Resources
 */
export interface InTransactionOptions extends TransactOptions {
  /** How many source values are worked on at once against the ephemeral branch. @default 1 */
  readonly concurrency?: number;
}

/**
 * The operator form of {@link Branch.transact}: one subscription is one transaction. On subscription it opens
 * the transaction, subscribes to the source and runs `project(tx, value)` for every value against the
 * ephemeral branch; when the source completes the work is committed and merged into `branch`, and the
 * `{ commit, mergeRef }` result is emitted (nothing is emitted when no value changed anything). A source or
 * project error, or an early unsubscribe, leaves `branch` untouched and deletes the ephemeral branch; errors
 * arrive as `TransactionError`.
 * @param branch - the branch the work lands on
 * @param project - writes one value through the ephemeral branch `tx`
 * @param options - transaction options plus `concurrency`
 * @returns an operator from source values to the transaction's result
 * @example
 * rows$.pipe(
 *   inTransaction(main, (tx, row) => tx.object(`rows/${row.id}.json`).upload(JSON.stringify(row)), {
 *     commitMessage: 'load rows',
 *   }),
 * ).subscribe(({ mergeRef }) => console.log('landed at', mergeRef));
 * @group Resources
 */
export function inTransaction<T>(
  branch: Branch,
  project: (tx: Branch, value: T, index: number) => ObservableInput<unknown>,
  options: InTransactionOptions = {},
): OperatorFunction<T, TransactionResult> {
  const { concurrency, ...transactOptions } = options;
  return (source) =>
    branch.transact(
      (tx) =>
        source.pipe(mergeMap((value, index) => project(tx, value, index), Math.max(1, concurrency ?? 1))),
      transactOptions,
    );
}
