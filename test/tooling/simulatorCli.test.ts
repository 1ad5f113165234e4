/**
 * `npm run simulator -- …`: --help prints the usage and exits 0 without starting a server; an
 * unknown flag or a bad value prints what is wrong and the usage, and exits 2.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { USAGE, parseArgs } from '../../simulator/cli';

const ROOT = path.join(__dirname, '..', '..');

function cli(...args: string[]) {
	return spawnSync(path.join(ROOT, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', 'simulator/cli.ts', ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 60_000,
	});
}

describe('parseArgs', () => {
	test('defaults, and $SIM_PORT for the port', () => {
		expect(parseArgs([])).toEqual({ help: false, options: { port: 4010, host: '127.0.0.1', flow: 0, settleEvery: 0, seed: undefined, pagination: 'live' } });
		expect(parseArgs([], { SIM_PORT: '4500' })).toMatchObject({ options: { port: 4500 } });
	});

	test('both --name value and --name=value', () => {
		expect(parseArgs(['--port', '4011', '--flow=3', '--seed', '7', '--host=0.0.0.0', '--pagination', 'snapshot'])).toEqual({
			help: false,
			options: { port: 4011, host: '0.0.0.0', flow: 3, settleEvery: 10, seed: 7, pagination: 'snapshot' },
		});
	});

	test('settlements close every 10 minutes while orders flow, or as --settle-every says (0: never early)', () => {
		expect(parseArgs(['--flow', '2'])).toMatchObject({ options: { settleEvery: 10 } });
		expect(parseArgs(['--flow', '2', '--settle-every', '0'])).toMatchObject({ options: { settleEvery: 0 } });
		expect(parseArgs(['--settle-every=3'])).toMatchObject({ options: { flow: 0, settleEvery: 3 } });
	});

	test.each([[['--help']], [['-h']], [['--port', '4011', '--help']]])('%j asks for help', (argv) => {
		expect(parseArgs(argv)).toEqual({ help: true });
	});

	test.each([
		[['--bogus'], 'Unknown option: --bogus'],
		[['4010'], 'Unknown option: 4010'],
		[['--port'], '--port needs a value'],
		[['--port', '--flow', '2'], '--port needs a value'],
		[['--port', 'x'], '--port must be a port number (0-65535), not "x"'],
		[['--flow', '-2'], '--flow must be a number of orders a minute (0 or more), not "-2"'],
		[['--seed', '1.5'], '--seed must be a whole number, not "1.5"'],
		[['--pagination', 'pages'], '--pagination must be live or snapshot, not "pages"'],
		[['--settle-every', 'soon'], '--settle-every must be a number of minutes (0 or more), not "soon"'],
	])('%j is refused: %s', (argv, error) => {
		expect(parseArgs(argv)).toEqual({ help: false, error });
	});
});

describe('the command', () => {
	test('--help prints the usage and exits 0 without starting a server', () => {
		const run = cli('--help');
		expect(run.status).toBe(0);
		expect(run.stdout).toContain(USAGE.trim());
		expect(run.stdout).not.toMatch(/listening on/);
	}, 90_000);

	test('an unknown flag prints the error and the usage and exits 2', () => {
		const run = cli('--prot', '4011');
		expect(run.status).toBe(2);
		expect(run.stderr).toMatch(/^Unknown option: --prot\n/);
		expect(run.stderr).toContain('Usage: npm run simulator -- [options]');
		expect(run.stdout).not.toMatch(/listening on/);
	}, 90_000);
});
