// Ports of the demo's servers (simulator, n8n, n8n's task broker): checked right before each server
// starts, and any "address in use" turned into one plain sentence that names the variable to change.
// A check at start-up alone is not enough: the first run installs for minutes, and another process
// may take a port meanwhile; so a failure to listen is recognised too, from the server's own output.
import net from 'node:net';

/** A port another process holds. `setting` names what moves it (DEMO_SIM_PORT, --port, …). */
export class PortInUseError extends Error {
	constructor(
		readonly port: number,
		readonly role: string,
		readonly setting?: string,
	) {
		super(`Port ${port} (${role}) is in use by another process${setting ? `; set ${setting} to another port` : ''}`);
		this.name = 'PortInUseError';
	}

	/** The same port, told with the setting that moves it. */
	withSetting(setting: string): PortInUseError {
		return new PortInUseError(this.port, this.role, setting);
	}
}

/** Whether nothing listens on host:port right now (a listen that is closed at once). */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

/** Throws PortInUseError when host:port is taken. */
export async function requirePortFree(port: number, role: string, setting?: string, host = '127.0.0.1'): Promise<void> {
	if (!(await portFree(port, host))) throw new PortInUseError(port, role, setting);
}

/**
 * The port a server reported it could not listen on, from its output: Node's EADDRINUSE error
 * ("listen EADDRINUSE: address already in use 127.0.0.1:4010"), or n8n's own sentences
 * ("n8n's port 5678 is already in use", "n8n Task Broker's port 5679 is already in use").
 */
export function portInUseIn(text: string): number | undefined {
	const node = /EADDRINUSE[^\n]*?:(\d{1,5})\b/.exec(text);
	if (node) return Number(node[1]);
	const n8n = /port (\d{1,5}) is already in use/i.exec(text);
	if (n8n) return Number(n8n[1]);
	return undefined;
}
