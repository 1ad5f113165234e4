/* eslint-disable @typescript-eslint/no-explicit-any */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import { runNode } from '../support/executeContext';
import { simulatorCredentials } from '../support/simulatorCredentials';
import { minorOf, useFinanceSimulator } from './simSupport';

/**
 * The payout examples' own Amazon Seller parameters, run on the simulator without n8n: the
 * settlements their Get node reads map with their account tables to entries that book every
 * Amazon type, and the fields their Data Table and Odoo nodes read exist on those items. (The
 * e2e suite runs the workflows in real n8n.)
 */
const env = useFinanceSimulator(61);

const example = (file: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8'));
const amazonNode = (workflow: any, operation: string) => workflow.nodes.find((node: any) => node.type === 'n8n-nodes-amazon-seller.amazonSeller' && node.parameters.operation === operation);

/** `$json.a.b` paths of an n8n expression. */
const jsonPaths = (expression: string) => [...expression.matchAll(/\$json((?:\.[A-Za-z]+)+)/g)].map((match) => match[1].slice(1).split('.'));
const at = (value: any, path: string[]) => path.reduce((current, key) => (current === undefined || current === null ? undefined : current[key]), value);

async function runExample(file: string) {
	const workflow = example(file);
	const [settlements] = await runNode(new AmazonSeller(), { parameters: amazonNode(workflow, 'getSettlement').parameters, credentials: simulatorCredentials(env.sim, 'na') });
	const outputs = await runNode(new AmazonSeller(), { parameters: amazonNode(workflow, 'mapPayout').parameters, items: settlements });
	return { workflow, settlements, outputs };
}

test('5 (Data Tables): the latest settlement of each currency, booked balanced with every type mapped; the tables get the fields they read', async () => {
	const { workflow, settlements, outputs } = await runExample('5-amazon-payout-to-erp-journal.json');
	const [entries, unmapped] = outputs;
	expect(settlements.map((item) => item.json.currency).sort()).toEqual(['CAD', 'MXN', 'USD']);
	expect(unmapped).toEqual([]);
	expect(entries).toHaveLength(3);
	for (const { json } of entries as any[]) {
		expect(json.balanced).toBe(true);
		const period = env.sim.finance.periods({ account: 'na' }).find((p) => p.settlementId === json.settlementId)!;
		expect(minorOf(json.deposit.amount)).toBe(period.total);
	}
	const entry = entries[0].json as any;
	const shapes: Record<string, any> = {
		'Book journal entry': entry,
		'Book journal lines': { settlementId: entry.settlementId, currency: entry.currency, lines: entry.lines[1] },
		'Record unmapped types': { settlementId: entry.settlementId, currency: entry.currency, unmapped: { key: 'Order/ItemFees/X', amount: { amount: '1.00' }, rowCount: 1 } },
	};
	for (const [name, item] of Object.entries(shapes)) {
		const node = workflow.nodes.find((n: any) => n.name === name);
		const expressions = [...Object.values(node.parameters.columns.value), node.parameters.filters.conditions[0].keyValue] as string[];
		for (const expression of expressions.filter((e) => typeof e === 'string')) {
			for (const path of jsonPaths(expression)) expect([name, path.join('.'), at(item, path)]).not.toEqual([name, path.join('.'), undefined]);
		}
	}
});

test('6 (Odoo): account.move values the Odoo node can create as they are', async () => {
	const { outputs } = await runExample('6-amazon-payout-to-odoo.json');
	const [entries, unmapped] = outputs;
	expect(unmapped).toEqual([]);
	expect(entries).toHaveLength(3);
	for (const { json } of entries as any[]) {
		const move = json.accountMove;
		expect(move).toMatchObject({ move_type: 'entry', journal_id: 7, ref: `Amazon settlement ${json.settlementId}` });
		const lines = move.line_ids.map((command: any) => command[2]);
		expect(lines.every((line: any) => typeof line.account_id === 'number')).toBe(true);
		const cents = (n: number) => Math.round(n * 10 ** (json.currency === 'JPY' ? 0 : 2));
		expect(lines.reduce((s: number, l: any) => s + cents(l.debit), 0)).toBe(lines.reduce((s: number, l: any) => s + cents(l.credit), 0));
	}
});
