import { inspectLogo, type LogoImage } from './logo';
import type { StoreBranding } from './types';
import type { WarningList } from './warnings';

/** The store's branding as labels use it: a logo only if it decodes, an address or ''. */
export function resolveBranding(
  branding: StoreBranding | undefined,
  warnings: WarningList,
): { address: string; logo: LogoImage | null } {
  let logo: LogoImage | null = null;
  if (branding?.logo) {
    const inspected = inspectLogo(branding.logo);
    warnings.add(inspected.warning);
    logo = inspected.logo;
  }
  return { address: branding?.address ?? '', logo };
}
