/**
 * The demo's ports: a port another process holds, found right before a server starts or only when
 * the server tries to listen (taken meanwhile), gives one plain sentence naming the variable to
 * change, never a stack trace. The simulator is the real CLI; n8n is a stand-in script that behaves
 * like n8n 2.40.7 when its port is taken (it logs n8n's sentence and exits 1).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readDemoConfig, spawnSimulator, startSimulator, withDemoSetting } from '../../scripts/n8n/demo';
import { PortInUseError, portFree, portInUseIn } from '../../scripts/n8n/ports';
import { N8nInstance } from '../../scripts/n8n/start-n8n';

/** Holds a free loopback port until released. */
async function occupyPort(): Promise<{ port: number; release: () => Promise<void> }> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as net.AddressInfo).port;
	return { port, release: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function freePort(): Promise<number> {
	const { port, release } = await occupyPort();
	await release();
	return port;
}

const configFor = (ports: { n8nPort: number; simPort: number }) => ({ ...ports, brokerPort: ports.n8nPort + 1, flow: 0, keepUserFolder: false });

describe('portInUseIn reads the port a server could not listen on', () => {
	test.each([
		['Error: listen EADDRINUSE: address already in use 127.0.0.1:4010\n    at Server.setupListenHandle', 4010],
		["n8n's port 5678 is already in use. Do you have another instance of n8n running already?", 5678],
		["n8n Task Broker's port 5679 is already in use. Do you have another instance of n8n running already?", 5679],
		['Port 4010 is already in use on 127.0.0.1 (EADDRINUSE): pass --port with another port.', 4010],
	])('%s', (text, port) => {
		expect(portInUseIn(`some output\n${text}\nmore`)).toBe(port);
	});

	test('other output names no port', () => {
		expect(portInUseIn('n8n ready on ::, port 5678\nEditor is now accessible via http://localhost:5678')).toBeUndefined();
	});
});

describe('the demo start step of the simulator', () => {
	test('a port taken before the start is reported with DEMO_SIM_PORT, before anything is spawned', async () => {
		const { port, release } = await occupyPort();
		try {
			await expect(startSimulator(port, 0)).rejects.toThrow(`Port ${port} (simulator) is in use by another process; set DEMO_SIM_PORT to another port`);
		} finally {
			await release();
		}
	});

	test('a port taken after the check (the simulator fails to listen) is reported the same way, without a stack trace', async () => {
		const { port, release } = await occupyPort();
		try {
			const error = await spawnSimulator(port, 0).then(
				() => undefined,
				(e: Error) => e,
			);
			expect(error).toBeInstanceOf(PortInUseError);
			expect(error!.message).toBe(`Port ${port} (simulator) is in use by another process; set DEMO_SIM_PORT to another port`);
			expect(error!.message).not.toMatch(/\n\s+at /);
		} finally {
			await release();
		}
	}, 120_000);
});

describe('the n8n start step', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ports-test-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	/** An N8nInstance whose "n8n" is a script: it records that it ran, prints `says` and exits 1. */
	function fakeN8n(port: number, says: string): { instance: N8nInstance; ran: string } {
		const ran = path.join(dir, 'ran');
		const script = path.join(dir, 'fake-n8n.js');
		fs.writeFileSync(script, `require('fs').writeFileSync(${JSON.stringify(ran)}, 'yes'); console.log(${JSON.stringify(says)}); process.exit(1);`);
		const instance = new N8nInstance({
			layout: { dir, nodeHome: dir, nodeBin: process.execPath, n8nBin: script, marker: path.join(dir, 'marker') },
			port,
			brokerPort: port + 1,
			cliBrokerPort: port + 2,
			owner: { email: 'a@example.com', password: 'p', firstName: 'A', lastName: 'B' },
			userFolder: dir,
			ownsUserFolder: false,
			keepUserFolder: true,
			logFile: path.join(dir, 'logs', 'n8n.log'),
			env: { PATH: process.env.PATH },
			readyTimeoutMs: 20_000,
		});
		return { instance, ran };
	}

	test("n8n's port taken before the start: the demo names DEMO_N8N_PORT and n8n is not started", async () => {
		const { port, release } = await occupyPort();
		try {
			const { instance, ran } = fakeN8n(port, 'never printed');
			const error = await instance.start().then(
				() => undefined,
				(e: Error) => e,
			);
			expect(error).toBeInstanceOf(PortInUseError);
			expect((withDemoSetting(error, configFor({ n8nPort: port, simPort: 4010 })) as Error).message).toBe(
				`Port ${port} (n8n) is in use by another process; set DEMO_N8N_PORT to another port`,
			);
			expect(fs.existsSync(ran)).toBe(false);
		} finally {
			await release();
		}
	});

	test('the task broker port taken while n8n starts: n8n says so in its log and the demo names DEMO_N8N_PORT', async () => {
		const port = await freePort();
		const { instance, ran } = fakeN8n(port, `n8n Task Broker's port ${port + 1} is already in use. Do you have another instance of n8n running already?`);
		const error = await instance.start().then(
			() => undefined,
			(e: Error) => e,
		);
		expect(fs.existsSync(ran)).toBe(true);
		expect(error).toBeInstanceOf(PortInUseError);
		expect((withDemoSetting(error, configFor({ n8nPort: port, simPort: 4010 })) as Error).message).toBe(
			`Port ${port + 1} (n8n's task broker) is in use by another process; set DEMO_N8N_PORT (the task broker takes the next port) to another port`,
		);
		// The log is where the instance was told to write it, outside the user folder's default.
		expect(fs.readFileSync(path.join(dir, 'logs', 'n8n.log'), 'utf8')).toMatch(/already in use/);
	});

	test('a port that is free is reported free', async () => {
		expect(await portFree(await freePort())).toBe(true);
	});
});

describe('readDemoConfig', () => {
	test('defaults', () => {
		expect(readDemoConfig({})).toEqual({ n8nPort: 5678, brokerPort: 5679, simPort: 4010, flow: 4, keepUserFolder: false });
	});

	test.each([
		[{ DEMO_SIM_PORT: 'abc' }, 'DEMO_SIM_PORT must be a port number (1-65534), not "abc"'],
		[{ DEMO_N8N_PORT: '70000' }, 'DEMO_N8N_PORT must be a port number (1-65534), not "70000"'],
		[{ DEMO_FLOW: '-1' }, 'DEMO_FLOW must be a number of orders a minute (0 or more), not "-1"'],
		[{ DEMO_SIM_PORT: '5679' }, "DEMO_SIM_PORT (5679) collides with n8n's ports (5678 and 5679, from DEMO_N8N_PORT)"],
	])('%j is refused with the variable named', (env, message) => {
		expect(() => readDemoConfig(env)).toThrow(message);
	});
});
