import type { Command } from 'commander';
import { LakeFS } from '../node/LakeFS';
import {
  type ProgressDisplay,
  type ProgressUnit,
  createProgressDisplay,
  noProgress,
} from './progress/ProgressDisplay';

/** The streams a CLI run writes to (injectable so that a run can be captured). */
export interface CliIO {
  /** Results: text lines, JSON, or downloaded bytes. */
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Errors and progress bars. */
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Answers to confirmation questions (asked only when both stdin and stderr are terminals). */
  readonly stdin?: NodeJS.ReadableStream & { readonly isTTY?: boolean };
}

/** Options every command accepts (declared on the program). */
export interface GlobalOptions {
  /** Print machine-readable JSON instead of text. @default false */
  readonly json?: boolean;
  /** Print stack traces of errors. @default false */
  readonly debug?: boolean;
  /** A lakectl.yaml to read instead of `$LAKECTL_CONFIG_FILE` / `~/.lakectl.yaml`. */
  readonly config?: string;
  /**
   * `true` (`--progress`) draws progress bars even when stderr is not a terminal; `false` (`--no-progress`)
   * never draws them. @default undefined: draw them when stderr is a terminal
   */
  readonly progress?: boolean;
}

/**
 * What a command's action works with: the global options, the output streams, and a client built with
 * the library's own credential discovery (explicit > environment > lakectl.yaml).
 */
export class CliContext {
  #client: LakeFS | undefined;
  #liveBars = 0;
  readonly #held: string[] = [];

  /**
   * @param io - where output goes
   * @param options - the global options of this run
   */
  constructor(
    readonly io: CliIO,
    readonly options: GlobalOptions,
  ) {}

  /**
   * The context of a running command.
   * @param io - where output goes
   * @param command - the command whose action runs (its globals are read from the program)
   * @returns a new context
   */
  static of(io: CliIO, command: Command): CliContext {
    return new CliContext(io, command.optsWithGlobals<GlobalOptions>());
  }

  /** True when results are printed as JSON. */
  get json(): boolean {
    return this.options.json === true;
  }

  /**
   * A progress bar on stderr, or one that draws nothing with `--json`, `--no-progress`, or when stderr is
   * not a terminal (unless `--progress` forces it).
   * @param label - text before the bar
   * @param unit - what it counts
   * @returns the display
   */
  progress(label: string, unit: ProgressUnit): ProgressDisplay {
    const wanted = this.options.progress ?? this.io.stderr.isTTY === true;
    if (!wanted || this.json) return noProgress();
    const display = createProgressDisplay({
      label,
      unit,
      stream: this.io.stderr,
      forceOutput: this.options.progress,
    });
    this.#liveBars += 1;
    let stopped = false;
    return {
      update: (loaded, total, files) => display.update(loaded, total, files),
      stop: () => {
        if (stopped) return;
        stopped = true;
        display.stop();
        this.#liveBars -= 1;
        if (this.#liveBars === 0) this.#flush();
      },
    };
  }

  /**
   * The client, built on first use so that commands which fail on their arguments never need credentials.
   * @returns the same client for the whole run
   */
  client(): LakeFS {
    this.#client ??= new LakeFS({}, this.options.config);
    return this.#client;
  }

  /**
   * Prints one result: as a JSON line with `--json`, else as the text `render` makes.
   * @param value - what JSON output shows
   * @param render - the text form (may span several lines)
   */
  print(value: unknown, render: () => string): void {
    this.#write(`${this.json ? JSON.stringify(value) : render()}\n`);
  }

  /**
   * Prints a line of text, or nothing with `--json` (for status lines that have no JSON form).
   * @param line - the text
   */
  say(line: string): void {
    if (!this.json) this.#write(`${line}\n`);
  }

  // Lines printed while a bar is drawn would tear it apart on a terminal, so they wait for it to stop.
  #write(text: string): void {
    if (this.#liveBars > 0) this.#held.push(text);
    else this.io.stdout.write(text);
  }

  #flush(): void {
    for (const text of this.#held.splice(0)) this.io.stdout.write(text);
  }
}
