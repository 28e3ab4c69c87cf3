import { LakeFS as CoreLakeFS } from '../client';
import type { LakeFSOptions } from '../config/LakeFSOptions';
import { lakectlSource } from './lakectlConfig';

/**
 * The client with Node's full credential discovery: explicit options > environment > lakectl.yaml
 * (`$LAKECTL_CONFIG_FILE` or `~/.lakectl.yaml`).
 * @group Client
 */
export class LakeFS extends CoreLakeFS {
  /**
   * @param options - explicit settings, the highest precedence
   * @param configFile - a lakectl.yaml to read instead of the default location
   */
  constructor(options: LakeFSOptions = {}, configFile?: string) {
    super(options, [lakectlSource(configFile)]);
  }

  /** Same as the constructor: explicit > environment > lakectl.yaml. */
  static override fromEnv(overrides: LakeFSOptions = {}): LakeFS {
    return new LakeFS(overrides);
  }
}
