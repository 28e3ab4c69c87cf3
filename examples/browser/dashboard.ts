/**
 * The import dashboard's script, bundled for the browser from the core entry (no Node modules).
 * Settings come from the form, pre-filled from the query string
 * (`?endpoint=…&accessKeyId=…&secretAccessKey=…&repository=…&source=…&expected=…`).
 */
import {
  type Observable,
  catchError,
  concat,
  defer,
  exhaustMap,
  fromEvent,
  ignoreElements,
  map,
  of,
  takeUntil,
  tap,
} from 'rxjs';
import { LakeFS } from '../../src';
import { type DashboardState, IDLE, stateOf } from './dashboardState';

const FIELDS = [
  'endpoint',
  'accessKeyId',
  'secretAccessKey',
  'repository',
  'branch',
  'source',
  'destination',
  'expected',
];

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

function field(name: string): string {
  return element<HTMLInputElement>(name).value.trim();
}

/** Creates the repository if needed, then imports and reports each tick as a dashboard state. */
function runImport(): Observable<DashboardState> {
  return defer(() => {
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
      of<DashboardState>({ ...IDLE, phase: 'starting', message: `preparing ${repository.id}…` }),
      repository.create({ existOk: true }).pipe(ignoreElements()),
      run.pipe(map((status) => stateOf(status, expected))),
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

function render(state: DashboardState): void {
  document.body.dataset.state = state.phase;
  element('fill').style.width = `${state.percent}%`;
  element('percent').textContent = `${state.percent} %`;
  element('count').textContent = `${state.ingested} objects`;
  element('status').textContent = state.message;
  element('commit').textContent = state.commitId ?? '—';
  document.querySelector('[role=progressbar]')?.setAttribute('aria-valuenow', String(state.percent));
  const busy = state.phase === 'starting' || state.phase === 'importing';
  element<HTMLButtonElement>('start').disabled = busy;
  element<HTMLButtonElement>('cancel').disabled = !busy;
}

function main(): void {
  const query = new URLSearchParams(location.search);
  for (const name of FIELDS) {
    const value = query.get(name);
    if (value !== null) element<HTMLInputElement>(name).value = value;
  }
  render(IDLE);
  const cancel$ = fromEvent(element('cancel'), 'click');
  fromEvent(element('start'), 'click')
    .pipe(
      // A click while an import runs is ignored; Cancel unsubscribes, which cancels the import on the server.
      exhaustMap(() =>
        runImport().pipe(
          takeUntil(cancel$.pipe(tap(() => render({ ...IDLE, phase: 'cancelled', message: 'cancelled' })))),
        ),
      ),
    )
    .subscribe(render);
}

main();
