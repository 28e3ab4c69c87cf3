import type { ServerSettings } from '../ServerDeps';
import type { Blockstore } from './Blockstore';
import { DirectoryBlockstore } from './DirectoryBlockstore';
import { MemoryBlockstore } from './MemoryBlockstore';

/**
 * The blockstore the settings ask for: files under `dataDir` when set, memory otherwise. Both read
 * `local:///` addresses under the import roots.
 * @param settings - the server settings
 * @returns the blockstore
 */
export const createBlockstore = (settings: Pick<ServerSettings, 'dataDir' | 'importRoots'>): Blockstore =>
  settings.dataDir
    ? new DirectoryBlockstore(settings.dataDir, settings.importRoots)
    : new MemoryBlockstore(settings.importRoots);
