import * as t from 'io-ts';
import { withOptional } from './common';

export const AuthenticationToken = withOptional(
  { token: t.string },
  { token_expiration: t.number },
  'AuthenticationToken',
);
export type AuthenticationToken = t.TypeOf<typeof AuthenticationToken>;

export const User = withOptional(
  { id: t.string, creation_date: t.number },
  { friendly_name: t.string, email: t.string },
  'User',
);
export type User = t.TypeOf<typeof User>;

export const CurrentUser = t.type({ user: User }, 'CurrentUser');
export type CurrentUser = t.TypeOf<typeof CurrentUser>;
