/**
 * Who is signed in on each channel (an Electron window, a browser tab). In memory on purpose:
 * a restart signs everyone out, which is what a shared till should do.
 */
export interface TillSession {
  userId: string;
  signedInAt: number;
  lastActivityAt: number;
  locked: boolean;
}

export class SessionStore {
  private readonly sessions = new Map<string, TillSession>();

  get(channel: string): TillSession | undefined {
    return this.sessions.get(channel);
  }

  start(channel: string, userId: string, now: number): TillSession {
    const session = { userId, signedInAt: now, lastActivityAt: now, locked: false };
    this.sessions.set(channel, session);
    return session;
  }

  end(channel: string): void {
    this.sessions.delete(channel);
  }

  /** Locks the session if it has been idle too long; says whether it is locked now. */
  applyIdleLock(session: TillSession, now: number, idleLockSeconds: number): boolean {
    if (!session.locked && now - session.lastActivityAt > idleLockSeconds * 1000)
      session.locked = true;
    return session.locked;
  }
}
