import { ValidationError } from '../../errors/clientErrors';

/** `id` when it is a non-empty string, else a `ValidationError` naming `what`. */
export function requireId(what: string, id: string): string {
  if (typeof id !== 'string' || id === '')
    throw new ValidationError(what, `${what} must be a non-empty string`);
  return id;
}
