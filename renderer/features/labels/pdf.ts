import { useEffect, useRef, useState } from 'react';

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A `blob:` URL for base64 data, revoked when the data changes or the component goes. */
export function useBlobUrl(base64: string | null, mime: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!base64 || typeof URL.createObjectURL !== 'function') {
      setUrl(null);
      return;
    }
    const made = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mime }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [base64, mime]);
  return url;
}

/**
 * Did the page's Content-Security-Policy refuse to frame `url`? (Then the label is offered as
 * a download instead of an empty frame.) Listens from mount on: the violation can be reported
 * before an effect tied to the new URL would run.
 */
export function useFrameBlocked(url: string | null): boolean {
  const current = useRef(url);
  current.current = url;
  const [blocked, setBlocked] = useState<string | null>(null);
  useEffect(() => {
    const onViolation = (e: SecurityPolicyViolationEvent) => {
      const directive = e.effectiveDirective || e.violatedDirective;
      const shown = current.current;
      if (!shown || !directive.startsWith('frame-src')) return;
      if (e.blockedURI === shown || e.blockedURI === 'blob') setBlocked(shown);
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    return () => document.removeEventListener('securitypolicyviolation', onViolation);
  }, []);
  return url !== null && blocked === url;
}
