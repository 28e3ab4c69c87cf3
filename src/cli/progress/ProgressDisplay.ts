import { type Options, type Params, SingleBar } from 'cli-progress';
import { formatBytes } from '../output/formatBytes';

/** A live progress indicator for one transfer or import. */
export interface ProgressDisplay {
  /**
   * Shows a new position.
   * @param loaded - bytes or objects done so far
   * @param total - the expected end, when known
   */
  update(loaded: number, total?: number): void;
  /** Draws the final state and releases the terminal line. */
  stop(): void;
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

/**
 * A cli-progress bar. With a known total it shows `label [████░░░░] 42% | 1.2 MiB / 3.0 MiB`; without one
 * it shows the running count until {@link ProgressDisplay.update} gives a total.
 * @param options - label, unit and stream
 * @returns the display
 */
export function createProgressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  let knownTotal: number | undefined;
  const format = (barOptions: Options, params: Params): string => {
    const done = formatAmount(params.value, options.unit);
    if (knownTotal === undefined) return `${options.label} ${done}`;
    const size = barOptions.barsize ?? 30;
    const filled = Math.round(Math.min(1, params.progress) * size);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(size - filled)}`;
    const percent = Math.floor(Math.min(1, params.progress) * 100);
    return `${options.label} [${bar}] ${percent}% | ${done} / ${formatAmount(params.total, options.unit)}`;
  };
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
    update(loaded, total) {
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
