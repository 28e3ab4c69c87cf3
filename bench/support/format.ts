/** Formatting for the report: one place, so every table reads alike. */

/** `12,345` */
export const int = (n: number | undefined): string =>
  n === undefined || !Number.isFinite(n) ? '—' : Math.round(n).toLocaleString('en-US');

/** A number with `digits` decimals, or `—`. */
export const num = (n: number | undefined, digits = 1): string =>
  n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);

/** `0.93×` */
export const times = (n: number | undefined): string =>
  n === undefined || !Number.isFinite(n) ? '—' : `${n.toFixed(2)}×`;

/** Bytes as MiB with one decimal. */
export const mib = (bytes: number | undefined): string =>
  bytes === undefined || !Number.isFinite(bytes) ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Bytes as KiB with no decimals. */
export const kib = (bytes: number | undefined): string =>
  bytes === undefined || !Number.isFinite(bytes)
    ? '—'
    : `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`;

/** A markdown table: the first column left-aligned (labels), the others right-aligned (figures). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rule = line(header.map((_, i) => (i === 0 ? '---' : '--:')));
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** `**met**` / `**missed**` */
export const verdict = (met: boolean | undefined): string =>
  met === undefined ? 'not measured' : met ? '**met**' : '**missed**';
