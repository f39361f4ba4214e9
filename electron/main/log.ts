/** One JSON line per entry on stderr; the backend receives the same function. */
export function log(line: Record<string, unknown>): void {
  try {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
  } catch {
    // Logging must never take the app down (closed stderr, circular data).
  }
}
