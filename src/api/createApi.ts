import type { HttpClient } from '../http/HttpClient';
import { authApi } from './authApi';
import { branchesApi } from './branchesApi';
import { branchProtectionApi } from './branchProtectionApi';
import { commitsApi } from './commitsApi';
import { configApi } from './configApi';
import { generatedApi } from './generated';
import { importApi } from './importApi';
import { objectsApi } from './objectsApi';
import { refsApi } from './refsApi';
import { repositoriesApi } from './repositoriesApi';
import { tagsApi } from './tagsApi';

/**
 * The low-level layer: one typed function per lakeFS endpoint, named after its OpenAPI operationId.
 * Every function returns a cold Observable of the wire (snake_case) shape. The generated layer
 * (src/api/generated/) covers every operation; the hand-written functions below it keep the signatures
 * the resources were built on and take precedence.
 * @group Client
 */
export function createApi(http: HttpClient) {
  return {
    ...generatedApi(http),
    ...authApi(http),
    ...configApi(http),
    ...repositoriesApi(http),
    ...branchesApi(http),
    ...tagsApi(http),
    ...commitsApi(http),
    ...refsApi(http),
    ...objectsApi(http),
    ...importApi(http),
    ...branchProtectionApi(http),
  };
}

/**
 * Type of {@link createApi}'s result, exposed as `lakefs.api`.
 * @group Client
 */
export type LakeFSApi = ReturnType<typeof createApi>;
