import { InvalidArgumentError } from 'commander';

/**
 * A commander option parser for repeated `--meta key=value` options, collecting them into one record.
 * @param value - one `key=value` pair (the value may itself contain `=`)
 * @param previous - the pairs collected so far
 * @returns the record with this pair added
 * @throws InvalidArgumentError when there is no `=` or the key is empty
 */
export function parseMetadata(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`${JSON.stringify(value)} is not key=value`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}
