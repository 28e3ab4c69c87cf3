export { startServer, type LocalServer, type ServerOptions, type ServerRequestEvent } from './startServer';
export {
  FaultInjector,
  type FaultKind,
  type FaultMatcher,
  type FaultPlan,
  type InjectedFault,
} from './faults/FaultInjector';
