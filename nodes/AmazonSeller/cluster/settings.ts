/**
 * Where n8n's queue mode keeps its Redis, read from n8n's own settings (the same environment
 * variables n8n reads, `_FILE` variants included), so the package shares state across main and
 * workers with no configuration of its own. Pure: the environment is passed in.
 *
 * Outside queue mode there is one process and nothing to share: undefined.
 */
import { readFileSync } from 'node:fs';

export interface RedisSettings {
	host: string;
	port: number;
	db: number;
	username?: string;
	password?: string;
	tls: boolean;
	/** "host:port,host:port" when n8n uses a Redis cluster. */
	clusterNodes: Array<{ host: string; port: number }>;
	/** n8n's Bull prefix; our keys live beside it, under their own name. */
	prefix: string;
}

type Env = Record<string, string | undefined>;

/** An environment variable, or the contents of the file its `_FILE` twin names (as n8n reads them). */
function read(env: Env, name: string, readFile: (path: string) => string): string | undefined {
	const file = env[`${name}_FILE`];
	if (file) return readFile(file).trim();
	const value = env[name];
	return value === undefined || value === '' ? undefined : value;
}

export function queueRedisSettings(env: Env = process.env, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): RedisSettings | undefined {
	if (read(env, 'EXECUTIONS_MODE', readFile) !== 'queue') return undefined;
	const number = (name: string, fallback: number) => {
		const value = Number(read(env, name, readFile));
		return Number.isFinite(value) && read(env, name, readFile) !== undefined ? value : fallback;
	};
	const clusterNodes = (read(env, 'QUEUE_BULL_REDIS_CLUSTER_NODES', readFile) ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean)
		.map((entry) => {
			const [host, port] = entry.split(':');
			return { host, port: Number(port) || 6379 };
		});
	return {
		host: read(env, 'QUEUE_BULL_REDIS_HOST', readFile) ?? 'localhost',
		port: number('QUEUE_BULL_REDIS_PORT', 6379),
		db: number('QUEUE_BULL_REDIS_DB', 0),
		username: read(env, 'QUEUE_BULL_REDIS_USERNAME', readFile),
		password: read(env, 'QUEUE_BULL_REDIS_PASSWORD', readFile),
		tls: read(env, 'QUEUE_BULL_REDIS_TLS', readFile) === 'true',
		clusterNodes,
		prefix: read(env, 'QUEUE_BULL_PREFIX', readFile) ?? 'bull',
	};
}
