import * as t from 'io-ts';
import { checkedFirst } from './checkedFirst';

/** Combines required and optional properties into one exact-enough codec. */
export function withOptional<R extends t.Props, O extends t.Props>(
  required: R,
  optional: O,
  name: string,
): t.Type<
  t.TypeOf<t.IntersectionC<[t.TypeC<R>, t.PartialC<O>]>>,
  t.OutputOf<t.IntersectionC<[t.TypeC<R>, t.PartialC<O>]>>
> {
  return checkedFirst(t.intersection([t.type(required), t.partial(optional)], name));
}

/** `{ [key: string]: string }` — lakeFS metadata maps. */
export const StringMap = t.record(t.string, t.string, 'StringMap');
export type StringMap = t.TypeOf<typeof StringMap>;

/** `Pagination` of every list response. */
export const Pagination = t.type(
  { has_more: t.boolean, next_offset: t.string, results: t.number, max_per_page: t.number },
  'Pagination',
);
export type Pagination = t.TypeOf<typeof Pagination>;

/** Builds the codec of a `{ pagination, results: A[] }` list. */
export function listOf<C extends t.Mixed>(item: C, name: string) {
  return checkedFirst(t.type({ pagination: Pagination, results: t.array(item) }, name));
}

/** `Error` body. */
export const ErrorBody = t.type({ message: t.string }, 'Error');
export type ErrorBody = t.TypeOf<typeof ErrorBody>;
