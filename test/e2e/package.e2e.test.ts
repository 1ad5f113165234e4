/* eslint-disable @typescript-eslint/no-explicit-any */
/** Our package as n8n loads it: node and credential types, and the credential's Test button. */
import { ACTION_NODE, CREDENTIAL_TYPE, TRIGGER_NODE, simulatorCredentialData, startE2e, type E2eEnv } from './support/harness';

let env: E2eEnv;

beforeAll(async () => {
	env = await startE2e();
	console.log(`n8n started in ${(env.n8n.lastStartMs / 1000).toFixed(1)} s`);
});

afterAll(async () => {
	await env?.stop();
});

test('n8n loads our nodes as community package nodes', async () => {
	const types = await env.api.nodeTypes();
	const ours = types.filter((t: any) => String(t.name).startsWith('n8n-nodes-amazon-seller.'));
	const names = ours.map((t: any) => t.name);
	expect(names).toEqual(expect.arrayContaining([ACTION_NODE, TRIGGER_NODE]));
	const action = ours.find((t: any) => t.name === ACTION_NODE);
	expect(action.displayName).toBe('Amazon Seller');
	const trigger = ours.find((t: any) => t.name === TRIGGER_NODE);
	expect(trigger.polling).toBe(true);
	const log = env.n8n.logText();
	expect(log).not.toMatch(/Failed to load package|Skipping package/);
});

test('n8n knows the credential type', async () => {
	const creds = await env.api.credentialTypes();
	const ours = creds.find((c: any) => c.name === CREDENTIAL_TYPE);
	expect(ours).toBeDefined();
	expect(ours.properties.map((p: any) => p.name)).toEqual(
		expect.arrayContaining(['accountLabel', 'region', 'environment', 'customEndpoint', 'clientId', 'clientSecret', 'refreshToken', 'sellerId']),
	);
});

test('the credential Test button succeeds against the simulator', async () => {
	const result = await env.api.testCredential({
		id: env.credential.id,
		name: env.credential.name,
		type: CREDENTIAL_TYPE,
		data: simulatorCredentialData(env.sim),
	});
	expect(result).toMatchObject({ status: 'OK' });
});

test('the credential Test button reports a wrong refresh token', async () => {
	// The user pastes a wrong token into the saved credential and clicks Test before saving.
	const result = await env.api.testCredential({
		id: env.credential.id,
		name: env.credential.name,
		type: CREDENTIAL_TYPE,
		data: { ...simulatorCredentialData(env.sim), refreshToken: 'Atzr|IwEBwrong' },
	});
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/refresh token|invalid_grant|LWA|authoriz/i);
	expect(result.message).not.toContain('IwEBwrong');
});

test('a credential created through the public API can be tested', async () => {
	const created = await env.api.createCredential({ name: 'Simulator EU', type: CREDENTIAL_TYPE, data: simulatorCredentialData(env.sim, 'eu') });
	expect(created.id).toBeTruthy();
	const result = await env.api.testCredential({ id: created.id, name: created.name, type: CREDENTIAL_TYPE, data: simulatorCredentialData(env.sim, 'eu') });
	expect(result).toMatchObject({ status: 'OK' });
});
