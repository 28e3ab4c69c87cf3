/**
 * A long store operation written as a generator: each `yield` marks a point where the work may pause so
 * other requests are served. The same steps run at once (`runNow`, for small internal work) or in slices
 * (`runInSlices`, for requests), so both paths share one implementation.
 */
export type Steps<T> = Generator<void, T, undefined>;

/** Work done between two checks of the slice budget (each check is one `yield`). */
export const STEP_EVERY = 256;

/** How long one slice may run before the work yields to the event loop (milliseconds). */
const SLICE_MS = 8;

/**
 * Runs every step at once.
 * @returns the operation's result
 */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

const nextTurn = (): Promise<void> => new Promise((done) => setImmediate(done));

/** Told when sliced work pauses for the event loop and when it ends. */
export interface SliceReporter {
  paused(): void;
  finished(): void;
}

/**
 * Runs the steps in slices of about {@link SLICE_MS}, letting the event loop run (I/O, other requests)
 * between two slices: a long commit holds up no other request for longer than one slice.
 * @param reporter - told of each pause and of the end @default none
 * @returns the operation's result
 */
export async function runInSlices<T>(steps: Steps<T>, reporter?: SliceReporter): Promise<T> {
  try {
    let sliceStart = performance.now();
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() - sliceStart < SLICE_MS) continue;
      reporter?.paused();
      await nextTurn();
      sliceStart = performance.now();
    }
  } finally {
    reporter?.finished();
  }
}
