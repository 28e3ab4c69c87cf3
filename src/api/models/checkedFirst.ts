import * as t from 'io-ts';

/**
 * Wraps a codec that never transforms its input (only checks it) so that a valid value is accepted by one
 * pass of `is`, which allocates nothing, and only an invalid one goes through `validate` to name the failing
 * field. io-ts's `validate` copies the context array at every field and list row, which made decoding a
 * listing cost more than parsing its JSON (BENCHMARKS.md, listing).
 *
 * Only for codecs built from `t.type`, `t.partial`, `t.intersection`, `t.array`, `t.record`, `t.union`,
 * `t.keyof` and primitives: for those, `is(u)` holds exactly when `validate(u)` succeeds with `u` itself.
 */
export function checkedFirst<C extends t.Any>(codec: C): t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown> {
  return new t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown>(
    codec.name,
    (u): u is t.TypeOf<C> => codec.is(u),
    (u, context) => {
      if (codec.is(u)) return t.success(u);
      // The failing path is read from the context; the wrapped codec takes this entry's place, so the
      // path reads as if it had been decoded directly (intersection members stay hidden).
      const last = context[context.length - 1];
      const inner = last ? [...context.slice(0, -1), { ...last, type: codec }] : context;
      return codec.validate(u, inner) as t.Validation<t.TypeOf<C>>;
    },
    (a) => codec.encode(a) as t.OutputOf<C>,
  );
}
