/**
 * Makes the e2e suite self-sufficient on a fresh machine: Chromium (apt-get), Node 24 + n8n in the
 * cache, and a fresh build of the package. Any failure stops the suite loudly; nothing is skipped.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ensureN8n } from '../../scripts/n8n/ensure-n8n';
import { chromiumVersion, ensureChromium } from './support/chromium';

const log = (m: string) => console.log(`[e2e setup] ${m}`);

export default async function globalSetup(): Promise<void> {
	const root = path.resolve(__dirname, '..', '..');
	let t = Date.now();
	const chromium = ensureChromium(log);
	log(`${chromiumVersion(chromium)} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
	t = Date.now();
	const n8n = await ensureN8n({ log });
	log(`n8n ready in cache ${n8n.dir} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
	t = Date.now();
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], timeout: 10 * 60_000 });
	log(`package built (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
