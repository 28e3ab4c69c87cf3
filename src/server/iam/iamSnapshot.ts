import type { CredentialRecord, IamStore, StatementRecord } from './IamStore';

/** The IAM state as the data directory keeps it (one JSON value: it is small and changes rarely). */
interface IamSnapshot {
  readonly users: readonly { id: string; creationDate: number; email?: string; policies: string[] }[];
  readonly groups: readonly {
    id: string;
    creationDate: number;
    description?: string;
    members: string[];
    policies: string[];
  }[];
  readonly policies: readonly {
    id: string;
    creationDate: number;
    statement: readonly StatementRecord[];
    acl?: string;
  }[];
  readonly credentials: readonly CredentialRecord[];
}

/**
 * The store as JSON. The server's own key pair is left out: it comes from the options or the data
 * directory's secrets at every start, so a key replaced by an explicit option stops working.
 */
export function iamToJson(store: IamStore, serverAccessKeyId: string): string {
  const snapshot: IamSnapshot = {
    users: [...store.users.values()].map((u) => ({ ...u, policies: [...u.policies] })),
    groups: [...store.groups.values()].map((g) => ({
      ...g,
      members: [...g.members],
      policies: [...g.policies],
    })),
    policies: [...store.policies.values()].map((p) => ({ ...p })),
    credentials: [...store.credentials.values()].filter((c) => c.accessKeyId !== serverAccessKeyId),
  };
  return JSON.stringify(snapshot);
}

/** Replaces what `store` holds with a snapshot written by {@link iamToJson}, keeping the server's key pair. */
export function loadIam(store: IamStore, json: string): void {
  const snapshot = JSON.parse(json) as IamSnapshot;
  store.users.clear();
  for (const u of snapshot.users) store.users.set(u.id, { ...u, policies: new Set(u.policies) });
  store.groups.clear();
  for (const g of snapshot.groups)
    store.groups.set(g.id, { ...g, members: new Set(g.members), policies: new Set(g.policies) });
  store.policies.clear();
  for (const p of snapshot.policies) store.policies.set(p.id, { ...p });
  for (const c of snapshot.credentials) store.credentials.set(c.accessKeyId, c);
}
