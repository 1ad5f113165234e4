// Talks to a running n8n 2.40.7 the way the editor and API users do: the owner logs in (cookie) for
// the internal REST API (/rest, used by the editor, e.g. the credential "Test" button), and an API key
// created for the owner drives the public REST API (/api/v1: workflows, credentials, executions).
import fs from 'node:fs';
import path from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any */
import type { N8nInstance } from './start-n8n';

type Json = any;

export interface RequestOptions {
	timeoutMs?: number;
}

export class HttpError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: unknown,
	) {
		super(message);
	}
}

export class N8nApi {
	readonly baseUrl: string;
	cookie: string | undefined;
	apiKey: string | undefined;

	constructor(baseUrl: string) {
		this.baseUrl = baseUrl.replace(/\/$/, '');
	}

	private async request(
		url: string,
		{ method = 'GET', headers = {}, body, timeoutMs = 60_000 }: { method?: string; headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
	): Promise<{ res: Response; json: Json; text: string }> {
		const res = await fetch(url, {
			method,
			headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
			body: body !== undefined ? JSON.stringify(body) : undefined,
			signal: AbortSignal.timeout(timeoutMs),
			redirect: 'manual',
		});
		const text = await res.text();
		let json: Json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (!res.ok) {
			throw new HttpError(`${method} ${url} -> ${res.status}: ${text.slice(0, 500)}`, res.status, json ?? text);
		}
		return { res, json, text };
	}

	/** Logs in as a user; later rest() calls carry the session cookie. */
	async login(email: string, password: string): Promise<Json> {
		const { res, json } = await this.request(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			body: { emailOrLdapLoginId: email, password },
		});
		const setCookie: Array<string | null> = res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie')];
		const auth = setCookie.filter(Boolean).map((c) => c!.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (!auth) throw new Error('n8n login returned no n8n-auth cookie');
		this.cookie = auth;
		return json?.data ?? json;
	}

	/** Internal REST API (/rest/...), as the logged-in user. Returns the unwrapped "data". */
	async rest(method: string, route: string, body?: unknown, opts: RequestOptions = {}): Promise<Json> {
		if (!this.cookie) throw new Error('login() first');
		const { json } = await this.request(`${this.baseUrl}/rest${route}`, {
			method,
			body,
			headers: { cookie: this.cookie },
			...opts,
		});
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	/** Creates a never-expiring API key with every scope the owner may have, and uses it from now on. */
	async createApiKey(label = 'e2e'): Promise<string> {
		const scopes = await this.rest('GET', '/api-keys/scopes');
		// Labels are unique per user: a second key (a second run against the same n8n) gets its own.
		const unique = `${label} ${new Date().toISOString().slice(0, 19)} ${Math.random().toString(36).slice(2, 6)}`.slice(0, 50);
		const key = await this.rest('POST', '/api-keys', { label: unique, scopes, expiresAt: null });
		this.apiKey = key.rawApiKey ?? key.apiKey;
		if (!this.apiKey) throw new Error(`n8n returned no API key: ${JSON.stringify(key).slice(0, 200)}`);
		return this.apiKey;
	}

	/** Public REST API (/api/v1/...), with the API key. */
	async public(method: string, route: string, body?: unknown, opts: RequestOptions = {}): Promise<Json> {
		if (!this.apiKey) throw new Error('createApiKey() first');
		const { json } = await this.request(`${this.baseUrl}/api/v1${route}`, {
			method,
			body,
			headers: { 'x-n8n-api-key': this.apiKey },
			...opts,
		});
		return json;
	}

	/** Node types the editor sees (same list the node panel is built from). */
	async nodeTypes(): Promise<Json[]> {
		const { json } = await this.request(`${this.baseUrl}/types/nodes.json`, { headers: this.cookie ? { cookie: this.cookie } : {} });
		return json;
	}

	async credentialTypes(): Promise<Json[]> {
		const { json } = await this.request(`${this.baseUrl}/types/credentials.json`, { headers: this.cookie ? { cookie: this.cookie } : {} });
		return json;
	}

	/** The credential "Test" button: POST /rest/credentials/test. Returns { status: 'OK' | 'Error', message }. */
	async testCredential({ id, name, type, data }: { id?: string; name: string; type: string; data: Record<string, unknown> }): Promise<{ status: string; message: string }> {
		return await this.rest('POST', '/credentials/test', { credentials: { id, name, type, data } }, { timeoutMs: 120_000 });
	}

	async createCredential({ name, type, data }: { name: string; type: string; data: Record<string, unknown> }): Promise<Json> {
		return await this.public('POST', '/credentials', { name, type, data });
	}

	async createWorkflow(workflow: Json): Promise<Json> {
		const { name, nodes, connections, settings = {} } = workflow;
		return await this.public('POST', '/workflows', { name, nodes, connections, settings });
	}

	async activateWorkflow(id: string): Promise<Json> {
		return await this.public('POST', `/workflows/${id}/activate`);
	}

	async deactivateWorkflow(id: string): Promise<Json> {
		return await this.public('POST', `/workflows/${id}/deactivate`);
	}

	async workflows(): Promise<Json[]> {
		return (await this.public('GET', '/workflows?limit=250')).data;
	}

	/** All executions (newest first), optionally of one workflow, with their run data. */
	async executions({
		workflowId,
		status,
		includeData = true,
		max = 1000,
	}: { workflowId?: string; status?: string; includeData?: boolean; max?: number } = {}): Promise<Json[]> {
		const all: Json[] = [];
		let cursor: string | undefined;
		for (let page = 0; page < 50 && all.length < max; page++) {
			const query = new URLSearchParams({ limit: '100', includeData: String(includeData) });
			if (workflowId) query.set('workflowId', String(workflowId));
			if (status) query.set('status', status);
			if (cursor) query.set('cursor', cursor);
			const res = await this.public('GET', `/executions?${query}`);
			all.push(...res.data);
			cursor = res.nextCursor;
			if (!cursor) break;
		}
		return all;
	}

	/**
	 * What the editor's "Execute workflow" button does: runs the saved workflow from one trigger in
	 * the server (unlike `n8n execute`, with every module, e.g. Data Tables), then waits for the
	 * execution and returns it with its data.
	 */
	async runManually(
		workflowId: string,
		triggerName: string,
		{ timeoutMs = 300_000, triggerOutput }: { timeoutMs?: number; triggerOutput?: Array<Record<string, unknown>> } = {},
	): Promise<Json> {
		// triggerOutput: run as if the trigger had emitted these items (the editor's pinned test event).
		const data = triggerOutput && {
			startTime: Date.now(),
			executionIndex: 0,
			executionTime: 0,
			source: [],
			data: { main: [triggerOutput.map((json) => ({ json }))] },
		};
		const started = await this.rest('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName, ...(data ? { data } : {}) } });
		const executionId = started?.executionId;
		if (!executionId) throw new Error(`n8n did not start an execution: ${JSON.stringify(started).slice(0, 300)}`);
		const deadline = Date.now() + timeoutMs;
		for (let i = 0; i < 10_000 && Date.now() < deadline; i++) {
			try {
				const execution = await this.execution(executionId, true);
				if (execution?.finished || ['success', 'error', 'crashed', 'canceled'].includes(execution?.status)) return execution;
			} catch (error) {
				if ((error as HttpError).status !== 404) throw error;
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(`Execution ${executionId} of workflow ${workflowId} did not finish within ${timeoutMs / 1000} s`);
	}

	/** Data tables of the instance (public API). */
	async dataTables(): Promise<Json[]> {
		return (await this.public('GET', '/data-tables?limit=250')).data;
	}

	async dataTableByName(name: string): Promise<Json | undefined> {
		return (await this.dataTables()).find((t) => t.name === name);
	}

	/** Every row of a data table (public API, all pages). */
	async dataTableRows(id: string): Promise<Json[]> {
		const rows: Json[] = [];
		let cursor: string | undefined;
		for (let page = 0; page < 100; page++) {
			const query = new URLSearchParams({ limit: '250' });
			if (cursor) query.set('cursor', cursor);
			const res = await this.public('GET', `/data-tables/${id}/rows?${query}`);
			rows.push(...res.data);
			cursor = res.nextCursor;
			if (!cursor) break;
		}
		return rows;
	}

	async insertDataTableRows(id: string, data: Array<Record<string, unknown>>): Promise<Json> {
		return await this.public('POST', `/data-tables/${id}/rows`, { data, returnType: 'all' });
	}

	async updateDataTableRows(id: string, filters: Array<{ columnName: string; condition: string; value: unknown }>, data: Record<string, unknown>): Promise<Json> {
		return await this.public('PATCH', `/data-tables/${id}/rows/update`, { filter: { type: 'and', filters }, data, returnData: true });
	}

	async execution(id: string | number, includeData = true): Promise<Json> {
		return await this.public('GET', `/executions/${id}?includeData=${includeData}`);
	}
}

/** Output items of a node in an execution fetched with includeData, as plain json objects. */
export function nodeOutput(execution: Json, nodeName: string, outputIndex = 0): Json[] | undefined {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	return runs.flatMap((run: Json) => (run.data?.main?.[outputIndex] ?? []).map((item: Json) => item.json));
}

/** Writes data as JSON into the instance folder and returns its path (for import:* commands). */
export function writeJson(n8n: N8nInstance, name: string, data: unknown): string {
	const file = path.join(n8n.userFolder, 'imports', name);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}
