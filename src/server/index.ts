export { startServer, type LocalServer, type ServerOptions, type ServerRequestEvent } from './startServer';
