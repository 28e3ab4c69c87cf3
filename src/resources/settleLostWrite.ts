import { type Observable, catchError, concatMap, of, throwError } from 'rxjs';
import type { Commit as WireCommit } from '../api/models/refs';
import { OutcomeUnknownError, isLostAnswer } from '../errors/clientErrors';
import type { ClientContext } from './ClientContext';

/** What a commit or merge looked like before it was sent, and how to recognise it afterwards. */
export interface LostWriteCheck {
  readonly repositoryId: string;
  /** The branch the write moves. */
  readonly branchId: string;
  /** Its head commit id before the write was sent. */
  readonly headBefore: string;
  /** `commit on r/main`, for the message. */
  readonly operation: string;
  /** Whether `head` (whose first parent is `headBefore`) is the commit the write makes. */
  isOurs(head: WireCommit): boolean;
}

/**
 * The operator for a commit or merge, which is never resent: when its answer was lost (a network error
 * after the connection was made, or a timeout), the branch head tells what happened. A new head whose
 * first parent is the head before and that matches the write is the result; anything else fails with
 * {@link OutcomeUnknownError}, saying what the head is and how to check. Other errors pass through.
 * @param ctx - the client context
 * @param check - the head before and how to recognise the write
 * @param fromHead - the write's result, made from the head that is ours
 * @returns an operator over the write's Observable
 */
export function settleLostWrite<T>(
  ctx: ClientContext,
  check: LostWriteCheck,
  fromHead: (head: WireCommit) => T,
): (source: Observable<T>) => Observable<T> {
  const { repositoryId, branchId, headBefore, operation } = check;
  const where = `lakefs.repository('${repositoryId}').branch('${branchId}')`;
  return (source) =>
    source.pipe(
      catchError((error: unknown) => {
        if (!isLostAnswer(error)) return throwError(() => error);
        return ctx.api.getCommit(repositoryId, branchId).pipe(
          catchError(() =>
            throwError(
              () =>
                new OutcomeUnknownError(
                  operation,
                  `Reading the branch head failed too; look at ${where}.log() before trying again.`,
                  error,
                ),
            ),
          ),
          concatMap((head) => {
            if (head.id !== headBefore && head.parents[0] === headBefore && check.isOurs(head))
              return of(fromHead(head));
            const howToCheck =
              head.id === headBefore
                ? `The branch head is still ${headBefore}, so it most likely did not happen, but it may still be in progress: look at ${where}.getCommit() before trying again.`
                : `The branch head moved from ${headBefore} to ${head.id}, which is not recognisably this change: look at ${where}.log().`;
            return throwError(() => new OutcomeUnknownError(operation, howToCheck, error));
          }),
        );
      }),
    );
}

/** Whether `head` carries every metadata entry the write set. */
export function hasMetadata(
  head: WireCommit,
  metadata: Readonly<Record<string, string>> | undefined,
): boolean {
  const theirs = head.metadata ?? {};
  return Object.entries(metadata ?? {}).every(([k, v]) => theirs[k] === v);
}
