/**
 * `npm run import`: the workspace's import in one go, for operators and scripts. Same reading, mapping
 * (the remembered one, or a mapping file), checks, dry run and apply (one transaction, history entries
 * `import`) as /admin/import; what it would do or did is printed line by line, and the last line is one
 * JSON object with the counts of rows.
 */
import { z } from 'zod';
import { FIELDS } from '$lib/domain/fields';
import type { RecordKind } from '$lib/domain/records';
import { todayIso } from '$lib/domain/today';
import { describeRowError } from '$lib/io/import-messages';
import { checkOptions, importOptionsSchema } from '$lib/io/import-options';
import { checkMapping, headerKey } from '$lib/io/mapping';
import { planImportSteps, type ImportPlan } from '$lib/io/plan';
import { recordsByName } from '$lib/io/ref-names';
import { foldName } from '$lib/io/values';
import { listCommunes } from '../db/records';
import type { SqlClient } from '../db/sql';
import { isUniqueViolation, listUsers } from '../db/users';
import {
	applyPlan,
	fieldLabel,
	ImportFailure,
	planContext,
	proposedMapping,
	readUpload,
	refNames
} from './import-core';
import type { Actor } from './records';
import { isDiskFull } from '../disk-full';

/**
 * A mapping file: `columns` maps the file's column names to fields (a field path such as `communeCode` or
 * its French label, « Commune »; '' leaves the column out); columns it does not name get the mapping the
 * workspace would propose. `policies`, `values` and `source` are the options of the mapping step.
 */
export const mappingFileSchema = importOptionsSchema.extend({
	columns: z.record(z.string().max(200), z.string().max(200)).default({})
});
export type MappingFile = z.infer<typeof mappingFileSchema>;

export interface CommandInput {
	kind: RecordKind;
	fileName: string;
	bytes: Uint8Array;
	/** The parsed JSON of --mapping, when given. */
	mappingFile?: unknown;
	dryRun: boolean;
	skipErrors: boolean;
	/** --by: an account's e-mail or name, or any name for the history. */
	by?: string;
}

export interface CommandResult {
	file: string;
	kind: RecordKind;
	dryRun: boolean;
	/** Whether anything was written. */
	written: boolean;
	new: number;
	updated: number;
	unchanged: number;
	errors: number;
	/** Rows in error left out with --skip-errors. */
	skipped: number;
	message?: string;
}

export interface CommandOutput {
	/** A line of the report (stdout). */
	log: (line: string) => void;
	/** A progress line on long files (stderr). */
	progress: (line: string) => void;
}

/** A field path from a path or a French label ('' for « ignorer »). */
function targetOf(kind: RecordKind, text: string): string | undefined {
	const t = text.trim();
	if (t === '' || foldName(t) === 'ignorer') return '';
	const specs = FIELDS[kind];
	return specs.find((f) => f.path === t)?.path ?? specs.find((f) => foldName(f.label) === foldName(t))?.path;
}

async function actorFor(sql: SqlClient, by: string | undefined): Promise<Actor> {
	const name = by?.trim() || 'ligne de commande';
	const user = (await listUsers(sql)).find(
		(u) => u.email.toLowerCase() === name.toLowerCase() || foldName(u.name) === foldName(name)
	);
	// History shows an account by its name; any other name is kept as written.
	return user ? { id: user.id, name: user.name } : { id: name, name };
}

export async function runImportCommand(
	sql: SqlClient,
	input: CommandInput,
	out: CommandOutput
): Promise<{ exitCode: number; result: CommandResult }> {
	const result: CommandResult = {
		file: input.fileName,
		kind: input.kind,
		dryRun: input.dryRun,
		written: false,
		new: 0,
		updated: 0,
		unchanged: 0,
		errors: 0,
		skipped: 0
	};
	const stop = (message: string) => ({ exitCode: 1, result: { ...result, message } });
	if ((await listCommunes(sql)).length === 0)
		return stop(
			'la base ne connaît aucune commune : démarrez le serveur une fois (il charge data/) avant d’importer'
		);
	const read = await readUpload(input.fileName, input.bytes);
	if (!read.ok) return stop(`fichier refusé : ${read.message} ; rien n’a été écrit`);
	const { table } = read.upload;
	for (const note of table.notes ?? []) out.log(`lecture : ${note}`);
	if (table.rows.length === 0) return stop('aucune ligne de données sous les en-têtes ; rien n’a été écrit');

	// Mapping: the file's choices first, then what the workspace would propose (remembered, then names).
	let mappingFile: MappingFile = { columns: {}, policies: {}, values: {} };
	if (input.mappingFile !== undefined) {
		const parsed = mappingFileSchema.safeParse(input.mappingFile);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return stop(
				`fichier de correspondance invalide : ${issue.path.join('.') || '(racine)'} : ${issue.message}`
			);
		}
		mappingFile = parsed.data;
	}
	const mapping = (await proposedMapping(sql, input.kind, table.headers)).mapping;
	const byHeader = new Map(table.headers.map((h, i) => [headerKey(h), i]));
	for (const [header, text] of Object.entries(mappingFile.columns)) {
		const i = byHeader.get(headerKey(header));
		if (i === undefined)
			return stop(`fichier de correspondance : pas de colonne « ${header} » dans le fichier`);
		const target = targetOf(input.kind, text);
		if (target === undefined)
			return stop(`fichier de correspondance : champ inconnu « ${text} » pour la colonne « ${header} »`);
		mapping[i] = target;
		// A field given to this column is taken from any other column the proposal gave it to.
		if (target) mapping.forEach((t, j) => j !== i && t === target && (mapping[j] = ''));
	}
	const checked = checkMapping(input.kind, table.headers, mapping);
	if (!checked.ok) return stop(checked.message);
	const policies: Record<string, string> = {};
	for (const [field, policy] of Object.entries(mappingFile.policies)) {
		const path = targetOf(input.kind, field);
		if (!path) return stop(`fichier de correspondance : champ inconnu « ${field} » dans policies`);
		policies[path] = policy;
	}
	const values: Record<string, string> = {};
	for (const [field, value] of Object.entries(mappingFile.values)) {
		const path = targetOf(input.kind, field);
		if (!path) return stop(`fichier de correspondance : champ inconnu « ${field} » dans values`);
		values[path] = value;
	}
	const options = checkOptions(
		input.kind,
		{ policies, values, ...(mappingFile.source ? { source: mappingFile.source } : {}) },
		{ seen: todayIso(), names: await refNames(sql), recordsByName: recordsByName([]) }
	);
	if (!options.ok) return stop(options.message);
	checked.mapping.forEach((path, i) =>
		out.log(
			`colonne « ${table.headers[i]} » : ${path ? `${fieldLabel(input.kind, path)} (${path})` : 'ignorée'}`
		)
	);

	// Dry run, with a progress line about every second on long files.
	const total = table.rows.length;
	const steps = planImportSteps(
		input.kind,
		table,
		checked.mapping,
		await planContext(sql),
		options.options,
		500
	);
	let plan: ImportPlan;
	let last = Date.now();
	for (;;) {
		const step = steps.next();
		if (step.done) {
			plan = step.value;
			break;
		}
		if (Date.now() - last >= 1000) {
			last = Date.now();
			out.progress(
				`simulation : ${step.value.done} / ${total} lignes (${Math.floor((100 * step.value.done) / total)} %)`
			);
		}
	}
	result.new = plan.counts.new;
	result.updated = plan.counts.update;
	result.unchanged = plan.counts.unchanged;
	result.errors = plan.counts.error;
	report(input.kind, plan, out);

	if (input.dryRun) {
		out.log('simulation (--dry-run) : rien n’a été écrit');
		return { exitCode: result.errors > 0 && !input.skipErrors ? 1 : 0, result };
	}
	if (result.errors > 0 && !input.skipErrors)
		return {
			exitCode: 1,
			result: {
				...result,
				message: `${result.errors} ligne(s) en erreur : rien n’a été écrit (--skip-errors pour importer les lignes valides seules)`
			}
		};
	if (result.new + result.updated === 0) {
		out.log('rien à écrire : toutes les lignes valides correspondent déjà aux fiches');
		return { exitCode: 0, result: { ...result, skipped: input.skipErrors ? result.errors : 0 } };
	}
	try {
		const summary = await applyPlan(sql, plan, await actorFor(sql, input.by), {
			note: `import ${input.fileName} (ligne de commande)`,
			skipErrors: input.skipErrors
		});
		out.log(
			`écrit en une transaction : ${summary.created} fiche(s) créée(s), ${summary.updated} mise(s) à jour` +
				(summary.skipped ? `, ${summary.skipped} ligne(s) en erreur ignorée(s)` : '')
		);
		return { exitCode: 0, result: { ...result, written: true, skipped: summary.skipped } };
	} catch (e) {
		const message =
			e instanceof ImportFailure
				? e.message
				: isDiskFull(e)
					? 'espace disque plein : rien n’a été écrit ; libérez de la place et relancez l’import'
					: isUniqueViolation(e) || String(e).includes('UNIQUE')
						? 'une fiche de même identifiant ou slug a été créée entre-temps ; rien n’a été écrit'
						: `erreur inattendue (${(e as Error).message}) ; rien n’a été écrit`;
		return stop(message);
	}
}

const FROM = {
	defaut: 'par défaut',
	fichier: 'valeur pour tout le fichier',
	quartier: 'déduite du quartier'
};

/** Every row that does something or fails, in words; the values filled in, counted once at the end. */
function report(kind: RecordKind, plan: ImportPlan, out: CommandOutput) {
	const label = (path: string) => fieldLabel(kind, path);
	const filled = new Map<string, number>();
	for (const row of plan.rows) {
		const name = row.name ? ` « ${row.name} »` : '';
		if (row.status === 'error') {
			for (const e of row.errors) out.log(`erreur : ${describeRowError(kind, row.line, e)}`);
			continue;
		}
		if (row.status === 'new') out.log(`ligne ${row.line} — nouvelle fiche${name} (${row.recordId})`);
		if (row.status === 'update') {
			out.log(`ligne ${row.line} — mise à jour de${name} (${row.recordId})`);
			for (const c of row.diff ?? [])
				out.log(`    ${c.label} : « ${c.before || '(vide)'} » → « ${c.after || '(vide)'} »`);
		}
		if (row.status === 'unchanged' && row.kept?.length)
			out.log(`ligne ${row.line} — inchangée${name} (${row.recordId})`);
		for (const k of row.kept ?? [])
			out.log(
				`    ${label(k.path)} : garde « ${k.current} » (le fichier propose « ${k.offered} » ; "policies": { "${k.path}": "replace" } pour remplacer)`
			);
		for (const d of row.defaults ?? []) {
			const key = `${label(d.path)} : « ${d.value} » (${FROM[d.from]})`;
			filled.set(key, (filled.get(key) ?? 0) + 1);
		}
	}
	for (const [what, rows] of filled) out.log(`complété : ${what}, ${rows} ligne(s)`);
	out.log(
		`bilan : ${plan.counts.new} nouvelle(s), ${plan.counts.update} mise(s) à jour, ${plan.counts.unchanged} inchangée(s), ${plan.counts.error} en erreur`
	);
}
