export * from './LakeFSError';
export * from './ServerError';
export * from './clientErrors';
export { errorForStatus } from './errorForStatus';
