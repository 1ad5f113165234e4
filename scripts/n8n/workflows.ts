/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Credentials and workflows into an n8n instance with its CLI, as a user moving them between
 * instances would (import:credentials encrypts the data), plus publish and execute.
 */
import { writeJson } from './api';
import type { N8nInstance } from './start-n8n';

export const PACKAGE_NAME = 'n8n-nodes-amazon-seller';
export const CREDENTIAL_TYPE = 'amazonSellerApi';

export interface CredentialRef {
	id: string;
	name: string;
}

export async function importCredential(n8n: N8nInstance, ref: CredentialRef, data: Record<string, unknown>, type = CREDENTIAL_TYPE): Promise<CredentialRef> {
	const file = writeJson(n8n, `credential-${ref.id}.json`, [{ id: ref.id, name: ref.name, type, data }]);
	await n8n.cliOk(['import:credentials', `--input=${file}`]);
	return ref;
}

/** Operations that map data alone: their credential is hidden, so they get none. */
const NO_CREDENTIAL = (parameters: any) => parameters?.resource === 'salesOrder' || ['mapPayout', 'mapRefund'].includes(parameters?.operation);

/** A copy of the workflow with our credential on every Amazon Seller node that calls Amazon. */
export function withCredential<T extends { nodes: any[] }>(workflow: T, credential: CredentialRef): T {
	const copy = JSON.parse(JSON.stringify(workflow)) as T;
	for (const node of copy.nodes) {
		if (String(node.type).startsWith(`${PACKAGE_NAME}.`) && !NO_CREDENTIAL(node.parameters)) {
			node.credentials = { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
		}
	}
	return copy;
}

/** Imports the workflow under the given id (inactive); returns the id. */
export async function importWorkflow(n8n: N8nInstance, workflow: Record<string, any>, id: string): Promise<string> {
	const file = writeJson(n8n, `workflow-${id}.json`, { ...workflow, id, active: false });
	await n8n.cliOk(['import:workflow', `--input=${file}`]);
	return id;
}

/** Publishes (activates) a workflow with the CLI; a running n8n picks it up at its next start. */
export async function publishWorkflow(n8n: N8nInstance, id: string): Promise<void> {
	await n8n.cliOk(['publish:workflow', `--id=${id}`]);
}

/**
 * `n8n execute --id` (the workflow needs a Manual Trigger; Data Table nodes do not work there in
 * 2.40.7, use N8nApi.runManually). Returns the run as n8n prints it.
 */
export async function executeWorkflow(n8n: N8nInstance, id: string, timeoutMs = 300_000): Promise<any> {
	const result = await n8n.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs });
	const start = result.stdout.search(/^\{/m);
	if (result.code !== 0 || start < 0) {
		throw new Error(`n8n execute --id=${id} failed (exit ${result.code}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
	}
	return JSON.parse(result.stdout.slice(start));
}
