import { z } from 'zod';
import { defineContract } from './contract';
import { AmazonAccountStatusSchema } from '../sync/protocol';

/**
 * The seller account's LWA credentials, kept by the back office only (DESIGN.md §1): the admin's
 * desktop sends them once and sees only what is set, never the secrets.
 */
export const amazonAccountGet = defineContract({
  name: 'amazonAccount.get',
  input: z.object({}).strict(),
  output: AmazonAccountStatusSchema,
  access: 'users.manage',
  kind: 'self',
});

export const amazonAccountSet = defineContract({
  name: 'amazonAccount.set',
  input: z
    .object({
      clientId: z.string().trim().min(8).max(200),
      clientSecret: z.string().trim().min(8).max(500),
      refreshToken: z.string().trim().min(8).max(2000),
      sellerId: z.string().trim().min(2).max(50),
      region: z.enum(['na', 'eu', 'fe']).default('na'),
    })
    .strict(),
  output: AmazonAccountStatusSchema,
  access: 'users.manage',
  kind: 'self',
});
