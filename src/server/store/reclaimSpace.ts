import { STAGING_ADDRESS_TTL_MS } from '../blockstore/stagingAddress';
import type { ServerState } from './ServerState';
import { isLeaf, type NodeRef, type TreeNode } from './tree/TreeNode';
import type { RepositoryRecord, Tree } from './types';

/**
 * What one reclamation freed.
 * @group Server
 */
export interface ReclaimReport {
  readonly removedObjects: number;
  readonly freedBytes: number;
  /** Tree nodes no commit uses any more, deleted from the metadata database. */
  readonly removedNodes: number;
  /** Directories of the data directory that the removals left empty. */
  readonly removedDirectories: number;
}

/**
 * Options of {@link LocalServer.reclaimSpace}.
 * @group Server
 */
export interface ReclaimOptions {
  /**
   * Objects written less than this long ago are kept even when unreferenced: an upload's bytes land
   * before its staging entry does. @default 60_000
   */
  readonly graceMs?: number;
}

/** Nodes walked between two yields to the event loop, so reclamation never holds up requests for long. */
const NODES_PER_SLICE = 200;

/** Files removed concurrently (each removal waits on the disk). */
const REMOVALS_AT_ONCE = 32;

const nextTurn = (): Promise<void> => new Promise((done) => setImmediate(done));

/** Marks what is in use: every address a tree references, walking each shared node once. */
class Marker {
  readonly addresses = new Set<string>();
  readonly nodeIds = new Set<string>();
  private readonly seen = new WeakSet<TreeNode>();
  private readonly commits = new Set<string>();

  /** Marks every not-yet-marked commit of a repository, pausing (yield) every few hundred nodes. */
  *repository(repo: RepositoryRecord): Generator<void, void, undefined> {
    for (const commit of [...repo.commits.values()]) {
      if (this.commits.has(`${repo.id}/${commit.id}`)) continue;
      this.commits.add(`${repo.id}/${commit.id}`);
      yield* this.tree(commit.tree);
    }
  }

  /** Marks every staged entry of a repository (synchronously). */
  staging(repo: RepositoryRecord): void {
    for (const branch of repo.branches.values())
      branch.staging.forEachPair((_k, entry) => {
        if (entry) this.addresses.add(entry.physicalAddress);
      });
  }

  private *tree(tree: Tree): Generator<void, void, undefined> {
    const stack: NodeRef[] = tree.root ? [tree.root] : [];
    let walked = 0;
    while (stack.length > 0) {
      const ref = stack.pop() as NodeRef;
      if (ref.id !== undefined) {
        if (this.nodeIds.has(ref.id)) continue;
        this.nodeIds.add(ref.id);
      }
      const node = tree.source.load(ref);
      if (this.seen.has(node)) continue;
      this.seen.add(node);
      if (isLeaf(node)) for (const entry of node.values) this.addresses.add(entry.physicalAddress);
      else stack.push(...node.children);
      if (++walked % NODES_PER_SLICE === 0) yield;
    }
  }
}

/**
 * Frees what nothing references: object bytes (memory) or files (data directory) that no commit of any
 * repository and no staging area references, and — with a data directory — tree nodes no commit uses.
 * Never touches what a commit needs: every commit is kept (as in lakeFS without retention rules), so its
 * objects are too. The walk over the trees yields to the event loop; the last pass (commits made meanwhile
 * and every staging area) and the node deletion run in one synchronous step, so nothing committed or
 * staged between the walk and the sweep is missed. Addresses handed out for a staged upload (the
 * `staging/backing` flow) stay reserved until they can no longer be linked.
 * @param state - the server state
 * @param options - grace period
 * @returns what was freed
 */
export async function reclaimSpace(state: ServerState, options: ReclaimOptions = {}): Promise<ReclaimReport> {
  const started = Date.now();
  const cutoff = started - (options.graceMs ?? 60_000);
  const marker = new Marker();
  for (const repo of [...state.repositories.values()]) {
    for (const _pause of marker.repository(repo)) await nextTurn();
  }
  // the final pass is synchronous: no request runs between it and the node sweep
  for (const repo of state.repositories.values()) {
    for (const _pause of marker.repository(repo));
    marker.staging(repo);
  }
  for (const address of state.reservedAddresses(Date.now() - STAGING_ADDRESS_TTL_MS))
    marker.addresses.add(address);
  // a commit storing its tree in steps has nodes no commit references yet: sweep them next time
  const durable = state.durable;
  const removedNodes = durable && !durable.nodes.holding ? durable.removeNodesExcept(marker.nodeIds) : 0;
  let removedObjects = 0;
  let freedBytes = 0;
  let batch: Promise<number>[] = [];
  const drain = async (): Promise<void> => {
    for (const freed of await Promise.all(batch)) freedBytes += freed;
    batch = [];
  };
  for await (const stored of state.blockstore.stored()) {
    if (stored.writtenAt >= cutoff || marker.addresses.has(stored.address)) continue;
    batch.push(state.blockstore.remove(stored.address));
    removedObjects++;
    if (batch.length >= REMOVALS_AT_ONCE) await drain();
  }
  await drain();
  const removedDirectories = (await state.blockstore.pruneDirectories?.()) ?? 0;
  return { removedObjects, freedBytes, removedNodes, removedDirectories };
}
