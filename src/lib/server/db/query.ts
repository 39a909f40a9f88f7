/**
 * Statements written once and run on either connection the store has while it moves to the asynchronous
 * client: the synchronous better-sqlite3 connection (`Db`), which answers at once, or the `SqlClient` both
 * engines share, which answers with promises.
 *
 * A function of the store written as a generator yields each statement it wants run (`get`, `all`, `run`,
 * `transaction`) and receives its answer; `perform` drives it on whichever connection it is given and returns
 * a plain value for a `Db`, a promise for a `SqlClient`. So a module can take a `SqlClient` while the modules
 * that call it still hold the synchronous connection, without its SQL being written twice. Once no caller
 * passes a `Db` any more, the synchronous half goes.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';
import { sqliteParams, type RunResult, type SqlClient, type TransactionOptions } from './sql';

export type Conn = Db | SqlClient;
/** What a store function returns on `C`: the value itself on the synchronous connection, else a promise. */
export type Out<C extends Conn, T> = C extends SqlClient ? Promise<T> : T;

type Step =
	| { op: 'get' | 'all' | 'run'; sql: string; params: readonly unknown[] }
	| { op: 'transaction'; body: () => Query<unknown>; opts?: TransactionOptions };

/** A store function's statements, yielded one by one; `T` is what it returns. */
export type Query<T> = Generator<Step, T, unknown>;

export function* get<T>(sql: string, params: readonly unknown[] = []): Query<T | undefined> {
	return (yield { op: 'get', sql, params }) as T | undefined;
}
export function* all<T>(sql: string, params: readonly unknown[] = []): Query<T[]> {
	return (yield { op: 'all', sql, params }) as T[];
}
export function* run(sql: string, params: readonly unknown[] = []): Query<RunResult> {
	return (yield { op: 'run', sql, params }) as RunResult;
}
/**
 * `body`'s statements in one transaction (a savepoint inside another): all of them or none. `readOnly`:
 * reads that must see one state of the store (see SqlClient's `transaction`).
 */
export function* transaction<T>(body: () => Query<T>, opts?: TransactionOptions): Query<T> {
	return (yield { op: 'transaction', body, opts }) as T;
}

export function isSqlClient(conn: Conn): conn is SqlClient {
	return 'dialect' in conn;
}

/** Runs `query` on `conn`: at once on the synchronous connection, through the client's promises otherwise. */
export function perform<C extends Conn, T>(conn: C, query: Query<T>): Out<C, T> {
	return (isSqlClient(conn) ? performAsync(conn, query) : performSync(conn as Db, query)) as Out<C, T>;
}

/**
 * Prepared statements kept per connection and text: a bulk insert runs the same two statements for every
 * record (250,000 synthetic ones at national scale), and preparing is most of a small statement's cost.
 */
const prepared = new WeakMap<Db, Map<string, Statement>>();
const PREPARED_MAX = 200;

function statement(db: Db, sql: string): Statement {
	let cache = prepared.get(db);
	if (!cache) prepared.set(db, (cache = new Map()));
	let stmt = cache.get(sql);
	if (!stmt) {
		if (cache.size >= PREPARED_MAX) cache.clear();
		stmt = db.prepare(sql);
		cache.set(sql, stmt);
	}
	return stmt;
}

function performSync<T>(db: Db, query: Query<T>): T {
	let next = query.next();
	while (!next.done) {
		let answer: unknown;
		try {
			answer = stepSync(db, next.value);
		} catch (e) {
			next = query.throw(e);
			continue;
		}
		next = query.next(answer);
	}
	return next.value;
}

function stepSync(db: Db, step: Step): unknown {
	if (step.op === 'transaction') {
		const tx = db.transaction(() => performSync(db, step.body()));
		// A write transaction takes the write lock at its start, as the asynchronous client's does; a read
		// one is deferred (a read-only connection cannot take the lock).
		if (db.inTransaction || step.opts?.readOnly) return tx();
		return tx.immediate();
	}
	const stmt = statement(db, step.sql);
	const params = sqliteParams(step.params);
	if (step.op === 'get') return stmt.get(...params);
	if (step.op === 'all') return stmt.all(...params);
	return { changes: stmt.run(...params).changes };
}

async function performAsync<T>(sql: SqlClient, query: Query<T>): Promise<T> {
	let next = query.next();
	while (!next.done) {
		let answer: unknown;
		try {
			answer = await stepAsync(sql, next.value);
		} catch (e) {
			next = query.throw(e);
			continue;
		}
		next = query.next(answer);
	}
	return next.value;
}

function stepAsync(sql: SqlClient, step: Step): Promise<unknown> {
	if (step.op === 'transaction') return sql.transaction((tx) => performAsync(tx, step.body()), step.opts);
	if (step.op === 'get') return sql.get(step.sql, step.params);
	if (step.op === 'all') return sql.all(step.sql, step.params);
	return sql.run(step.sql, step.params);
}
