import type { Router } from '../http/Router';
import type { ServerDeps } from '../ServerDeps';
import { registerAuthRoutes } from './authRoutes';
import { registerConfigRoutes } from './configRoutes';
import { registerRepositoryRoutes } from './repositoryRoutes';
import { registerBranchRoutes } from './branchRoutes';
import { registerCommitRoutes } from './commitRoutes';
import { registerObjectReadRoutes } from './objectReadRoutes';
import { registerObjectWriteRoutes } from './objectWriteRoutes';
import { registerRefRoutes } from './refRoutes';
import { registerRevertRoutes } from './revertRoutes';
import { registerStagingRoutes } from './stagingRoutes';
import { registerTagRoutes } from './tagRoutes';
import { registerImportRoutes } from './importRoutes';
import { registerSettingsRoutes } from './settingsRoutes';
import { registerPullRoutes } from './pullRoutes';
import { registerUnderlyingRoutes } from './underlyingRoutes';
import { registerIamRoutes } from './iamRoutes';
import { registerMultipartRoutes } from './multipartRoutes';
import { registerActionRoutes } from './actionRoutes';
import { registerMetadataRoutes } from './metadataRoutes';

/** Every route module, in registration order. Each area adds one line here. */
const modules: ReadonlyArray<(router: Router, deps: ServerDeps) => void> = [
  registerAuthRoutes,
  registerConfigRoutes,
  registerRepositoryRoutes,
  registerBranchRoutes,
  registerObjectReadRoutes,
  registerObjectWriteRoutes,
  registerCommitRoutes,
  registerTagRoutes,
  registerRefRoutes,
  registerRevertRoutes,
  registerStagingRoutes,
  registerImportRoutes,
  registerSettingsRoutes,
  registerPullRoutes,
  registerUnderlyingRoutes,
  registerIamRoutes,
  registerMultipartRoutes,
  registerActionRoutes,
  registerMetadataRoutes,
];

/** Registers all routes on `router`. */
export function registerRoutes(router: Router, deps: ServerDeps): void {
  for (const register of modules) register(router, deps);
}
