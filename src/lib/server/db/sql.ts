/**
 * One asynchronous way to talk to either store: the embedded SQLite file (better-sqlite3) or a PostgreSQL
 * server (`pg`). Statements are written once, in the SQL both engines share (the migrations already are:
 * every one of them applies unchanged on PostgreSQL 15), with `?` placeholders; the PostgreSQL client
 * numbers them (`$1`, `$2`…). A statement that cannot be written once picks its text by `dialect`.
 *
 * Why not a query builder: the store's statements are plain, portable SQL already, and both engines run the
 * same suites, which is what keeps the two dialects honest; rewriting them in a builder's vocabulary would
 * change every statement for no behaviour gained.
 *
 * Transactions hold the whole connection. SQLite has one connection per process and better-sqlite3 answers
 * synchronously, so while an asynchronous transaction waits between two statements, any other statement
 * would land inside it: the SQLite client queues statements and transactions behind the open transaction.
 * PostgreSQL gives each transaction a connection of its own from the pool.
 *
 * While the store moves over, the synchronous modules still share SQLite's connection. They cannot run
 * inside an asynchronous transaction as long as its work awaits nothing but this client: the client answers
 * SQLite at once, so the whole transaction runs in one turn of the event loop and no other request's code
 * gets in. Work that awaits real input or output (a password hash, a network call) belongs outside the
 * transaction.
 */
import type Database from 'better-sqlite3';
import pg from 'pg';

export type Dialect = 'sqlite' | 'postgres';

export interface RunResult {
	/** Rows inserted, updated or deleted. */
	changes: number;
}

export interface TransactionOptions {
	readOnly?: boolean;
}

/** Where another thread can open the same store (the read model's rebuild worker). */
export type StoreSource = { sqlite: string } | { postgres: string };

export interface SqlClient {
	readonly dialect: Dialect;
	/** The store's location for another connection; undefined for one only this connection sees (`:memory:`). */
	readonly source?: StoreSource;
	/** Every row the statement returns. */
	all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
	/** The first row, or undefined. */
	get<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
	run(sql: string, params?: readonly unknown[]): Promise<RunResult>;
	/** Several statements without parameters (a migration). */
	exec(sql: string): Promise<void>;
	/**
	 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws (the error is
	 * thrown again). Inside, use the client it is given, never the outer one. `readOnly`: reads that must
	 * all see one state of the store (PostgreSQL's repeatable read; on SQLite a deferred transaction, whose
	 * first read fixes its snapshot, and which a read-only connection may open).
	 */
	transaction<T>(work: (tx: SqlClient) => Promise<T>, opts?: TransactionOptions): Promise<T>;
	close(): Promise<void>;
}

/**
 * `?` -> `$1`, `$2`… outside string literals, quoted identifiers and comments, for PostgreSQL. A literal `?`
 * inside quotes stays as written.
 */
export function numberPlaceholders(sql: string): string {
	let out = '';
	let n = 0;
	for (let i = 0; i < sql.length; i++) {
		const c = sql[i];
		if (c === "'" || c === '"') {
			const end = closingQuote(sql, i, c);
			out += sql.slice(i, end + 1);
			i = end;
		} else if (c === '-' && sql[i + 1] === '-') {
			const end = sql.indexOf('\n', i);
			const stop = end === -1 ? sql.length : end;
			out += sql.slice(i, stop);
			i = stop - 1;
		} else if (c === '/' && sql[i + 1] === '*') {
			const end = sql.indexOf('*/', i + 2);
			const stop = end === -1 ? sql.length : end + 2;
			out += sql.slice(i, stop);
			i = stop - 1;
		} else if (c === '?') out += `$${++n}`;
		else out += c;
	}
	return out;
}

/** The index of the quote closing the one at `start` (a doubled quote is an escaped one). */
function closingQuote(sql: string, start: number, quote: string): number {
	let i = start + 1;
	while (i < sql.length) {
		if (sql[i] === quote) {
			if (sql[i + 1] === quote) i += 2;
			else return i;
		} else i++;
	}
	return sql.length - 1;
}

/** A queue of one: each task starts when the previous one has settled. */
class Lock {
	private tail: Promise<unknown> = Promise.resolve();
	private held = 0;
	get busy(): boolean {
		return this.held > 0;
	}
	run<T>(task: () => Promise<T>): Promise<T> {
		this.held++;
		const result = this.tail.then(task);
		this.tail = result.then(
			() => this.held--,
			() => this.held--
		);
		return result;
	}
}

/** better-sqlite3 takes booleans as nothing; SQLite stores them as 0 and 1, as the schema's INTEGER columns. */
export function sqliteParams(params: readonly unknown[]): unknown[] {
	return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/** One client per connection: two clients would each keep their own queue, and let statements in. */
const clients = new WeakMap<Database.Database, SqlClient>();

/**
 * The asynchronous client over an open better-sqlite3 connection (which it does not close unless told it
 * owns it). Asking again for the same connection gives the same client.
 */
export function sqliteClient(db: Database.Database, opts: { owned?: boolean } = {}): SqlClient {
	let client = clients.get(db);
	if (!client) {
		client = newSqliteClient(db, opts);
		clients.set(db, client);
	}
	return client;
}

function newSqliteClient(db: Database.Database, opts: { owned?: boolean }): SqlClient {
	const lock = new Lock();
	const direct = (inTransaction: boolean): SqlClient => {
		/** Outside a transaction, a statement waits for an open transaction to end; inside, it runs. */
		const guard = <T>(work: () => T): Promise<T> => {
			if (!inTransaction && lock.busy) return lock.run(async () => work());
			try {
				return Promise.resolve(work());
			} catch (e) {
				return Promise.reject(e as Error);
			}
		};
		const client: SqlClient = {
			dialect: 'sqlite',
			source: db.memory ? undefined : { sqlite: db.name },
			all: <T>(sql: string, params: readonly unknown[] = []) =>
				guard(() => db.prepare(sql).all(...sqliteParams(params)) as T[]),
			get: <T>(sql: string, params: readonly unknown[] = []) =>
				guard(() => db.prepare(sql).get(...sqliteParams(params)) as T | undefined),
			run: (sql, params = []) =>
				guard(() => ({ changes: db.prepare(sql).run(...sqliteParams(params)).changes })),
			exec: (sql) => guard(() => void db.exec(sql)),
			transaction: <T>(work: (tx: SqlClient) => Promise<T>, opts?: TransactionOptions): Promise<T> => {
				if (inTransaction) return savepoint(work);
				return lock.run(async () => {
					db.exec(opts?.readOnly ? 'BEGIN' : 'BEGIN IMMEDIATE');
					try {
						const result = await work(direct(true));
						db.exec('COMMIT');
						return result;
					} catch (e) {
						if (db.inTransaction) db.exec('ROLLBACK');
						throw e;
					}
				});
			},
			close: async () => {
				if (opts.owned) db.close();
			}
		};
		let depth = 0;
		/** A transaction inside a transaction: a savepoint, undone alone when its work throws. */
		async function savepoint<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
			const name = `sp${++depth}`;
			db.exec(`SAVEPOINT ${name}`);
			try {
				const result = await work(client);
				db.exec(`RELEASE ${name}`);
				return result;
			} catch (e) {
				// SQLite ends the whole transaction by itself on some errors (a full disk): nothing left to undo,
				// and the error to report is the one that ended it.
				if (db.inTransaction) {
					db.exec(`ROLLBACK TO ${name}`);
					db.exec(`RELEASE ${name}`);
				}
				throw e;
			} finally {
				depth--;
			}
		}
		return client;
	};
	return direct(false);
}

/**
 * `COUNT(*)` and BIGINT come back from PostgreSQL as strings (they may exceed 2^53); the store's counts and
 * versions never do, and SQLite gives numbers: read them as numbers, so both engines answer alike.
 */
const INT8 = 20;
const NUMERIC = 1700;
const types = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
		return pg.types.getTypeParser(oid, format);
	}
} as pg.CustomTypesConfig;

type Queryable = pg.Pool | pg.PoolClient;

function postgresOn(target: Queryable, inTransaction: boolean, pool: pg.Pool, url: string): SqlClient {
	const query = async (sql: string, params: readonly unknown[] = []) =>
		target.query({ text: numberPlaceholders(sql), values: params as unknown[], types });
	let depth = 0;
	const client: SqlClient = {
		dialect: 'postgres',
		source: { postgres: url },
		all: async <T>(sql: string, params?: readonly unknown[]) => (await query(sql, params)).rows as T[],
		get: async <T>(sql: string, params?: readonly unknown[]) =>
			(await query(sql, params)).rows[0] as T | undefined,
		run: async (sql, params) => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
		exec: async (sql) => {
			// The simple query protocol runs several statements in one round trip (no parameters).
			await target.query(sql);
		},
		transaction: async <T>(work: (tx: SqlClient) => Promise<T>, opts?: TransactionOptions): Promise<T> => {
			if (inTransaction) {
				const name = `sp${++depth}`;
				await target.query(`SAVEPOINT ${name}`);
				try {
					const result = await work(client);
					await target.query(`RELEASE SAVEPOINT ${name}`);
					return result;
				} catch (e) {
					await target.query(`ROLLBACK TO SAVEPOINT ${name}`);
					throw e;
				} finally {
					depth--;
				}
			}
			const conn = await pool.connect();
			let broken: unknown;
			try {
				await conn.query(opts?.readOnly ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
				const result = await work(postgresOn(conn, true, pool, url));
				await conn.query('COMMIT');
				return result;
			} catch (e) {
				try {
					await conn.query('ROLLBACK');
				} catch (rollbackError) {
					// A connection that cannot roll back is not given back to the pool.
					broken = rollbackError;
				}
				throw e;
			} finally {
				conn.release(broken instanceof Error ? broken : undefined);
			}
		},
		close: async () => {
			if (!inTransaction) await pool.end();
		}
	};
	return client;
}

/** A pool of connections to `url` (`postgres://user:password@host:port/database`). */
export function postgresClient(url: string, opts: { max?: number } = {}): SqlClient {
	const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
	// An idle connection the server closes (a restart, a failover) must not bring the process down.
	pool.on('error', (e) => console.error(`PostgreSQL : connexion perdue : ${e.message}`));
	return postgresOn(pool, false, pool, url);
}

/** Whether a connection string names PostgreSQL. */
export function isPostgresUrl(url: string | undefined): url is string {
	return !!url && /^postgres(ql)?:\/\//.test(url);
}
