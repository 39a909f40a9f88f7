import { describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { all, get, perform, run, transaction, type Query } from './query';
import { sqliteClient } from './sql';

function* setUp(): Query<void> {
	yield* run('CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
}

/** Writes two rows, the second breaking the key: neither may stay. */
function* twoRowsOneBad(): Query<void> {
	yield* transaction(function* () {
		yield* run('INSERT INTO t (k, v) VALUES (?, ?)', ['a', 1]);
		yield* run('INSERT INTO t (k, v) VALUES (?, ?)', ['a', 2]);
	});
}

/** A refused statement the function itself handles, then goes on. */
function* recovers(): Query<number> {
	yield* run('INSERT INTO t (k, v) VALUES (?, ?)', ['b', 1]);
	try {
		yield* run('INSERT INTO t (k, v) VALUES (?, ?)', ['b', 2]);
	} catch {
		yield* run('UPDATE t SET v = v + 10 WHERE k = ?', ['b']);
	}
	return (yield* get<{ v: number }>('SELECT v FROM t WHERE k = ?', ['b']))!.v;
}

describe('store functions written once, run on either connection', () => {
	for (const engine of ['synchronous', 'asynchronous'] as const) {
		const open = () => {
			const db = openDatabase(':memory:');
			return engine === 'synchronous' ? db : sqliteClient(db, { owned: true });
		};

		it(`undoes a whole transaction when a statement in it fails (${engine})`, async () => {
			const conn = open();
			await perform(conn, setUp());
			let failed = false;
			try {
				await perform(conn, twoRowsOneBad());
			} catch {
				failed = true;
			}
			expect(failed).toBe(true);
			expect(await perform(conn, all('SELECT * FROM t'))).toEqual([]);
		});

		it(`hands a failed statement back to the function, which may go on (${engine})`, async () => {
			const conn = open();
			await perform(conn, setUp());
			expect(await perform(conn, recovers())).toBe(11);
		});
	}

	it('answers at once on the synchronous connection and with a promise on the client', () => {
		const db = openDatabase(':memory:');
		expect(perform(db, get<{ n: number }>('SELECT 1 AS n'))).toEqual({ n: 1 });
		expect(perform(sqliteClient(db), get('SELECT 1 AS n'))).toBeInstanceOf(Promise);
	});
});
