import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_GROUP_BY, type GroupPart, type JournalEntry, type JournalEntryOptions } from '../../mapping/journalEntry';
import { toOdooJournalEntry } from '../../mapping/odooFinance';
import { accountTableFrom, journalEntryFor, readSettlementInput, type AccountRow } from '../../rules/financeInputs';
import { InputError } from '../../rules/inputError';
import { inputSourceFields, locate, presetField } from '../fields';
import type { ItemRunner } from '../itemRunner';

/**
 * Finance → Map Payout to Journal Entry: one settlement (one payout, one currency) becomes one
 * balanced journal entry whose deposit line is Amazon's total-amount to the cent (the pure mapper
 * mapping/journalEntry.ts). Needs no credential. Entries with amounts no account-table key books
 * go to the second output, "Unmapped Types", with the keys to add, so nothing incomplete reaches
 * the ERP; the node always has these two outputs in this operation (see actions/outputs.ts).
 */
const show = { resource: ['finance'], operation: ['mapPayout'] };

export const description: INodeProperties[] = [
	...inputSourceFields(show, {
		label: 'Settlement',
		name: 'settlement',
		item: 'The item is a settlement as Get Settlement returns it, or a Payout event carrying one',
	}),
	presetField(show, { generic: 'The documented journal-entry schema, for any ERP', odoo: 'An account.move (entry) with line_ids, for the Odoo node; accounts are account.account IDs' }),
	{
		displayName: 'Odoo Journal ID',
		name: 'odooJournalId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 7',
		description: "The account.journal ID of the entry (e.g. a miscellaneous or bank journal for Amazon); empty: Odoo's default",
		displayOptions: { show: { ...show, preset: ['odoo'] } },
	},
	{
		displayName: 'Odoo Partner ID',
		name: 'odooPartnerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 42',
		description: 'The res.partner ID put on the Amazon lines (e.g. Amazon EU S.à r.l.); empty: none',
		displayOptions: { show: { ...show, preset: ['odoo'] } },
	},
	{
		displayName: 'Deposit Account',
		name: 'depositAccount',
		type: 'string',
		default: '',
		placeholder: 'e.g. 102100',
		description: 'The bank (or Amazon clearing) account of the deposit line: a code, or an account ID for Odoo',
		displayOptions: { show },
	},
	{
		displayName: 'Accounts',
		name: 'accounts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Account',
		default: {},
		description: 'Which account books each kind of Amazon amount. The most specific key wins; * matches anything.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Account',
				name: 'account',
				values: [
					{
						displayName: 'Amazon Type',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: 'e.g. Order/ItemPrice/Principal',
						description: 'Transaction type/amount type/amount description as in the settlement report (e.g. Order/ItemFees/Commission); * matches any part (*/ItemFees/*), a shorter key is a prefix (Order), * alone is the default',
					},
					{ displayName: 'Account', name: 'account', type: 'string', default: '', description: 'The ERP account: a code, or an account ID for Odoo' },
				],
			},
		],
	},
	{
		displayName: 'Accounts (JSON)',
		name: 'accountsJson',
		type: 'json',
		default: '{}',
		description:
			'More keys as JSON, e.g. {"Order/ItemPrice/*": "400100", "*/ItemFees/*": "627000"} or a list of {"key", "account"}; use an expression to take them from an input field. A key given here and in Accounts is an error.',
		displayOptions: { show },
	},
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'multiOptions',
		options: [
			{ name: 'Amount Description', value: 'amountDescription', description: 'Principal, Tax, Commission…' },
			{ name: 'Amount Type', value: 'amountType', description: 'ItemPrice, ItemFees, Promotion…' },
			{ name: 'Transaction Type', value: 'transactionType', description: 'Order, Refund, ServiceFee…' },
		],
		default: ['transactionType', 'amountType', 'amountDescription'],
		description: 'What makes one journal line (within one account); fewer parts, fewer lines',
		displayOptions: { show },
	},
	{
		displayName: 'On Imbalance',
		name: 'onImbalance',
		type: 'options',
		options: [
			{ name: 'Error', value: 'error', description: "Fail the item when Amazon's rows do not add up to its deposit" },
			{ name: 'Suspense Line', value: 'suspense', description: 'Book the difference on a suspense account, with a warning' },
		],
		default: 'error',
		displayOptions: { show },
	},
	{
		displayName: 'Suspense Account',
		name: 'suspenseAccount',
		type: 'string',
		default: '',
		description: 'The account of the suspense line',
		displayOptions: { show: { ...show, onImbalance: ['suspense'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Entry Date',
				name: 'date',
				type: 'options',
				options: [
					{ name: 'Deposit Date', value: 'deposit', description: "When Amazon sent the money (the settlement's end when Amazon gives none)" },
					{ name: 'Settlement End', value: 'end' },
				],
				default: 'deposit',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	// The node's outputs follow the operation (actions/outputs.ts): always Journal Entries and Unmapped Types.
	runner.useOutputs(2);
	const all = runner.items.map((item, itemIndex) => ({ itemIndex, value: item }));
	await runner.each(all, async ({ itemIndex, value: item }) => {
		const { value, path } = locate(this, itemIndex, item.json, { name: 'settlement', label: 'Settlement' });
		const settlement = readSettlementInput(value, path);
		runner.about(itemIndex, `settlement ${settlement.summary.settlementId}`);
		const options = journalOptions(this, itemIndex);
		const entry = journalEntryFor(settlement, options);
		runner.ok(itemIndex, presetOutput(this, itemIndex, entry), { output: entry.unmapped.length > 0 ? 1 : 0 });
	});
}

function journalOptions(ctx: IExecuteFunctions, itemIndex: number): JournalEntryOptions {
	const groupBy = ctx.getNodeParameter('groupBy', itemIndex, DEFAULT_GROUP_BY) as GroupPart[];
	if (!Array.isArray(groupBy) || groupBy.length === 0) throw new InputError('Group By', 'Group By is empty; choose at least one part (e.g. Amount Type)');
	const onImbalance = ctx.getNodeParameter('onImbalance', itemIndex, 'error') as string;
	const rows = (ctx.getNodeParameter('accounts', itemIndex, {}) as { account?: AccountRow[] }).account ?? [];
	return {
		accounts: accountTableFrom(rows, ctx.getNodeParameter('accountsJson', itemIndex, '{}')),
		depositAccount: text(ctx.getNodeParameter('depositAccount', itemIndex, '')),
		groupBy,
		onImbalance: onImbalance === 'suspense' ? 'suspense' : 'error',
		suspenseAccount: onImbalance === 'suspense' ? text(ctx.getNodeParameter('suspenseAccount', itemIndex, '')) : undefined,
		date: ctx.getNodeParameter('options.date', itemIndex, 'deposit') === 'end' ? 'end' : 'deposit',
	};
}

function presetOutput(ctx: IExecuteFunctions, itemIndex: number, entry: JournalEntry): IDataObject {
	if (ctx.getNodeParameter('preset', itemIndex, 'generic') !== 'odoo') return entry as unknown as IDataObject;
	const odoo = toOdooJournalEntry(entry, {
		journalId: text(ctx.getNodeParameter('odooJournalId', itemIndex, '')),
		partnerId: text(ctx.getNodeParameter('odooPartnerId', itemIndex, '')),
	});
	return { ...odoo, reference: entry.reference, date: entry.date, deposit: entry.deposit, totals: entry.totals } as unknown as IDataObject;
}

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const trimmed = String(value).trim();
	return trimmed ? trimmed : undefined;
}
