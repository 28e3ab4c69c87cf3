import type { Router } from '../http/Router';
import type { ServerDeps } from '../ServerDeps';
import { registerAuthRoutes } from './authRoutes';
import { registerConfigRoutes } from './configRoutes';
import { registerRepositoryRoutes } from './repositoryRoutes';

/** Every route module, in registration order. Each area adds one line here. */
const modules: ReadonlyArray<(router: Router, deps: ServerDeps) => void> = [
  registerAuthRoutes,
  registerConfigRoutes,
  registerRepositoryRoutes,
];

/** Registers all routes on `router`. */
export function registerRoutes(router: Router, deps: ServerDeps): void {
  for (const register of modules) register(router, deps);
}
