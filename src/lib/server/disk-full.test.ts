import { describe, expect, it } from 'vitest';
import { openDatabase } from './db/connection';
import { isDiskFull } from './disk-full';

/** A real SQLITE_FULL: a store capped at its current size, then one row too many. */
function sqliteFull(): unknown {
	const db = openDatabase(':memory:');
	try {
		db.exec('CREATE TABLE t (b BLOB)');
		db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
		db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024));
	} catch (e) {
		return e;
	} finally {
		db.close();
	}
	throw new Error('aucune erreur : la limite de pages n’a pas joué');
}

describe('isDiskFull', () => {
	it('recognises SQLite’s full store and the system’s full disk or quota, also as a cause', () => {
		const full = sqliteFull();
		expect((full as { code: string }).code).toBe('SQLITE_FULL');
		expect(isDiskFull(full)).toBe(true);
		const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
		expect(isDiskFull(enospc)).toBe(true);
		expect(isDiskFull(Object.assign(new Error('quota'), { code: 'EDQUOT' }))).toBe(true);
		expect(
			isDiskFull(new Error('import impossible', { cause: new Error('écriture', { cause: full }) }))
		).toBe(true);
	});

	it('leaves every other error alone', () => {
		const db = openDatabase(':memory:');
		let constraint: unknown;
		try {
			db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1)');
			db.exec('INSERT INTO t VALUES (1)');
		} catch (e) {
			constraint = e;
		} finally {
			db.close();
		}
		expect(isDiskFull(constraint)).toBe(false);
		expect(isDiskFull(new Error('database or disk is full'))).toBe(false);
		expect(isDiskFull(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(false);
		for (const v of [undefined, null, 'SQLITE_FULL', 42]) expect(isDiskFull(v)).toBe(false);
		const loop: { code?: string; cause?: unknown } = {};
		loop.cause = loop;
		expect(isDiskFull(loop)).toBe(false);
	});
});
