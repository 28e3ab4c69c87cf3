import { badRequest } from '../http/ApiError';
import { signFields, verifyFields } from './signing';

/** How long a signed staging address may be linked, as in lakeFS. */
export const STAGING_ADDRESS_TTL_MS = 24 * 3600 * 1000;

/** What a staging address is bound to. */
export interface StagingBinding {
  readonly repository: string;
  readonly branch: string;
  readonly path: string;
}

/**
 * Appends `,<issued>.<signature>` to a fresh address, binding it to repository, branch and path.
 * @param secret - the signing secret
 * @param address - the fresh physical address
 * @param binding - where it may be linked
 * @param now - issue time in ms @default Date.now()
 * @returns the signed address to hand to the client
 */
export function signStagingAddress(
  secret: string,
  address: string,
  binding: StagingBinding,
  now = Date.now(),
): string {
  const issued = now.toString(36);
  const sig = signFields(secret, [
    'staging',
    binding.repository,
    binding.branch,
    binding.path,
    address,
    issued,
  ]);
  return `${address},${issued}.${sig}`;
}

/**
 * Verifies a signed staging address; 400 `link address invalid` or `link address expired` otherwise.
 * @returns the address without its signature
 */
export function verifyStagingAddress(
  secret: string,
  signed: string,
  binding: StagingBinding,
  now = Date.now(),
): string {
  const comma = signed.lastIndexOf(',');
  const [issued, sig] = comma >= 0 ? signed.slice(comma + 1).split('.') : [];
  const address = signed.slice(0, comma);
  if (
    !issued ||
    !sig ||
    !verifyFields(secret, ['staging', binding.repository, binding.branch, binding.path, address, issued], sig)
  )
    throw badRequest('link address invalid');
  if (now - parseInt(issued, 36) > STAGING_ADDRESS_TTL_MS) throw badRequest('link address expired');
  return address;
}
