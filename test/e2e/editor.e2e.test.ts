/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The editor as a user sees it, in headless Chromium: log in, open the Amazon → ERP example, open
 * the trigger's and an action's panel. Pictures go to test/e2e/.work (gitignored), so a test run
 * leaves the clone clean; `npm run screenshot` runs the first test with E2E_SCREENSHOT set to
 * docs/screenshot.png to refresh the README's picture.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { openEditor, type EditorSession } from './support/browser';
import { startE2e, type E2eEnv } from './support/harness';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', '1-amazon-to-erp-data-tables.json');
const WORK = path.join(__dirname, '.work');
const SCREENSHOT = process.env.E2E_SCREENSHOT ? path.resolve(ROOT, process.env.E2E_SCREENSHOT) : path.join(WORK, 'canvas.png');

let env: E2eEnv;
let editor: EditorSession;
let workflowId: string;

beforeAll(async () => {
	env = await startE2e();
	workflowId = await env.importWorkflow(JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')));
	// With the tables set up, the Data Table nodes show their columns.
	const setup = await env.api.runManually(workflowId, 'Set up ERP tables (run once)');
	expect(setup.status).toBe('success');
	editor = await openEditor(env.n8n.url, env.n8n.owner.email, env.n8n.owner.password);
	fs.mkdirSync(WORK, { recursive: true });
});

afterAll(async () => {
	await editor?.close();
	await env?.stop();
});

const node = (name: string) => editor.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);

async function openPanel(name: string) {
	// Each test starts from the example's canvas, whatever the previous one left open.
	if (!editor.page.url().endsWith(`/workflow/${workflowId}`)) await editor.page.goto(`${env.n8n.url}/workflow/${workflowId}`);
	await node(name).waitFor();
	await node(name).dblclick();
	const ndv = editor.page.locator('[data-test-id="ndv"]');
	await ndv.waitFor();
	return ndv;
}

async function closePanel() {
	const ndv = editor.page.locator('[data-test-id="ndv"]');
	if (!(await ndv.isVisible())) return;
	await editor.page.keyboard.press('Escape');
	await ndv.waitFor({ state: 'hidden', timeout: 10_000 }).catch(async () => {
		await editor.page.locator('[data-test-id="ndv-close-button"]').first().click();
		await ndv.waitFor({ state: 'hidden' });
	});
}

/** Waits up to 10 s for the locator to show; false if it does not. */
async function shows(locator: Locator): Promise<boolean> {
	return await locator
		.first()
		.waitFor({ state: 'visible', timeout: 10_000 })
		.then(() => true)
		.catch(() => false);
}

afterEach(async () => {
	// A failed test must not leave a panel or modal over the canvas for the next one.
	await editor?.page.keyboard.press('Escape').catch(() => undefined);
	await closePanel().catch(() => undefined);
});

test('the example workflow opens with our nodes on the canvas', async () => {
	const page = editor.page;
	await page.goto(`${env.n8n.url}/workflow/${workflowId}`);
	await node('Amazon Seller Trigger').waitFor();
	for (const name of ['Amazon Seller Trigger', 'Map Order to Sales Order', 'Create sales order', 'Mark sales order canceled']) {
		await expect(node(name).count()).resolves.toBe(1);
	}
	expect(await node('Amazon Seller Trigger').getAttribute('data-node-type')).toBe('n8n-nodes-amazon-seller.amazonSellerTrigger');
	// No node of ours shows the canvas's warning status.
	for (const name of ['Amazon Seller Trigger', 'Map Order to Sales Order']) {
		await expect(node(name).locator('[data-test-id="canvas-node-status-warning"]').count()).resolves.toBe(0);
	}
	await page.mouse.move(2, 450); // no hover toolbar in the picture
	await page.keyboard.press('1'); // zoom to fit
	await page.waitForTimeout(1000);
	fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
	await page.screenshot({ path: SCREENSHOT });
	expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
});

test('the trigger panel shows its credential, events and the search budget notice', async () => {
	const ndv = await openPanel('Amazon Seller Trigger');
	const credential = ndv.locator('[data-test-id="node-credentials-select"] input');
	await expect(shows(credential)).resolves.toBe(true);
	expect(await credential.first().inputValue()).toBe('Amazon Seller (simulator NA)');
	await expect(shows(ndv.getByText('New Order', { exact: true }))).resolves.toBe(true);
	await expect(shows(ndv.getByText('Order Canceled', { exact: true }))).resolves.toBe(true);
	await expect(shows(ndv.getByText(/one order search every 3 minutes/))).resolves.toBe(true);
	await editor.page.screenshot({ path: path.join(WORK, 'trigger-panel.png') });
	await closePanel();
});

test('an action panel shows the operation and its fields', async () => {
	const ndv = await openPanel('Map Order to Sales Order');
	await expect(shows(ndv.getByText('Order Data'))).resolves.toBe(true);
	await expect(shows(ndv.getByText('Order Field'))).resolves.toBe(true);
	await expect(shows(ndv.getByText('Preset'))).resolves.toBe(true);
	await editor.page.screenshot({ path: path.join(WORK, 'action-panel.png') });
	await closePanel();
});

test('the credential test runs from the editor', async () => {
	const ndv = await openPanel('Amazon Seller Trigger');
	// The pencil next to the credential opens the credential modal, which tests the credential on open.
	await ndv.locator('[data-test-id="credential-edit-button"]').first().click();
	const modal = editor.page.locator('[data-test-id="editCredential-modal"]');
	await modal.waitFor();
	await modal.getByText(/Connection tested successfully/).first().waitFor({ timeout: 60_000 });
	await editor.page.screenshot({ path: path.join(WORK, 'credential.png') });
});
