/**
 * A throwaway Redis for tests and benchmarks: the one queue mode's e2e set-up provisions (Debian's
 * redis-server unpacked into the cache, or the machine's), started on a free port without
 * persistence, and stopped (kill -9 to simulate a crash, or a clean stop).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

import { ensureRedis } from '../../scripts/n8n/queue-infra';

export interface RedisServer {
	port: number;
	/** Environment that makes the package see n8n's queue mode with this Redis. */
	queueEnv: Record<string, string>;
	stop(): Promise<void>;
	/** Starts it again on the same port (after stop). */
	restart(): Promise<void>;
}

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const ok = await new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (ok) return;
		if (Date.now() > deadline) throw new Error(`Redis did not listen on ${port} within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

export async function startRedis(): Promise<RedisServer> {
	const install = await ensureRedis({ log: () => undefined });
	const port = await freePort();
	let child: ChildProcess | undefined;
	const launch = async () => {
		child = spawn(install.serverBin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
			env: { ...process.env, LD_LIBRARY_PATH: [install.libraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') },
			stdio: 'ignore',
		});
		await waitForPort(port, 10_000);
	};
	await launch();
	const stop = async () => {
		const running = child;
		child = undefined;
		if (!running || running.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			running.once('exit', () => resolve());
			running.kill('SIGKILL');
		});
	};
	return {
		port,
		queueEnv: { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		stop,
		restart: launch,
	};
}
