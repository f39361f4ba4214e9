/**
 * What `npm start` launches: the Electron app when its binary is really there, browser mode
 * otherwise. Pure functions here; start.ts does the spawning.
 */

/** How the `require('electron')` probe (a child node process) ended. */
export interface ElectronProbe {
  /** Exit code; null when killed (timeout) or never started. */
  status: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Spawn error (ENOENT, …), if the probe could not run at all. */
  error?: string;
}

export interface FileCheck {
  exists(file: string): boolean;
  isExecutable(file: string): boolean;
}

export type LaunchDecision =
  { mode: 'electron'; binary: string } | { mode: 'browser'; reason: string };

/** A display to open a window on; Linux without X11 or Wayland has none. */
export function displayProblem(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | null {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY
    ? null
    : 'no display: DISPLAY and WAYLAND_DISPLAY are unset';
}

function lastLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.at(-1) ?? '';
}

/** The line of a Node crash that says what went wrong ("Error: …"), without the prefix. */
export function errorLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const error = lines.find((l) => /^[A-Za-z]*Error\b/.test(l));
  if (error) return error.replace(/^[A-Za-z]*Error(\s*\[[^\]]*\])?:\s*/, '');
  return lines.filter((l) => !/^Node\.js v\d/.test(l)).at(-1) ?? '';
}

/** Shortens a message for the one-line notice. */
export function shorten(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

export interface DecideInput {
  probe: ElectronProbe;
  files: FileCheck;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/**
 * RETURNDESK_MODE=browser forces browser mode. Otherwise Electron needs: a probe that printed a
 * path (electron's index.js prints "Downloading…" first when it tries a download, so the last
 * line counts), an existing executable there, and (Linux) a display.
 */
export function decideLaunch({ probe, files, platform, env }: DecideInput): LaunchDecision {
  if (env.RETURNDESK_MODE === 'browser') {
    return { mode: 'browser', reason: 'RETURNDESK_MODE=browser' };
  }
  if (probe.error) {
    return { mode: 'browser', reason: shorten(`could not run the probe: ${probe.error}`) };
  }
  if (probe.timedOut) {
    return { mode: 'browser', reason: 'looking for the Electron binary timed out' };
  }
  if (probe.status !== 0) {
    let why: string;
    if (/failed to install/i.test(probe.stderr)) {
      why = 'its binary is not installed and could not be downloaded';
    } else if (/Cannot find module 'electron'/.test(probe.stderr)) {
      why = 'the electron package is not installed';
    } else {
      why = shorten(errorLine(probe.stderr) || `probe exited with ${String(probe.status)}`);
    }
    return { mode: 'browser', reason: why };
  }
  const binary = lastLine(probe.stdout);
  if (binary === '') return { mode: 'browser', reason: 'no Electron binary path' };
  if (!files.exists(binary)) return { mode: 'browser', reason: shorten(`no binary at ${binary}`) };
  if (!files.isExecutable(binary)) {
    return { mode: 'browser', reason: shorten(`binary at ${binary} is not executable`) };
  }
  const noDisplay = displayProblem(platform, env);
  if (noDisplay) return { mode: 'browser', reason: noDisplay };
  return { mode: 'electron', binary };
}

/** How long a non-zero Electron exit counts as "could not launch" rather than "app ended". */
export const LAUNCH_GRACE_MS = 5_000;

/**
 * After spawning Electron: an early failure (spawn error, or a non-zero exit / signal within the
 * grace period) falls back to browser mode; otherwise the app's own exit code is passed on.
 */
export function afterElectronExit(exit: {
  code: number | null;
  signal: string | null;
  elapsedMs: number;
  spawnError?: string;
  /** We passed a signal on (Ctrl+C): the exit is the user's, not a launch failure. */
  interrupted?: boolean;
  stderrTail: string;
}): { fallback: true; reason: string } | { fallback: false; code: number } {
  if (exit.spawnError) {
    return { fallback: true, reason: shorten(`could not start it: ${exit.spawnError}`) };
  }
  const failed = exit.signal !== null || (exit.code !== null && exit.code !== 0);
  if (failed && !exit.interrupted && exit.elapsedMs < LAUNCH_GRACE_MS) {
    const detail = lastLine(exit.stderrTail);
    const how = exit.signal ? `signal ${exit.signal}` : `code ${String(exit.code)}`;
    return {
      fallback: true,
      reason: shorten(`it exited at once with ${how}${detail ? `: ${detail}` : ''}`),
    };
  }
  return { fallback: false, code: exit.code ?? (exit.signal ? 1 : 0) };
}

export function fallbackNotice(reason: string): string {
  return `Electron is not available on this machine (${reason}); starting browser mode instead.`;
}
