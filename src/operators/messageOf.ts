/**
 * The message of an error, or its string form for anything else that was thrown.
 * @param error - what was thrown
 * @returns a one-line description
 */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
