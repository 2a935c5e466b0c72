// Where the ledger lives. Kept apart from store.ts so that reading the remembered language at
// start-up does not load the store.
import os from 'node:os';
import path from 'node:path';

export const LEDGER_FILE_NAME = 'config.json';
const APP_DIR = 'ote-cert';

/**
 * The user's config folder for ote-cert; OTE_CERT_CONFIG_DIR overrides it. Follows the platform
 * conventions conf itself would use (env-paths), but reads the given env instead of process.env.
 */
export function configDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
	const override = env['OTE_CERT_CONFIG_DIR'];
	if (override && override.trim() !== '') return path.resolve(override);
	const home = env['HOME'] || env['USERPROFILE'] || os.homedir();
	if (platform === 'win32') {
		return path.win32.join(env['APPDATA'] || path.win32.join(home, 'AppData', 'Roaming'), APP_DIR, 'Config');
	}
	if (platform === 'darwin') return path.join(home, 'Library', 'Preferences', APP_DIR);
	return path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), APP_DIR);
}
