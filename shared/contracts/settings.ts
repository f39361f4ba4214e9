import { z } from 'zod';
import { defineContract } from './contract';
import { Id, IsoTime } from './common';

/**
 * Store settings with their bounds. A store value overrides the chain default; the bounds
 * keep a typo from locking everyone out or never locking at all.
 */
export const SETTING_SCHEMAS = {
  idleLockSeconds: z.int().min(30).max(3600),
  maxFailedSignIns: z.int().min(3).max(10),
  lockoutMinutes: z.int().min(1).max(1440),
} as const;
export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type StoreSettings = { [K in SettingKey]: z.infer<(typeof SETTING_SCHEMAS)[K]> };

export const DEFAULT_SETTINGS: StoreSettings = {
  idleLockSeconds: 300,
  maxFailedSignIns: 5,
  lockoutMinutes: 15,
};

export const StoreSettingsSchema = z.object(SETTING_SCHEMAS);

export const settingsGet = defineContract({
  name: 'settings.get',
  input: z.object({ storeId: Id }).strict(),
  output: StoreSettingsSchema,
  access: 'signedIn',
  kind: 'read',
  scope: (input) => ({ storeId: input.storeId }),
});

export const settingsUpdate = defineContract({
  name: 'settings.update',
  input: z
    .object({
      storeId: Id,
      key: z.enum(Object.keys(SETTING_SCHEMAS) as [SettingKey, ...SettingKey[]]),
      value: z.unknown(),
    })
    .strict()
    .superRefine((input, ctx) => {
      const result = SETTING_SCHEMAS[input.key].safeParse(input.value);
      if (!result.success) {
        for (const issue of result.error.issues)
          ctx.addIssue({ ...issue, path: ['value'] } as never);
      }
    }),
  output: z.object({ settings: StoreSettingsSchema, updatedAt: IsoTime }),
  access: 'settings.manage',
  kind: 'change',
  scope: (input) => ({ storeId: input.storeId }),
});
