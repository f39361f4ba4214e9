/** "Jane Smith" → "J*** S****": enough for a clerk to confirm, not enough to leak. */
export function maskName(name: string): string {
  return name
    .split(/(\s+)/)
    .map((part) =>
      /^\s+$/.test(part) || part.length === 0
        ? part
        : [...part][0] + '*'.repeat(Math.max(1, [...part].length - 1)),
    )
    .join('');
}

/** "jane.smith@example.com" → "j***@example.com". */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
