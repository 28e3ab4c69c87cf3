/** Progress lines go to stderr, so that stdout stays machine-readable. */
export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
