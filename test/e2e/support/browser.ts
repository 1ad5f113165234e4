/** Headless Chromium (Debian's package) driven by playwright-core, logged in to n8n as the owner. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium';

export interface EditorSession {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

export async function openEditor(baseUrl: string, email: string, password: string): Promise<EditorSession> {
	const executablePath = findChromium();
	if (!executablePath) throw new Error('Chromium is not installed (the e2e global setup installs it)');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		// playwright adds its own headless flag; the rest are ours (offline, no sandbox as root).
		args: CHROMIUM_ARGS.filter((a) => !a.startsWith('--headless')),
		viewport: { width: 1600, height: 900 },
		deviceScaleFactor: 1,
		timeout: 60_000,
	});
	const close = async () => {
		await context.close().catch(() => undefined);
		fs.rmSync(userDataDir, { recursive: true, force: true });
	};
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(30_000);
		await page.goto(`${baseUrl}/signin`);
		await page.locator('input[name="emailOrLdapLoginId"]').fill(email);
		await page.locator('input[name="password"]').fill(password);
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
		return { context, page, close };
	} catch (error) {
		await close();
		throw error;
	}
}
