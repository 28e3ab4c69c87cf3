/**
 * A local lakeFS-compatible server for tests and development, with fault injection.
 * @module lakefs-rx/server
 */
export { startServer, type LocalServer, type ServerOptions, type ServerRequestEvent } from './startServer';
export {
  FaultInjector,
  type FaultKind,
  type FaultMatcher,
  type FaultPlan,
  type InjectedFault,
} from './faults/FaultInjector';
