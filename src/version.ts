/**
 * The package version, sent in the User-Agent.
 * @group Client
 */
export const VERSION = '0.1.0';
