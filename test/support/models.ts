import * as fs from 'fs';
import * as path from 'path';

/**
 * Amazon's official models live outside the repo (`../shared/sp-api-models`, beside the clone in
 * CI). Tests that need them use `describeWithModels`, which skips with a visible reason when absent.
 */
export const MODELS_DIR = path.resolve(__dirname, '../../../shared/sp-api-models');

export const modelsAvailable = fs.existsSync(path.join(MODELS_DIR, 'orders_2026-01-01.json'));

export function loadModel(file: string): any {
	return JSON.parse(fs.readFileSync(path.join(MODELS_DIR, file), 'utf8'));
}

export const describeWithModels: jest.Describe = modelsAvailable
	? describe
	: (((name: string, fn: () => void) => {
			// eslint-disable-next-line no-console
			console.warn(`Skipping "${name}": official SP-API models not found at ${MODELS_DIR}`);
			describe.skip(name, fn);
		}) as unknown as jest.Describe);

/** Finds an operation by id in a swagger model; returns its method, path and object. */
export function findOperation(model: any, operationId: string): { method: string; path: string; op: any } | undefined {
	for (const [p, methods] of Object.entries<any>(model.paths)) {
		for (const [method, op] of Object.entries<any>(methods)) {
			if (op && typeof op === 'object' && op.operationId === operationId) return { method, path: p, op };
		}
	}
	return undefined;
}

/** The usage plan (rate, burst) from an operation's description table. */
export function usagePlan(op: any): { rate: number; burst: number } | undefined {
	const match = /\|\s*([\d.]+)\s*\|\s*(\d+)\s*\|/.exec(op.description ?? '');
	return match ? { rate: Number(match[1]), burst: Number(match[2]) } : undefined;
}
