import { inject } from '@angular/core';
import { type Observable, toArray } from 'rxjs';
import { LakeFS } from '../client';
import type { RepositoryInfo } from '../models/models';
import type { Repository } from '../resources/Repository';

/**
 * The app's lakeFS client as an injectable service (provided by {@link provideLakeFS}). Every method
 * returns a cold Observable: the `async` pipe starts the work and, when the view goes away, cancels it.
 * @group Services
 */
export class LakeFSService {
  /** The client itself, for everything the shortcuts below do not cover. */
  readonly client: LakeFS = inject(LakeFS);

  /**
   * All repositories, as one array once the listing is complete.
   * @returns the repositories
   * @example
   * ```ts
   * readonly repositories$ = inject(LakeFSService).repositories();
   * ```
   */
  repositories(): Observable<RepositoryInfo[]> {
    return this.client.repositories().pipe(toArray());
  }

  /**
   * A repository handle (no request is made).
   * @param id - the repository id
   * @returns the handle
   * @example
   * ```ts
   * inject(LakeFSService).repository('my-repo').branch('main').objects();
   * ```
   */
  repository(id: string): Repository {
    return this.client.repository(id);
  }
}
