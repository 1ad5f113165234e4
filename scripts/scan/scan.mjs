#!/usr/bin/env node
// `npm run scan`: n8n's community package scanner (@n8n/scan-community-package, the check n8n runs
// before it verifies a package) on this package, offline. The scanner itself downloads a published
// package by name, checks its npm provenance, fetches the attested source from GitHub and lints both;
// here the same two legs run on what we have: the packed tarball (`npm run build`, `npm pack`:
// compiled .js and package.json, as the scanner lints the download) and the source it was packed
// from (package.json, nodes/ and credentials/). Same ESLint config (the scanner's buildScanConfig),
// same file patterns, inline eslint-disable comments ignored, as in the scanner.
//
// The scanner is installed once from scripts/scan/package-lock.json into the cache outside the
// repo (the first run needs the npm registry, later runs none). Findings this package keeps on
// purpose are listed in ACCEPTED with the reason; any other finding fails the scan (exit 1).
//
// Usage: npm run scan [-- --no-build]
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const log = (m) => console.log(`[scan] ${m}`);

const RUNTIME_DEPENDENCIES = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).dependencies ?? {});
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the scan still flags and why (README, "n8n's community package scan"). Anything else fails it. */
export const ACCEPTED = [
	{
		rule: '@n8n/community-nodes/no-runtime-dependencies',
		file: /(^|\/)package\.json$/,
		why: `the package has runtime dependencies (${RUNTIME_DEPENDENCIES.join(', ')}): self-hosted n8n only, not n8n Cloud`,
	},
	{
		rule: '@n8n/community-nodes/no-restricted-imports',
		message: new RegExp(`'(${RUNTIME_DEPENDENCIES.map(escape).join('|') || '(?!)'})'`),
		why: "an import of a runtime dependency listed in package.json (self-hosted only)",
	},
	{
		rule: '@n8n/community-nodes/no-restricted-imports',
		file: /transport\/(client|endpointAgent|customEndpoint)\.(ts|js)$/,
		message: /'(node:)?(https|net|tls)'/,
		why: "amazon-sp-api makes its own HTTPS calls; the transport hands it an agent (custom endpoint, connection reuse), which needs Node's https/net/tls: allowed on self-hosted n8n, not on n8n Cloud",
	},
	{
		rule: '@n8n/community-nodes/no-restricted-imports',
		file: /transport\/documents\.(ts|js)$/,
		message: /'(node:)?(http|https|util|zlib)'/,
		why: "report and feed documents are transferred with Node's http(s) (amazon-sp-api drops the HTTP status of a failed transfer) and unzipped with zlib: allowed on self-hosted n8n, not on n8n Cloud",
	},
	{
		rule: /@n8n\/community-nodes\/no-restricted-(imports|globals)/,
		file: /cluster\/settings\.(ts|js)$/,
		message: /'(node:)?fs'|process/,
		why: "in queue mode the nodes find n8n's Redis from n8n's own environment variables (and their _FILE variants), to share Amazon's budget across main and workers: self-hosted n8n only",
	},
];

/** Mirrors scripts/n8n/config.ts cacheRoot(). */
function cacheRoot() {
	if (process.env.AMAZON_SELLER_N8N_CACHE) return path.resolve(process.env.AMAZON_SELLER_N8N_CACHE);
	return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-amazon-seller');
}

function npm(args, cwd, stdio = ['ignore', 'pipe', 'pipe']) {
	const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
	for (const key of Object.keys(env)) if (/^npm_(lifecycle|package)_/.test(key)) delete env[key];
	return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio, maxBuffer: 64 << 20, timeout: 15 * 60_000 });
}

/** The scanner's folder in the cache, installed from the committed lockfile the first time. */
function ensureScanner() {
	const lock = fs.readFileSync(path.join(HERE, 'package-lock.json'));
	const key = crypto.createHash('sha256').update(lock).digest('hex').slice(0, 16);
	const dir = path.join(cacheRoot(), `scanner-${key}`);
	if (fs.existsSync(path.join(dir, '.complete'))) return dir;
	const work = `${dir}.partial-${process.pid}`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	fs.copyFileSync(path.join(HERE, 'package.json'), path.join(work, 'package.json'));
	fs.copyFileSync(path.join(HERE, 'package-lock.json'), path.join(work, 'package-lock.json'));
	log(`Installing n8n's scanner into ${dir} (first run only, about a minute, 220 MB)…`);
	npm(['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], work);
	fs.writeFileSync(path.join(work, '.complete'), new Date().toISOString());
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(work, dir);
	return dir;
}

/** npm pack of the built package, unpacked into a temp folder (removed by the caller). */
function packAndUnpack(tmp) {
	const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], ROOT));
	const unpacked = path.join(tmp, 'package');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(tmp, packed[0].filename), '-C', unpacked, '--strip-components=1']);
	return { unpacked, filename: packed[0].filename, files: packed[0].entryCount };
}

/** The scanner's module and the ESLint and fast-glob it uses, from its folder in the cache. */
async function loadScanner(scannerDir) {
	const require = createRequire(path.join(scannerDir, 'node_modules', '@n8n', 'scan-community-package', 'package.json'));
	require('tmp').setGracefulCleanup(); // the scanner makes a temp folder on import; remove it at exit
	const scanner = await import(pathToFileURL(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs')).href);
	return { scanner, ESLint: require('eslint').ESLint, glob: require('fast-glob') };
}

/** The scanner's analyzePackage, with ESLint's messages kept as data instead of formatted text. */
async function lint({ scanner, ESLint, glob }, cwd, patterns) {
	const eslint = new ESLint({ cwd, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await scanner.buildScanConfig() });
	const files = glob.sync(patterns, { cwd, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	return {
		files: files.length,
		findings: results.flatMap((r) =>
			r.messages.filter((m) => m.severity === 2).map((m) => ({ file: path.relative(cwd, r.filePath), line: m.line, rule: m.ruleId ?? '(parse error)', message: m.message })),
		),
	};
}

/** The ACCEPTED entry a finding matches, if any. */
export function acceptedReason(finding) {
	return ACCEPTED.find((a) => (a.rule instanceof RegExp ? a.rule.test(finding.rule) : a.rule === finding.rule) && (!a.file || a.file.test(finding.file)) && (!a.message || a.message.test(finding.message)));
}

async function main() {
	const started = Date.now();
	if (!process.argv.includes('--no-build')) {
		log('Building the package…');
		npm(['run', 'build'], ROOT, ['ignore', 'ignore', 'inherit']);
	}
	const scannerDir = ensureScanner();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'amazon-seller-scan-'));
	try {
		const pack = packAndUnpack(tmp);
		log(`Scanning ${pack.filename} (${pack.files} files) and its source with @n8n/scan-community-package's rules…`);
		// The scanner's two legs: the attested source (package.json, nodes/, credentials/), then the
		// downloaded tarball (compiled .js and package.json).
		const loaded = await loadScanner(scannerDir);
		const source = await lint(loaded, ROOT, loaded.scanner.SOURCE_FILE_PATTERNS);
		const tarball = await lint(loaded, pack.unpacked, ['**/*.js', 'package.json']);
		const legs = [
			['source', source],
			['tarball', tarball],
		];
		const toFix = [];
		const accepted = [];
		for (const [leg, result] of legs) {
			for (const f of result.findings) {
				const reason = acceptedReason(f);
				(reason ? accepted : toFix).push({ leg, ...f, why: reason?.why });
			}
		}
		const where = (f) => `${f.leg === 'tarball' ? 'package/' : ''}${f.file}:${f.line}`;
		if (accepted.length) {
			console.log(`\nFlagged and kept on purpose (${accepted.length}):`);
			for (const why of new Set(accepted.map((f) => f.why))) {
				const these = accepted.filter((f) => f.why === why);
				console.log(`  ${these[0].rule}: ${why}\n      ${these.map(where).join(', ')}`);
			}
		}
		if (toFix.length) {
			console.log(`\nTo fix (${toFix.length}):`);
			for (const f of toFix) console.log(`  ${where(f)}  ${f.rule}\n      ${f.message}`);
		}
		console.log(
			`\nscan: ${source.files} source and ${tarball.files} tarball files, ${toFix.length} to fix, ${accepted.length} kept on purpose (${Math.round((Date.now() - started) / 1000)} s)`,
		);
		process.exitCode = toFix.length ? 1 : 0;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error) => {
		console.error(`[scan] ${error.stack ?? error.message}`);
		process.exit(2);
	});
}
