/**
 * Versioned migrations, applied in order at start and recorded in schema_migrations.
 * Kept as TypeScript strings (not .sql files) so the same list works in the server bundle, vitest and scripts.
 * Write portable SQL (SQLite and PostgreSQL): TEXT, INTEGER, no AUTOINCREMENT quirks in new tables' semantics.
 */
export interface Migration {
	version: number;
	name: string;
	sql: string;
	/**
	 * PostgreSQL's text when it must differ from `sql` (SQLite's rowid tables have no counterpart there).
	 * Absent: the same text runs on both; every migration up to 11 does, unchanged.
	 */
	postgres?: string;
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
	},
	{
		version: 2,
		name: 'boundaries-proposals-accounts-history',
		sql: `
-- Official boundaries loaded by npm run geo:import (communes, quartiers, QPV). Geometry is GeoJSON text.
CREATE TABLE boundaries (
	kind TEXT NOT NULL CHECK (kind IN ('commune', 'quartier', 'qpv')),
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	geometry TEXT NOT NULL,
	source TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	PRIMARY KEY (kind, code)
);
-- Public proposals (new records and change requests) waiting for a maintainer.
CREATE TABLE proposals (
	id TEXT PRIMARY KEY,
	type TEXT NOT NULL CHECK (type IN ('new-organisation', 'new-initiative', 'change')),
	target_id TEXT,
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
	payload TEXT NOT NULL,
	message TEXT,
	submitter_email TEXT,
	client_hash TEXT,
	created_at TEXT NOT NULL,
	decided_by TEXT,
	decided_at TEXT,
	decision_reason TEXT
);
CREATE INDEX proposals_status ON proposals (status, created_at);
CREATE TABLE users (
	id TEXT PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	password_hash TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
	disabled INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);
-- Sessions are looked up by the SHA-256 of the cookie token, never by the token itself.
CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
-- Every version of every record: who, when, what. The field-level diff is computed between versions.
CREATE TABLE record_history (
	record_id TEXT NOT NULL,
	version INTEGER NOT NULL,
	data TEXT NOT NULL,
	action TEXT NOT NULL,
	changed_by TEXT,
	changed_at TEXT NOT NULL,
	note TEXT,
	PRIMARY KEY (record_id, version)
);
`
	},
	{
		version: 3,
		name: 'maintainers-workspace',
		sql: `
-- Imports run in steps (upload, mapping, dry run, apply): the uploaded text and the step reached are kept so a
-- maintainer can come back to the dry run, and so the apply re-reads exactly what the dry run showed.
CREATE TABLE import_jobs (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('organisation', 'initiative', 'funding-tool')),
	format TEXT NOT NULL CHECK (format IN ('csv', 'geojson')),
	file_name TEXT NOT NULL,
	source TEXT NOT NULL,
	encoding TEXT NOT NULL,
	delimiter TEXT,
	mapping TEXT,
	status TEXT NOT NULL CHECK (status IN ('uploaded', 'planning', 'planned', 'applying', 'applied', 'failed')),
	plan TEXT,
	summary TEXT,
	error TEXT,
	data_version INTEGER,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX import_jobs_created ON import_jobs (created_at);
-- Pairs a maintainer marked "not a duplicate", so the list of potential duplicates does not nag forever.
-- The pair is stored in a fixed order (a_id < b_id).
CREATE TABLE duplicate_dismissals (
	a_id TEXT NOT NULL,
	b_id TEXT NOT NULL,
	dismissed_by TEXT NOT NULL,
	dismissed_at TEXT NOT NULL,
	PRIMARY KEY (a_id, b_id)
);
CREATE INDEX record_history_changed ON record_history (changed_at);
`
	},
	{
		version: 4,
		name: 'form-slots',
		sql: `
-- The public forms' rate limits (proposals, contact messages) count slots, not stored posts: a slot is taken
-- in the same statement that checks the limit, before anything is awaited (the geocoder), so parallel posts
-- from one client cannot all pass the check. A slot is given back when its post is refused. Only the salted
-- client hash is kept, and for a day at most.
CREATE TABLE form_slots (
	id INTEGER PRIMARY KEY,
	form TEXT NOT NULL CHECK (form IN ('proposal', 'contact')),
	client_hash TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX form_slots_client ON form_slots (form, client_hash, created_at);
INSERT INTO form_slots (form, client_hash, created_at)
	SELECT 'proposal', client_hash, created_at FROM proposals WHERE client_hash IS NOT NULL;
`
	},
	{
		version: 5,
		name: 'contact-messages-and-mail-outbox',
		sql: `
-- Messages visitors write to a record's people. route: 'email' (relayed to a published address, through the
-- outbox) or 'workspace' (waits for the team). Erased six months after being relayed or handled.
CREATE TABLE contact_messages (
	id TEXT PRIMARY KEY,
	record_id TEXT NOT NULL,
	record_kind TEXT NOT NULL CHECK (record_kind IN ('organisation', 'initiative', 'funding-tool')),
	record_name TEXT NOT NULL,
	sender_name TEXT NOT NULL,
	sender_email TEXT NOT NULL,
	body TEXT NOT NULL,
	route TEXT NOT NULL CHECK (route IN ('email', 'workspace')),
	-- Why it waits in the workspace: no-address, several-addresses, mail-off.
	reason TEXT,
	recipient_id TEXT,
	recipient_name TEXT,
	recipient_email TEXT,
	via TEXT CHECK (via IN ('record', 'carrier', 'provider')),
	status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'handled')),
	client_hash TEXT,
	created_at TEXT NOT NULL,
	relayed_at TEXT,
	handled_at TEXT,
	handled_by TEXT
);
CREATE INDEX contact_messages_status ON contact_messages (status, created_at);
CREATE INDEX contact_messages_client ON contact_messages (client_hash, created_at);
-- E-mails to send, written in the same transaction as what they announce and sent after the request, with
-- retries: a slow or failing SMTP server never blocks a request or loses a mail. ref_id is the contact
-- message or the proposal; the mail is composed when sent, from what the store holds then.
CREATE TABLE mail_outbox (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('contact', 'decision')),
	ref_id TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT NOT NULL,
	last_error TEXT,
	created_at TEXT NOT NULL,
	sent_at TEXT,
	UNIQUE (kind, ref_id)
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
`
	},
	{
		version: 6,
		name: 'proposal-record',
		sql: `
-- The record an approved proposal created or updated. Moderation used to derive it again from the proposal,
-- which after the approval gave the next free id (\`name-2\`) instead of the record just created.
ALTER TABLE proposals ADD COLUMN record_id TEXT;
-- Proposals approved before this column: the history entry of the approval names them in its note.
UPDATE proposals SET record_id = COALESCE(
	target_id,
	(SELECT h.record_id FROM record_history h
	 WHERE h.action = 'proposal' AND h.note LIKE 'proposition ' || proposals.id || ' approuvée%'
	 ORDER BY h.version LIMIT 1)
) WHERE status = 'approved';
`
	},
	{
		version: 7,
		name: 'import-spreadsheets-options-mappings',
		sql: `
-- Imports read Excel workbooks too (kept as the table read from their first sheet, in JSON), and keep the
-- maintainer's choices besides the mapping: per-field update policies, values for the whole file, the
-- publication the file comes from. SQLite cannot change a CHECK constraint in place: the table is rebuilt.
CREATE TABLE import_jobs_v7 (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('organisation', 'initiative', 'funding-tool')),
	format TEXT NOT NULL CHECK (format IN ('csv', 'geojson', 'xlsx')),
	file_name TEXT NOT NULL,
	source TEXT NOT NULL,
	encoding TEXT NOT NULL,
	delimiter TEXT,
	mapping TEXT,
	options TEXT,
	status TEXT NOT NULL CHECK (status IN ('uploaded', 'planning', 'planned', 'applying', 'applied', 'failed')),
	plan TEXT,
	summary TEXT,
	error TEXT,
	data_version INTEGER,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
INSERT INTO import_jobs_v7 (id, kind, format, file_name, source, encoding, delimiter, mapping, status, plan, summary, error, data_version, created_by, created_at, updated_at)
	SELECT id, kind, format, file_name, source, encoding, delimiter, mapping, status, plan, summary, error, data_version, created_by, created_at, updated_at FROM import_jobs;
DROP TABLE import_jobs;
ALTER TABLE import_jobs_v7 RENAME TO import_jobs;
CREATE INDEX import_jobs_created ON import_jobs (created_at);
-- The column mapping a maintainer confirmed, per kind of record and column name (folded: no accents, no
-- case, no plural), proposed again at the next import of a file with that column.
CREATE TABLE import_mappings (
	kind TEXT NOT NULL CHECK (kind IN ('organisation', 'initiative', 'funding-tool')),
	header TEXT NOT NULL,
	target TEXT NOT NULL,
	policy TEXT,
	updated_by TEXT,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (kind, header)
);
`
	},
	{
		version: 8,
		name: 'places',
		sql: `
-- Places to work, meet and try (kind 'place'), proposed by visitors ('new-place'). SQLite cannot change a
-- CHECK constraint in place: the tables that name the kinds are rebuilt with the same columns and indexes.
CREATE TABLE records_v8 (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('organisation', 'initiative', 'funding-tool', 'place')),
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
INSERT INTO records_v8 SELECT id, kind, slug, status, name, commune_code, quartier_code, last_verified, version, data, created_at, updated_at FROM records;
DROP TABLE records;
ALTER TABLE records_v8 RENAME TO records;
CREATE INDEX records_kind_status ON records (kind, status);
CREATE INDEX records_quartier ON records (quartier_code);
CREATE INDEX records_commune ON records (commune_code);
CREATE TABLE proposals_v8 (
	id TEXT PRIMARY KEY,
	type TEXT NOT NULL CHECK (type IN ('new-organisation', 'new-initiative', 'new-place', 'change')),
	target_id TEXT,
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
	payload TEXT NOT NULL,
	message TEXT,
	submitter_email TEXT,
	client_hash TEXT,
	created_at TEXT NOT NULL,
	decided_by TEXT,
	decided_at TEXT,
	decision_reason TEXT,
	record_id TEXT
);
INSERT INTO proposals_v8 SELECT id, type, target_id, status, payload, message, submitter_email, client_hash, created_at, decided_by, decided_at, decision_reason, record_id FROM proposals;
DROP TABLE proposals;
ALTER TABLE proposals_v8 RENAME TO proposals;
CREATE INDEX proposals_status ON proposals (status, created_at);
CREATE TABLE import_jobs_v8 (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('organisation', 'initiative', 'funding-tool', 'place')),
	format TEXT NOT NULL CHECK (format IN ('csv', 'geojson', 'xlsx')),
	file_name TEXT NOT NULL,
	source TEXT NOT NULL,
	encoding TEXT NOT NULL,
	delimiter TEXT,
	mapping TEXT,
	options TEXT,
	status TEXT NOT NULL CHECK (status IN ('uploaded', 'planning', 'planned', 'applying', 'applied', 'failed')),
	plan TEXT,
	summary TEXT,
	error TEXT,
	data_version INTEGER,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
INSERT INTO import_jobs_v8 SELECT id, kind, format, file_name, source, encoding, delimiter, mapping, options, status, plan, summary, error, data_version, created_by, created_at, updated_at FROM import_jobs;
DROP TABLE import_jobs;
ALTER TABLE import_jobs_v8 RENAME TO import_jobs;
CREATE INDEX import_jobs_created ON import_jobs (created_at);
CREATE TABLE import_mappings_v8 (
	kind TEXT NOT NULL CHECK (kind IN ('organisation', 'initiative', 'funding-tool', 'place')),
	header TEXT NOT NULL,
	target TEXT NOT NULL,
	policy TEXT,
	updated_by TEXT,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (kind, header)
);
INSERT INTO import_mappings_v8 SELECT kind, header, target, policy, updated_by, updated_at FROM import_mappings;
DROP TABLE import_mappings;
ALTER TABLE import_mappings_v8 RENAME TO import_mappings;
CREATE TABLE contact_messages_v8 (
	id TEXT PRIMARY KEY,
	record_id TEXT NOT NULL,
	record_kind TEXT NOT NULL CHECK (record_kind IN ('organisation', 'initiative', 'funding-tool', 'place')),
	record_name TEXT NOT NULL,
	sender_name TEXT NOT NULL,
	sender_email TEXT NOT NULL,
	body TEXT NOT NULL,
	route TEXT NOT NULL CHECK (route IN ('email', 'workspace')),
	reason TEXT,
	recipient_id TEXT,
	recipient_name TEXT,
	recipient_email TEXT,
	via TEXT CHECK (via IN ('record', 'carrier', 'provider')),
	status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'handled')),
	client_hash TEXT,
	created_at TEXT NOT NULL,
	relayed_at TEXT,
	handled_at TEXT,
	handled_by TEXT
);
INSERT INTO contact_messages_v8 SELECT id, record_id, record_kind, record_name, sender_name, sender_email, body, route, reason, recipient_id, recipient_name, recipient_email, via, status, client_hash, created_at, relayed_at, handled_at, handled_by FROM contact_messages;
DROP TABLE contact_messages;
ALTER TABLE contact_messages_v8 RENAME TO contact_messages;
CREATE INDEX contact_messages_status ON contact_messages (status, created_at);
CREATE INDEX contact_messages_client ON contact_messages (client_hash, created_at);
`
	},
	{
		version: 9,
		name: 'events',
		sql: `
-- Events (kind 'event'), proposed by visitors ('new-event'). SQLite cannot change a CHECK constraint in
-- place: the tables that name the kinds are rebuilt with the same columns and indexes, as in version 8.
CREATE TABLE records_v9 (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('organisation', 'initiative', 'funding-tool', 'place', 'event')),
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
INSERT INTO records_v9 SELECT id, kind, slug, status, name, commune_code, quartier_code, last_verified, version, data, created_at, updated_at FROM records;
DROP TABLE records;
ALTER TABLE records_v9 RENAME TO records;
CREATE INDEX records_kind_status ON records (kind, status);
CREATE INDEX records_quartier ON records (quartier_code);
CREATE INDEX records_commune ON records (commune_code);
CREATE TABLE proposals_v9 (
	id TEXT PRIMARY KEY,
	type TEXT NOT NULL CHECK (type IN ('new-organisation', 'new-initiative', 'new-place', 'new-event', 'change')),
	target_id TEXT,
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
	payload TEXT NOT NULL,
	message TEXT,
	submitter_email TEXT,
	client_hash TEXT,
	created_at TEXT NOT NULL,
	decided_by TEXT,
	decided_at TEXT,
	decision_reason TEXT,
	record_id TEXT
);
INSERT INTO proposals_v9 SELECT id, type, target_id, status, payload, message, submitter_email, client_hash, created_at, decided_by, decided_at, decision_reason, record_id FROM proposals;
DROP TABLE proposals;
ALTER TABLE proposals_v9 RENAME TO proposals;
CREATE INDEX proposals_status ON proposals (status, created_at);
CREATE TABLE import_jobs_v9 (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('organisation', 'initiative', 'funding-tool', 'place', 'event')),
	format TEXT NOT NULL CHECK (format IN ('csv', 'geojson', 'xlsx')),
	file_name TEXT NOT NULL,
	source TEXT NOT NULL,
	encoding TEXT NOT NULL,
	delimiter TEXT,
	mapping TEXT,
	options TEXT,
	status TEXT NOT NULL CHECK (status IN ('uploaded', 'planning', 'planned', 'applying', 'applied', 'failed')),
	plan TEXT,
	summary TEXT,
	error TEXT,
	data_version INTEGER,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
INSERT INTO import_jobs_v9 SELECT id, kind, format, file_name, source, encoding, delimiter, mapping, options, status, plan, summary, error, data_version, created_by, created_at, updated_at FROM import_jobs;
DROP TABLE import_jobs;
ALTER TABLE import_jobs_v9 RENAME TO import_jobs;
CREATE INDEX import_jobs_created ON import_jobs (created_at);
CREATE TABLE import_mappings_v9 (
	kind TEXT NOT NULL CHECK (kind IN ('organisation', 'initiative', 'funding-tool', 'place', 'event')),
	header TEXT NOT NULL,
	target TEXT NOT NULL,
	policy TEXT,
	updated_by TEXT,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (kind, header)
);
INSERT INTO import_mappings_v9 SELECT kind, header, target, policy, updated_by, updated_at FROM import_mappings;
DROP TABLE import_mappings;
ALTER TABLE import_mappings_v9 RENAME TO import_mappings;
CREATE TABLE contact_messages_v9 (
	id TEXT PRIMARY KEY,
	record_id TEXT NOT NULL,
	record_kind TEXT NOT NULL CHECK (record_kind IN ('organisation', 'initiative', 'funding-tool', 'place', 'event')),
	record_name TEXT NOT NULL,
	sender_name TEXT NOT NULL,
	sender_email TEXT NOT NULL,
	body TEXT NOT NULL,
	route TEXT NOT NULL CHECK (route IN ('email', 'workspace')),
	reason TEXT,
	recipient_id TEXT,
	recipient_name TEXT,
	recipient_email TEXT,
	via TEXT CHECK (via IN ('record', 'carrier', 'provider')),
	status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'handled')),
	client_hash TEXT,
	created_at TEXT NOT NULL,
	relayed_at TEXT,
	handled_at TEXT,
	handled_by TEXT
);
INSERT INTO contact_messages_v9 SELECT id, record_id, record_kind, record_name, sender_name, sender_email, body, route, reason, recipient_id, recipient_name, recipient_email, via, status, client_hash, created_at, relayed_at, handled_at, handled_by FROM contact_messages;
DROP TABLE contact_messages;
ALTER TABLE contact_messages_v9 RENAME TO contact_messages;
CREATE INDEX contact_messages_status ON contact_messages (status, created_at);
CREATE INDEX contact_messages_client ON contact_messages (client_hash, created_at);
`
	},
	{
		version: 10,
		name: 'premises-offers',
		sql: `
-- Premises offered to ESS activities: time-limited offers attached to a place, proposed by visitors and
-- published by a maintainer. An offer past its end date is no longer shown but stays here (its history);
-- the offer itself is a JSON document validated by zod (src/lib/domain/places/premises.ts) before every write.
CREATE TABLE premises_offers (
	id TEXT PRIMARY KEY,
	place_id TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
	data TEXT NOT NULL,
	available_from TEXT NOT NULL,
	available_until TEXT NOT NULL,
	created_at TEXT NOT NULL,
	decided_by TEXT,
	decided_at TEXT,
	decision_reason TEXT
);
CREATE INDEX premises_offers_place ON premises_offers (place_id, status, available_until);
CREATE INDEX premises_offers_status ON premises_offers (status, created_at);
`
	},
	{
		version: 11,
		name: 'buyers-needs',
		sql: `
-- Buyers' needs published without an account (/acheter/besoins): moderated before they show, open until
-- their deadline, then archived. The buyer's private link holds a random token; only its sha256 is kept, so
-- the store alone cannot open a need's answers. data is the need as typed (validated by zod).
CREATE TABLE needs (
	id TEXT PRIMARY KEY,
	status TEXT NOT NULL CHECK (status IN ('pending', 'open', 'rejected', 'closed', 'archived')),
	activity TEXT NOT NULL,
	deadline TEXT NOT NULL,
	data TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	client_hash TEXT,
	created_at TEXT NOT NULL,
	moderated_at TEXT,
	moderated_by TEXT,
	moderation_note TEXT,
	closed_at TEXT
);
CREATE INDEX needs_status ON needs (status, deadline);
-- Suppliers' answers to an open need, followed by the buyer with a status.
CREATE TABLE need_interests (
	id TEXT PRIMARY KEY,
	need_id TEXT NOT NULL REFERENCES needs(id),
	data TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('nouvelle', 'vue', 'retenue', 'declinee')),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX need_interests_need ON need_interests (need_id, created_at);
-- The needs' forms get their own rate-limit buckets: sharing the proposals' and the contact form's let a
-- buyer's posts use up a visitor's allowance on another form. SQLite cannot widen a CHECK in place.
CREATE TABLE form_slots_v11 (
	id INTEGER PRIMARY KEY,
	form TEXT NOT NULL CHECK (form IN ('proposal', 'contact', 'need', 'need-interest')),
	client_hash TEXT NOT NULL,
	created_at TEXT NOT NULL
);
INSERT INTO form_slots_v11 (id, form, client_hash, created_at) SELECT id, form, client_hash, created_at FROM form_slots;
DROP TABLE form_slots;
ALTER TABLE form_slots_v11 RENAME TO form_slots;
CREATE INDEX form_slots_client ON form_slots (form, client_hash, created_at);
`
	},
	{
		version: 12,
		name: 'form-slots-identity',
		// In SQLite an INTEGER PRIMARY KEY is the rowid and numbers itself; in PostgreSQL it is a plain
		// column, so the slots' ids get an identity there, starting after the highest id copied in.
		sql: '',
		postgres: `
ALTER TABLE form_slots ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;
SELECT setval(pg_get_serial_sequence('form_slots', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM form_slots;
`
	},
	{
		version: 13,
		name: 'login-failures',
		// Failed logins were counted in the process's memory: a second instance, or a restart, started from
		// zero. Here every instance counts the same rows. Keys are salted hashes (the e-mail and the IP are
		// never stored); rows older than the window are deleted as attempts come. `account_key` is emptied by
		// a successful login, which clears the account's count but keeps the IP's.
		sql: `
CREATE TABLE login_failures (
	id TEXT PRIMARY KEY,
	account_key TEXT,
	ip_key TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX login_failures_ip ON login_failures (ip_key, at);
CREATE INDEX login_failures_account ON login_failures (account_key, at);
`
	},
	{
		version: 14,
		name: 'import-progress',
		// A running import's progress was kept in the process's memory: another instance polling the page
		// saw none. Its own table, so that writing progress never touches the job's row, which moves
		// between states under its own checks.
		sql: `
CREATE TABLE import_progress (
	job_id TEXT PRIMARY KEY REFERENCES import_jobs(id) ON DELETE CASCADE,
	phase TEXT NOT NULL CHECK (phase IN ('planning', 'checking', 'writing')),
	done INTEGER NOT NULL,
	total INTEGER NOT NULL,
	updated_at TEXT NOT NULL
);
`
	},
	{
		version: 15,
		name: 'writers-language',
		sql: `
-- The language of the page a proposal or a contact message was written from ('fr', 'de', 'en'), so that the
-- decision mail reaches a contributor in that language, and a structure receiving a message knows which
-- language its writer reads. NULL (rows written before) reads as French.
ALTER TABLE proposals ADD COLUMN locale TEXT CHECK (locale IN ('fr', 'de', 'en'));
ALTER TABLE contact_messages ADD COLUMN locale TEXT CHECK (locale IN ('fr', 'de', 'en'));
`
	}
];
