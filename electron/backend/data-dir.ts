import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'ReturnDesk';

/**
 * Where the desktop keeps its database: `RETURNDESK_DATA_DIR` if set, otherwise the folder
 * Electron's `app.getPath('userData')` uses, so browser mode and the app share one database.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.RETURNDESK_DATA_DIR) return env.RETURNDESK_DATA_DIR;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}
