// Reads Jest's --json reports for scripts/test-all.mjs: the counts, and the name of every test that
// did not run, so a skipped test is visible by name above the summary line CI reads.
const { relative } = require('node:path');

const NOT_RUN = new Set(['pending', 'skipped', 'todo', 'disabled']);

/** Counts of one Jest report and "label: file › full name (skipped|todo)" for each test it did not run. */
function summarize(report, label, cwd = process.cwd()) {
	const skippedNames = [];
	for (const file of report.testResults ?? []) {
		for (const test of file.assertionResults ?? []) {
			if (NOT_RUN.has(test.status)) {
				skippedNames.push(`${label}: ${relative(cwd, file.name)} › ${test.fullName} (${test.status === 'todo' ? 'todo' : 'skipped'})`);
			}
		}
	}
	return {
		passed: report.numPassedTests ?? 0,
		failed: report.numFailedTests ?? 0,
		skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
		skippedNames,
	};
}

/** The closing lines: the tests that did not run (if any), then "tests: N passed, N failed, N skipped". */
function summaryLines(totals, skippedNames) {
	const lines = [];
	if (skippedNames.length) {
		lines.push('', `${skippedNames.length} test(s) did not run (test.skip, test.todo or a skipped describe: each says why in its file):`);
		for (const name of skippedNames) lines.push(`  - ${name}`);
	}
	lines.push('', `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
	return lines;
}

module.exports = { summarize, summaryLines };
