import { EventEmitter } from 'node:events';
import type { Blockstore } from '../blockstore/Blockstore';
import { createBlockstore } from '../blockstore/createBlockstore';
import type { ServerSettings } from '../ServerDeps';
import { badRequest, conflict, notFound } from '../http/ApiError';
import type { DurableRecords } from './durable/DurableRecords';
import { emptySnapshot, emptyStaging } from './emptyTree';
import { makeCommit } from './makeCommit';
import { markNamespace, namespaceKey, namespaceMarked } from './storageNamespace';
import type { RepositoryRecord } from './types';

const REPOSITORY_ID = /^[a-z0-9][a-z0-9-]{2,62}$/;

/** Unix seconds now. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * The server's state: repositories and the namespaces ever used. In memory, or — with `durable` — read
 * from and written through to the data directory's metadata database.
 */
export class ServerState {
  /**
   * @param settings - the server settings
   * @param durable - the data directory's records @default none (memory)
   */
  constructor(
    readonly settings: ServerSettings,
    readonly durable?: DurableRecords,
  ) {
    this.blockstore = this.reserving(createBlockstore(settings));
    this.repositories = durable?.loadRepositories() ?? new Map<string, RepositoryRecord>();
    this.usedNamespaces = durable?.usedNamespaces() ?? new Set();
    const created = durable?.db.getMeta('creationDate');
    this.creationDate = created !== undefined ? Number(created) : nowSeconds();
    if (durable && created === undefined) durable.db.setMeta('creationDate', String(this.creationDate));
  }

  /** The server's events (see `LocalServer.events`); store operations emit `work` (StoreWorkEvent). */
  readonly events = new EventEmitter();

  /** Where object data lives: memory, or `settings.dataDir`. */
  readonly blockstore: Blockstore;

  readonly repositories: Map<string, RepositoryRecord>;
  /** Namespaces that hold a `_lakefs/dummy` marker; re-use is refused even after the repo is deleted. */
  readonly usedNamespaces: Set<string>;
  /** When the server first started (Unix seconds): the user's creation date. */
  readonly creationDate: number;
  /** Repository ids in sorted order, rebuilt lazily after a create or delete. */
  private sortedIds: string[] | undefined;

  /** Addresses handed out for later uploads in memory mode (the data directory keeps its own). */
  private readonly reserved = new Map<string, number>();

  /** The blockstore, remembering the addresses it hands out so reclamation keeps them free to link. */
  private reserving(store: Blockstore): Blockstore {
    return {
      write: (namespace, data) => store.write(namespace, data),
      writeAt: (address, data) => store.writeAt(address, data),
      open: (address, range) => store.open(address, range),
      ownsAddress: (namespace, address) => store.ownsAddress(namespace, address),
      namespaceAddress: (namespace, key) => store.namespaceAddress(namespace, key),
      stored: () => store.stored(),
      remove: (address) => store.remove(address),
      pruneDirectories: () => store.pruneDirectories?.() ?? Promise.resolve(0),
      newAddress: (namespace) => {
        const address = store.newAddress(namespace);
        if (this.durable) this.durable.reserveAddress(address, Date.now());
        else this.reserved.set(address, Date.now());
        return address;
      },
    };
  }

  /**
   * Addresses handed out since `since` (ms) for uploads that may still be linked.
   * @returns the addresses
   */
  reservedAddresses(since: number): string[] {
    if (this.durable) return this.durable.reservedAddresses(since);
    for (const [address, at] of this.reserved) if (at < since) this.reserved.delete(address);
    return [...this.reserved.keys()];
  }

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
    const fields = {
      id: input.id,
      creationDate,
      defaultBranch: input.defaultBranch,
      storageNamespace: input.storageNamespace,
      readOnly: input.readOnly,
    };
    const repo: RepositoryRecord = this.durable
      ? this.durable.createRepository(fields)
      : { ...fields, metadata: new Map(), branches: new Map(), commits: new Map(), tags: new Map() };
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
    this.durable?.deleteRepository(id);
    this.repositories.delete(id);
    this.sortedIds = undefined;
  }
}
