/**
 * Versioned migrations, applied in order at start and recorded in schema_migrations.
 * Kept as TypeScript strings (not .sql files) so the same list works in the server bundle, vitest and scripts.
 * Write portable SQL (SQLite and PostgreSQL): TEXT, INTEGER, no AUTOINCREMENT quirks in new tables' semantics.
 */
export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const MIGRATIONS: Migration[] = [
	{
		version: 1,
		name: 'initial',
		sql: `
CREATE TABLE communes (
	code TEXT PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	data TEXT NOT NULL
);
CREATE TABLE quartiers (
	code TEXT PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	commune_code TEXT NOT NULL REFERENCES communes(code),
	data TEXT NOT NULL
);
CREATE TABLE qpv (
	slug TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	data TEXT NOT NULL
);
CREATE TABLE thematiques (
	code TEXT PRIMARY KEY,
	label TEXT NOT NULL,
	data TEXT NOT NULL
);
-- One table for the three public record kinds: the document is validated by zod before every write,
-- the columns beside it exist for lookups and indexes.
CREATE TABLE records (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('organisation', 'initiative', 'funding-tool')),
	slug TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('published', 'draft', 'archived')),
	name TEXT NOT NULL,
	commune_code TEXT,
	quartier_code TEXT,
	last_verified TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	data TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (kind, slug)
);
CREATE INDEX records_kind_status ON records (kind, status);
CREATE INDEX records_quartier ON records (quartier_code);
CREATE INDEX records_commune ON records (commune_code);
CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
`
	}
];
