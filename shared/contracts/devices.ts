import { z } from 'zod';
import { defineContract } from './contract';
import { Id, IsoTime } from './common';
import { DeviceScopeSchema } from '../sync/protocol';

/**
 * The admin's devices screen: the desktops this one knows of (pulled from the back office), a
 * one-time enrollment code for a store, and revoking a desktop. Codes and revocations need the
 * back office's answer at once, so these two calls go to it directly (they are audited here).
 */
export const DeviceViewSchema = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  storeId: Id,
  storeCode: z.string(),
  enrolledAt: IsoTime,
  isThisDesktop: z.boolean(),
});
export type DeviceView = z.infer<typeof DeviceViewSchema>;

export const devicesList = defineContract({
  name: 'devices.list',
  input: z.object({}).strict(),
  output: z.array(DeviceViewSchema),
  access: 'users.manage',
  kind: 'read',
});

export const devicesEnrollmentCode = defineContract({
  name: 'devices.enrollmentCode',
  input: z
    .object({
      storeId: Id,
      scope: DeviceScopeSchema.default('store'),
      ttlMinutes: z
        .int()
        .min(5)
        .max(7 * 24 * 60)
        .default(24 * 60),
    })
    .strict(),
  output: z.object({ code: z.string(), expiresAt: IsoTime }),
  access: 'users.manage',
  kind: 'self',
});

export const devicesRevoke = defineContract({
  name: 'devices.revoke',
  input: z.object({ deviceId: Id, reason: z.string().trim().min(3).max(500) }).strict(),
  output: z.object({ deviceId: Id, revokedAt: IsoTime }),
  access: 'users.manage',
  kind: 'self',
});
