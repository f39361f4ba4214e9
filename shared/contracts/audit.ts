import { z } from 'zod';
import { defineContract } from './contract';
import { Id, IsoTime } from './common';

export const AuditEventSchema = z.object({
  id: Id,
  seq: z.int(),
  at: IsoTime,
  action: z.string(),
  userId: Id.nullable(),
  username: z.string().nullable(),
  storeId: Id.nullable(),
  entityType: z.string(),
  entityId: z.string().nullable(),
});

export const auditRecent = defineContract({
  name: 'audit.recent',
  input: z.object({ limit: z.int().min(1).max(200).default(50) }).strict(),
  output: z.array(AuditEventSchema),
  access: 'audit.read',
  kind: 'read',
});

export const AuditVerificationSchema = z.object({
  intact: z.boolean(),
  checked: z.int(),
  firstBroken: z
    .object({
      seq: z.int(),
      id: z.string(),
      reason: z.enum(['hash_mismatch', 'chain_break', 'sequence_gap']),
    })
    .nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

export const auditVerify = defineContract({
  name: 'audit.verify',
  input: z.object({}).strict(),
  output: AuditVerificationSchema,
  access: 'audit.verify',
  kind: 'read',
});
