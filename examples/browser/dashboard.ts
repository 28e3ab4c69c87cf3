/**
 * The import dashboard's script, bundled for the browser from the core entry (no Node modules).
 * Settings come from the form, pre-filled from `dashboard-config.json` next to the page when the server
 * provides one (`serve.ts` does). Nothing secret is ever read from or put in the page's URL.
 */
import {
  type Observable,
  catchError,
  concat,
  defer,
  exhaustMap,
  filter,
  fromEvent,
  ignoreElements,
  map,
  mergeMap,
  of,
  takeUntil,
  tap,
  toArray,
} from 'rxjs';
import { LakeFS, type Repository } from '../../src';
import { type DashboardState, IDLE, cancelledFrom, formatClock, stateOf } from './dashboardState';

const FIELDS = [
  'endpoint',
  'accessKeyId',
  'secretAccessKey',
  'repository',
  'branch',
  'source',
  'destination',
  'expected',
] as const;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

function field(name: string): string {
  return element<HTMLInputElement>(name).value.trim();
}

/**
 * Creates the repository unless it is listed already: `create({ existOk: true })` would answer 409 first,
 * which the browser logs as an error in the console even though nothing is wrong.
 */
function ensureRepository(lakefs: LakeFS, repository: Repository): Observable<never> {
  return lakefs.repositories({ prefix: repository.id }).pipe(
    filter((info) => info.id === repository.id),
    toArray(),
    mergeMap((found) => (found.length > 0 ? of(undefined) : repository.create())),
    ignoreElements(),
  );
}

/** Creates the repository if needed, then imports and reports each tick as a dashboard state. */
function runImport(): Observable<DashboardState> {
  return defer(() => {
    const started = Date.now();
    const lakefs = new LakeFS({
      endpoint: field('endpoint'),
      accessKeyId: field('accessKeyId'),
      secretAccessKey: field('secretAccessKey'),
    });
    const repository = lakefs.repository(field('repository') || 'dashboard-demo');
    const branch = repository.branch(field('branch') || 'main');
    const expected = Number(field('expected')) || undefined;
    const source = field('source');
    const run = branch
      .importData({ commitMessage: `Import ${source} from the dashboard` })
      .prefix(source, field('destination') || 'imported/')
      .run({ pollIntervalMs: 100 });
    return concat(
      of<DashboardState>({
        ...IDLE,
        ...(expected ? {} : { percent: undefined }),
        phase: 'starting',
        message: `preparing ${repository.id}…`,
      }),
      ensureRepository(lakefs, repository),
      run.pipe(map((status) => stateOf(status, expected, Date.now() - started))),
    );
  }).pipe(
    catchError((error: unknown) =>
      of<DashboardState>({
        ...IDLE,
        phase: 'error',
        message: error instanceof Error ? error.message : String(error),
      }),
    ),
  );
}

let shown: DashboardState = IDLE;

function render(state: DashboardState): void {
  // an error keeps the counts it reached, so the page says how far the import got
  const view =
    state.phase === 'error'
      ? { ...shown, ...state, ingested: shown.ingested, percent: shown.percent }
      : state;
  shown = view;
  document.body.dataset.state = view.phase;
  const known = view.percent !== undefined;
  const track = document.querySelector<HTMLElement>('[role=progressbar]');
  track?.classList.toggle(
    'indeterminate',
    !known && (view.phase === 'starting' || view.phase === 'importing'),
  );
  if (known) track?.setAttribute('aria-valuenow', String(view.percent));
  else track?.removeAttribute('aria-valuenow');
  element('fill').style.width = known ? `${view.percent}%` : '';
  element('percent').textContent = known ? `${view.percent} %` : '— %';
  element('count').textContent = `${view.ingested} objects`;
  element('rate').textContent = `${view.rate.toFixed(0)} objects/s`;
  element('elapsed').textContent = formatClock(view.elapsedMs);
  element('eta').textContent = view.etaMs === undefined ? '—' : formatClock(view.etaMs);
  element('status').textContent = view.phase === 'error' ? 'failed' : view.message;
  element('error').textContent = view.phase === 'error' ? view.message : '';
  element('error').hidden = view.phase !== 'error';
  element('commit').textContent = view.commitId ?? '—';
  const busy = view.phase === 'starting' || view.phase === 'importing';
  element<HTMLButtonElement>('start').disabled = busy;
  element<HTMLButtonElement>('cancel').disabled = !busy;
  element<HTMLFieldSetElement>('fields').disabled = busy;
}

/** Fills the form from `dashboard-config.json` when the server provides one. */
async function prefill(): Promise<void> {
  const response = await fetch('dashboard-config.json', { cache: 'no-store' }).catch(() => undefined);
  if (!response?.ok) return;
  const settings = (await response.json()) as Partial<Record<(typeof FIELDS)[number], string | number>>;
  for (const name of FIELDS) {
    const value = settings[name];
    if (value !== undefined) element<HTMLInputElement>(name).value = String(value);
  }
}

async function main(): Promise<void> {
  render(IDLE);
  await prefill();
  const cancel$ = fromEvent(element('cancel'), 'click');
  fromEvent(element('start'), 'click')
    .pipe(
      // A click while an import runs is ignored; Cancel unsubscribes, which cancels the import on the server.
      exhaustMap(() => runImport().pipe(takeUntil(cancel$.pipe(tap(() => render(cancelledFrom(shown))))))),
    )
    .subscribe(render);
}

void main();
