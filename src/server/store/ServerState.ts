import type { Blockstore } from '../blockstore/Blockstore';
import { createBlockstore } from '../blockstore/createBlockstore';
import type { ServerSettings } from '../ServerDeps';
import { badRequest, conflict, notFound } from '../http/ApiError';
import { emptySnapshot, emptyStaging } from './emptyTree';
import { makeCommit } from './makeCommit';
import { markNamespace, namespaceKey, namespaceMarked } from './storageNamespace';
import type { RepositoryRecord } from './types';

const REPOSITORY_ID = /^[a-z0-9][a-z0-9-]{2,62}$/;

/** Unix seconds now. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The server's whole in-memory state: repositories and the namespaces ever used. */
export class ServerState {
  constructor(readonly settings: ServerSettings) {
    this.blockstore = createBlockstore(settings);
  }

  /** Where object data lives: memory, or `settings.dataDir`. */
  readonly blockstore: Blockstore;

  readonly repositories = new Map<string, RepositoryRecord>();
  /** Namespaces that hold a `_lakefs/dummy` marker; re-use is refused even after the repo is deleted. */
  readonly usedNamespaces = new Set<string>();
  /** When the server started (Unix seconds): the user's creation date. */
  readonly creationDate = nowSeconds();
  /** Repository ids in sorted order, rebuilt lazily after a create or delete. */
  private sortedIds: string[] | undefined;

  /** Repositories sorted by id, for paging. */
  sortedRepositories(): RepositoryRecord[] {
    this.sortedIds ??= [...this.repositories.keys()].sort();
    return this.sortedIds.map((id) => this.repositories.get(id) as RepositoryRecord);
  }

  /** The repository or 404 `repository not found`; a malformed id is 400 as in lakeFS. */
  repository(id: string | undefined): RepositoryRecord {
    if (id === undefined || !REPOSITORY_ID.test(id))
      throw badRequest('argument repository: repository id: invalid value: validation error');
    const repo = this.repositories.get(id);
    if (!repo) throw notFound('repository not found');
    return repo;
  }

  /** Creates a repository with its initial commit and default branch (lakeFS's create flow). */
  createRepository(input: {
    id: string;
    storageNamespace: string;
    defaultBranch: string;
    readOnly: boolean;
    bare: boolean;
  }): RepositoryRecord {
    if (this.repositories.has(input.id)) throw conflict('error creating repository: not unique');
    if (!input.storageNamespace.startsWith('local://'))
      throw badRequest('failed to match required regex ^local://: invalid namespace');
    const ns = namespaceKey(input.storageNamespace);
    const dataDir = this.settings.dataDir;
    if (!input.bare && !input.readOnly) {
      if (this.usedNamespaces.has(ns) || (dataDir !== undefined && namespaceMarked(dataDir, ns)))
        throw badRequest(
          `failed to create repository: found lakeFS objects in the storage (:${input.storageNamespace}) key(_lakefs/dummy): storage namespace already in use`,
        );
      this.usedNamespaces.add(ns);
      if (dataDir !== undefined) markNamespace(dataDir, ns);
    }
    const creationDate = nowSeconds();
    const repo: RepositoryRecord = {
      id: input.id,
      creationDate,
      defaultBranch: input.defaultBranch,
      storageNamespace: input.storageNamespace,
      readOnly: input.readOnly,
      metadata: new Map(),
      branches: new Map(),
      commits: new Map(),
      tags: new Map(),
    };
    if (!input.bare) {
      const initial = makeCommit(repo, {
        parents: [],
        committer: '',
        message: 'Repository created',
        metadata: {},
        snapshot: emptySnapshot(),
        date: creationDate,
        metaRangeId: '',
      });
      repo.branches.set(input.defaultBranch, {
        id: input.defaultBranch,
        commitId: initial.id,
        staging: emptyStaging(),
        hidden: false,
      });
    }
    this.repositories.set(repo.id, repo);
    this.sortedIds = undefined;
    return repo;
  }

  /** Removes a repository (its namespace stays marked as used). */
  deleteRepository(id: string): void {
    this.repositories.delete(id);
    this.sortedIds = undefined;
  }
}
