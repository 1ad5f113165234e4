/**
 * test:all's closing lines: a skipped test is listed by file and name above the summary line,
 * and the summary line keeps the plain form CI reads.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { summarize, summaryLines } = require('../../scripts/jest-summary.cjs');

const report = {
	numPassedTests: 3,
	numFailedTests: 0,
	numPendingTests: 1,
	numTodoTests: 1,
	testResults: [
		{
			name: '/repo/test/a.test.ts',
			assertionResults: [
				{ fullName: 'a works', status: 'passed' },
				{ fullName: 'a validates against the models', status: 'pending' },
			],
		},
		{
			name: '/repo/test/b.test.ts',
			assertionResults: [
				{ fullName: 'b one', status: 'passed' },
				{ fullName: 'b two', status: 'passed' },
				{ fullName: 'b later', status: 'todo' },
			],
		},
	],
};

test('counts and names every test that did not run', () => {
	expect(summarize(report, 'unit', '/repo')).toEqual({
		passed: 3,
		failed: 0,
		skipped: 2,
		skippedNames: ['unit: test/a.test.ts › a validates against the models (skipped)', 'unit: test/b.test.ts › b later (todo)'],
	});
});

test('the skipped tests come above the plain summary line, which ends the output', () => {
	const { skippedNames, ...totals } = summarize(report, 'unit', '/repo');
	const lines = summaryLines(totals, skippedNames);
	expect(lines).toContain('  - unit: test/a.test.ts › a validates against the models (skipped)');
	expect(lines[lines.length - 1]).toBe('tests: 3 passed, 0 failed, 2 skipped');
});

test('nothing skipped: only the summary line', () => {
	expect(summaryLines({ passed: 5, failed: 0, skipped: 0 }, []).filter(Boolean)).toEqual(['tests: 5 passed, 0 failed, 0 skipped']);
});
