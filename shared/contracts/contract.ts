import type { z } from 'zod';
import type { Permission, ScopeTarget } from '../domain/permissions';

/**
 * Who may make a call: anyone who holds the per-run bridge (`public`), any signed-in,
 * unlocked user (`signedIn`), or a user whose role has the permission.
 */
export type Access = 'public' | 'signedIn' | Permission;

export interface Contract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  input: I;
  output: O;
  access: Access;
  /**
   * `change`: the call changes data; the registry runs it in one transaction that must
   * also write an audit event and an outbox mutation. `read`: it must not write.
   * `self`: the handler manages its own writes (sign-in records failures even when it fails).
   */
  kind: 'read' | 'change' | 'self';
  /** Made by the UI on its own (polling), so it does not count as activity at the till. */
  background?: boolean;
  /** The store or region the call touches, checked against the user's scope. */
  scope?: (input: z.infer<I>) => ScopeTarget | undefined;
}

export function defineContract<const N extends string, I extends z.ZodType, O extends z.ZodType>(
  contract: Contract<I, O> & { name: N },
): Contract<I, O> & { name: N } {
  return contract;
}
