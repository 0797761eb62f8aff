import type { Actor } from '../../../domain/kernel.ts';
import type { Caller } from './caller.ts';

export const actorOf = (caller: Caller): Actor => ({
  org: caller.org,
  userId: caller.userId,
  email: caller.email,
  name: caller.name,
});
