/**
 * The benchmark table, for the terminal and for docs/benchmarks.md. Every figure sits next to the
 * bound Amazon's published limits (or the competing approach) put on it, with the ratio between them.
 */
import * as os from 'os';

export interface Row {
	/** Benchmark group, e.g. "Order ingest (10,000 orders)". */
	group: string;
	figure: string;
	measured: string;
	bound: string;
	/** measured ÷ bound (or the comparison named in the figure), formatted. */
	ratio: string;
	/** Target and whether it was met, or a short note. */
	note: string;
}

export interface Machine {
	cpu: string;
	cores: number;
	memoryGb: number;
	node: string;
	platform: string;
	date: string;
}

export function machine(): Machine {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model?.replace(/\s+/g, ' ').trim() || 'unknown',
		cores: cpus.length,
		memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		node: process.version,
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
	};
}

export function int(n: number): string {
	return Math.round(n).toLocaleString('en-US');
}

export function fixed(n: number, digits: number): string {
	return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Seconds with a human reading for long spans: "14,286 s (3 h 58 min)". */
export function seconds(s: number): string {
	const base = `${int(s)} s`;
	if (s === 0) return '0 s';
	if (s < 120) return `${fixed(s, s < 10 ? 2 : 1)} s`;
	const h = Math.floor(s / 3600);
	const m = Math.round((s % 3600) / 60);
	return h > 0 ? `${base} (${h} h ${m} min)` : `${base} (${m} min)`;
}

/** measured ÷ bound as "1.008×"; "—" when there is no bound to divide by. */
export function ratio(measured: number, bound: number, digits = 3): string {
	if (!Number.isFinite(measured) || !Number.isFinite(bound) || bound <= 0) return '—';
	return `${fixed(measured / bound, digits)}×`;
}

export function verdict(ok: boolean, target: string): string {
	return `${ok ? 'met' : 'MISSED'}: ${target}`;
}

const COLUMNS: Array<[keyof Row, string]> = [
	['figure', 'Figure'],
	['measured', 'Measured'],
	['bound', 'Bound'],
	['ratio', 'Ratio'],
	['note', 'Target / note'],
];

/** A plain fixed-width table per group, for the terminal. */
export function renderTable(rows: Row[]): string {
	const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...rows.map((r) => r[key].length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
	const out: string[] = [];
	let group: string | undefined;
	for (const r of rows) {
		if (r.group !== group) {
			group = r.group;
			out.push('', group, line(COLUMNS.map(([, t]) => t)), line(widths.map((w) => '-'.repeat(w))));
		}
		out.push(line(COLUMNS.map(([k]) => r[k])));
	}
	return out.join('\n').replace(/^\n/, '');
}

function cell(s: string): string {
	return s.replace(/\|/g, '\\|');
}

export function renderMarkdown(input: { rows: Row[]; machine: Machine; realSeconds: number; notes: string[]; command: string; appendix?: string[] }): string {
	const m = input.machine;
	const out: string[] = [
		'# Benchmarks',
		'',
		'How close the package comes to the physical limit of an Amazon connector — Amazon\'s published',
		'rate limits — and how far ahead it is of the usual per-order approach (v0 `getOrders` pages plus one',
		'`getOrderItems` per order, as existing Amazon nodes and Odoo do). Everything runs against the local',
		'SP-API simulator on a virtual clock, so hours of Amazon time take seconds and every run is repeatable.',
		'',
		`This file is written by \`${input.command}\`; the figures below are from its latest run, not typed in.`,
		'',
		'## Latest run',
		'',
		`- Date: ${m.date}`,
		`- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB memory (${m.platform})`,
		`- Node: ${m.node}`,
		`- Real time for the whole run: ${fixed(input.realSeconds, 1)} s`,
		'',
	];
	let group: string | undefined;
	for (const r of input.rows) {
		if (r.group !== group) {
			group = r.group;
			out.push('', `### ${group}`, '', `| ${COLUMNS.map(([, t]) => t).join(' | ')} |`, `| ${COLUMNS.map(() => '---').join(' | ')} |`);
		}
		out.push(`| ${COLUMNS.map(([k]) => cell(r[k])).join(' | ')} |`);
	}
	out.push(...(input.appendix ?? []));
	out.push('', '## How the bounds are computed', '', ...input.notes.map((n) => `- ${n}`), '');
	return out.join('\n');
}
