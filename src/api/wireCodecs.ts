import * as t from 'io-ts';

/**
 * A string enum that stays open: the listed values give the type its completions, any other string is
 * accepted too, because lakeFS adds values (new statuses, event types) without a new API version.
 */
export function openEnum<V extends string>(
  values: readonly V[],
  name = values.map((v) => JSON.stringify(v)).join(' | '),
): t.Type<V | (string & {}), string, unknown> {
  return new t.Type<V | (string & {}), string, unknown>(
    name,
    (u): u is V | (string & {}) => typeof u === 'string',
    (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c)),
    (a) => a,
  );
}

/** An optional field's codec: lakeFS (Go) may send `null` for a field it leaves unset. */
export function optional<C extends t.Mixed>(codec: C): t.UnionC<[C, t.NullC]> {
  return t.union([codec, t.null]);
}

/**
 * An object with required and optional properties. Fields the spec does not name pass through (the
 * codecs are not exact), so a newer lakeFS that sends more stays readable.
 */
export function object<R extends t.Props, O extends t.Props>(
  required: R,
  optionalProps: O,
  name?: string,
): t.Type<
  t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>,
  t.OutputOf<t.TypeC<R>> & t.OutputOf<t.PartialC<O>>
> {
  const hasRequired = Object.keys(required).length > 0;
  const hasOptional = Object.keys(optionalProps).length > 0;
  if (hasRequired && !hasOptional) return t.type(required, name) as never;
  if (!hasRequired) return t.partial(optionalProps, name) as never;
  return t.intersection([t.type(required), t.partial(optionalProps)], name);
}
