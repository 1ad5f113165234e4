/** The demo keeps each run's logs in its own folder under the cache, and only the last ten runs'. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoLogDir } from '../../scripts/n8n/demo';

let root: string;
beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-logs-test-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test('each run gets its own folder, named by its start time', () => {
	const at = new Date('2026-12-01T23:05:07.123Z');
	const first = demoLogDir(root, at);
	const second = demoLogDir(root, at);
	expect(path.basename(first)).toBe('2026-12-01_23-05-07');
	expect(second).not.toBe(first);
	expect(fs.statSync(second).isDirectory()).toBe(true);
});

test('the oldest runs beyond ten go, the newest stay', () => {
	for (let i = 0; i < 12; i++) {
		const dir = demoLogDir(root, new Date(Date.UTC(2026, 11, 1, 10, i)));
		fs.writeFileSync(path.join(dir, 'n8n.log'), `run ${i}`);
	}
	const kept = fs.readdirSync(root).sort();
	expect(kept).toHaveLength(10);
	expect(kept[0]).toBe('2026-12-01_10-02-00');
	expect(kept[9]).toBe('2026-12-01_10-11-00');
});
