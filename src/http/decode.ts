import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { DecodeError } from '../errors/clientErrors';

function pathOf(error: t.ValidationError): string {
  // An intersection's members appear as keys "0", "1"… in the context; they are not fields.
  return error.context
    .filter((c, i) => c.key !== '' && !(error.context[i - 1]?.type instanceof t.IntersectionType))
    .map((c) => c.key)
    .join('.');
}

function describe(error: t.ValidationError): string {
  const last = error.context[error.context.length - 1];
  const expected = last ? last.type.name : 'value';
  const path = pathOf(error) || '<root>';
  return `${path}: expected ${expected}, got ${JSON.stringify(error.value) ?? 'undefined'}`;
}

/**
 * Decodes `value` with `codec` or throws a {@link DecodeError} naming the failing field path.
 * @param what - what was being decoded, for the message (e.g. `GET /repositories`)
 */
export function decodeOrThrow<A>(codec: t.Decoder<unknown, A>, value: unknown, what: string): A {
  const result = codec.decode(value);
  if (isLeft(result)) {
    const errors = result.left;
    const first = errors[0];
    throw new DecodeError(what, first ? pathOf(first) : '', errors.slice(0, 10).map(describe));
  }
  return result.right;
}
