import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | undefined {
	if (process.env.CHROMIUM_PATH) return fs.existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
	return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
}

/** Chromium from Debian's packages; installs it with apt-get when missing (CI runs as root). */
export function ensureChromium(log: (m: string) => void): string {
	const found = findChromium();
	if (found) return found;
	const isRoot = process.getuid?.() === 0;
	const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
	if (!isRoot || !hasApt) {
		throw new Error(
			'Chromium is needed for the editor test and is not installed. Install Debian\'s "chromium" package ' +
				'(apt-get install chromium) or set CHROMIUM_PATH. The e2e suite does not skip it.',
		);
	}
	log('Chromium missing: apt-get update && apt-get install chromium (a few minutes)…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		execFileSync('apt-get', ['update'], { env, stdio: 'inherit', timeout: 10 * 60_000 });
		execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation'], {
			env,
			stdio: 'inherit',
			timeout: 20 * 60_000,
		});
	} catch (error) {
		throw new Error(`Installing Chromium with apt-get failed: ${(error as Error).message}`);
	}
	const installed = findChromium();
	if (!installed) throw new Error('apt-get installed chromium but no Chromium binary was found');
	return installed;
}

/** Flags for a quiet, offline, sandbox-less headless Chromium. */
export const CHROMIUM_ARGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

export function chromiumVersion(bin: string): string {
	return execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
}
