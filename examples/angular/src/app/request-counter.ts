import { Injectable, signal } from '@angular/core';
import { type Observable, defer, finalize } from 'rxjs';

/** How many HTTP requests are in flight, fed by an interceptor. */
@Injectable({ providedIn: 'root' })
export class RequestCounter {
  /** Requests started and not yet finished. */
  readonly inFlight = signal(0);
  /** Requests seen since the page loaded. */
  readonly total = signal(0);

  /**
   * Counts one request while it runs.
   * @param request$ - the request, as the interceptor chain hands it on
   * @returns the same request
   */
  track<T>(request$: Observable<T>): Observable<T> {
    return defer(() => {
      this.inFlight.update((n) => n + 1);
      this.total.update((n) => n + 1);
      return request$.pipe(finalize(() => this.inFlight.update((n) => n - 1)));
    });
  }
}
