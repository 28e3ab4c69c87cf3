import { InvalidArgumentError } from 'commander';

/**
 * A commander option parser for a positive whole number (`--amount 10`, `--parallelism 4`).
 * @param value - the raw option value
 * @returns the number
 * @throws InvalidArgumentError unless `value` is a whole number ≥ 1
 */
export function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(`${JSON.stringify(value)} is not a positive whole number`);
  return n;
}
