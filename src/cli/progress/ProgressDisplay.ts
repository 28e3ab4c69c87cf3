import { type Options, type Params, SingleBar } from 'cli-progress';
import { formatBytes } from '../output/formatBytes';

/** A live progress indicator for one transfer or import. */
export interface ProgressDisplay {
  /**
   * Shows a new position.
   * @param loaded - bytes or objects done so far
   * @param total - the expected end, when known
   * @param files - files (objects) finished and expected, for transfers of many files
   */
  update(loaded: number, total?: number, files?: FileCount): void;
  /** Draws the final state and releases the terminal line. */
  stop(): void;
}

/** How many files of a multi-file transfer are finished. */
export interface FileCount {
  /** Files finished. */
  readonly done: number;
  /** Files to transfer. */
  readonly total: number;
}

/** What a progress bar counts. */
export type ProgressUnit = 'bytes' | 'objects';

/** Options of {@link createProgressDisplay}. */
export interface ProgressDisplayOptions {
  /** Text before the bar, e.g. the destination URI. */
  readonly label: string;
  /** How values are printed. */
  readonly unit: ProgressUnit;
  /** Where the bar is drawn. */
  readonly stream: NodeJS.WritableStream;
  /** Draw even when `stream` is not a terminal (one line per redraw). @default false */
  readonly forceOutput?: boolean;
}

const NO_PROGRESS: ProgressDisplay = { update: () => undefined, stop: () => undefined };

/**
 * A progress display that draws nothing, for `--json`, `--no-progress` and output that is not a terminal.
 * @returns a display whose methods do nothing
 */
export function noProgress(): ProgressDisplay {
  return NO_PROGRESS;
}

function formatAmount(value: number, unit: ProgressUnit): string {
  return unit === 'bytes' ? formatBytes(value) : `${value} objects`;
}

/** `m:ss` (or `h:mm:ss`) for a duration in seconds. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** What one redraw of a bar shows. */
export interface ProgressLine {
  readonly label: string;
  readonly unit: ProgressUnit;
  readonly loaded: number;
  readonly total?: number;
  readonly files?: FileCount;
  /** Seconds since the bar started. */
  readonly elapsed: number;
  /** The bar's width in characters. */
  readonly size: number;
}

/**
 * One line of the bar: `label [████░░░░] 42% | 1.2 MiB / 3.0 MiB | 2.1 MiB/s | 3/12 files | 0:04 elapsed |
 * ETA 0:06`; without a total, the running count, rate and elapsed time only.
 * @param line - what to show
 * @returns the text
 */
export function formatProgressLine(line: ProgressLine): string {
  const rate = line.elapsed > 0 ? line.loaded / line.elapsed : 0;
  const rateText = line.unit === 'bytes' ? `${formatBytes(rate)}/s` : `${rate.toFixed(1)} objects/s`;
  const parts = [formatAmount(line.loaded, line.unit)];
  let head = line.label;
  if (line.total !== undefined && line.total > 0) {
    const fraction = Math.min(1, line.loaded / line.total);
    const filled = Math.round(fraction * line.size);
    head += ` [${'█'.repeat(filled)}${'░'.repeat(line.size - filled)}] ${Math.floor(fraction * 100)}%`;
    parts[0] += ` / ${formatAmount(line.total, line.unit)}`;
  }
  parts.push(rateText);
  if (line.files) parts.push(`${line.files.done}/${line.files.total} files`);
  parts.push(`${formatDuration(line.elapsed)} elapsed`);
  if (line.total !== undefined && line.total > 0 && rate > 0 && line.loaded < line.total)
    parts.push(`ETA ${formatDuration((line.total - line.loaded) / rate)}`);
  return `${head} | ${parts.join(' | ')}`;
}

/**
 * A cli-progress bar drawing {@link formatProgressLine}.
 * @param options - label, unit and stream
 * @returns the display
 */
export function createProgressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  let knownTotal: number | undefined;
  let files: FileCount | undefined;
  const format = (barOptions: Options, params: Params): string =>
    formatProgressLine({
      label: options.label,
      unit: options.unit,
      loaded: params.value,
      ...(knownTotal !== undefined ? { total: params.total } : {}),
      ...(files ? { files } : {}),
      elapsed: (Date.now() - params.startTime) / 1000,
      size: barOptions.barsize ?? 30,
    });
  const bar = new SingleBar({
    stream: options.stream,
    format,
    barsize: 30,
    hideCursor: true,
    noTTYOutput: options.forceOutput === true,
    notTTYSchedule: 250,
    emptyOnZero: true,
  });
  let started = false;
  return {
    update(loaded, total, fileCount) {
      files = fileCount ?? files;
      if (!started) {
        started = true;
        knownTotal = total;
        bar.start(total ?? 0, loaded);
        return;
      }
      if (total !== undefined && total !== knownTotal) {
        knownTotal = total;
        bar.setTotal(total);
      }
      bar.update(loaded);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
