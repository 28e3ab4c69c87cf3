export * from './common';
export * from './auth';
export * from './config';
export * from './repository';
export * from './refs';
export * from './objects';
export * from './imports';
