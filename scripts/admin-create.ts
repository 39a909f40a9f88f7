/**
 * npm run admin:create -- --email camille@example.org --name "Camille Martin" [--role admin|editor]
 *
 * Creates a maintainer account in the store (PostgreSQL when DATABASE_URL names it, else DATABASE_PATH, default data/carto-ess.sqlite; migrated first, so
 * it works on a fresh install before the first start). The password comes from ADMIN_PASSWORD, or is asked
 * twice without echo. Role: admin by default (the first account must be able to create the others).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createAccount, newAccountSchema } from '../src/lib/server/auth/accounts';
import { openStore } from '../src/lib/server/db/open';
import { parseEnv } from '../src/lib/server/env';

function fail(message: string): never {
	console.error(`admin:create : ${message}`);
	process.exit(1);
}

/** Reads a line from the terminal without showing it; from a pipe, reads it as is. */
function askHidden(question: string): Promise<string> {
	return new Promise((resolve) => {
		const rl = createInterface({
			input: process.stdin,
			output: process.stdout,
			terminal: process.stdin.isTTY
		});
		const output = rl as unknown as { _writeToOutput?: (s: string) => void; output: NodeJS.WritableStream };
		let answered = false;
		rl.question(question, (answer) => {
			answered = true;
			rl.close();
			if (process.stdin.isTTY) process.stdout.write('\n');
			resolve(answer);
		});
		// Input closed without a line (empty pipe, Ctrl-D): an empty password, refused below with a message.
		rl.on('close', () => {
			if (!answered) resolve('');
		});
		// Mask what is typed (Node's readline has no option for it).
		if (process.stdin.isTTY) output._writeToOutput = () => output.output.write('');
	});
}

async function main() {
	let args;
	try {
		args = parseArgs({
			options: {
				email: { type: 'string' },
				name: { type: 'string' },
				role: { type: 'string', default: 'admin' }
			}
		}).values;
	} catch (e) {
		fail(
			`${(e as Error).message}\nusage : npm run admin:create -- --email a@b.fr --name "Prénom Nom" [--role admin|editor]`
		);
	}
	let password = process.env.ADMIN_PASSWORD;
	if (!password) {
		if (!process.stdin.isTTY && process.stdin.readable) password = await askHidden('');
		else {
			password = await askHidden('Mot de passe (12 caractères au moins) : ');
			const again = await askHidden('Le même, encore une fois : ');
			if (again !== password) fail('les deux mots de passe diffèrent');
		}
	}
	const parsed = newAccountSchema.safeParse({ ...args, password });
	if (!parsed.success)
		fail(parsed.error.issues.map((i) => `${String(i.path[0] ?? '')} : ${i.message}`).join('\n'));

	const store = await openStore(parseEnv(process.env));
	try {
		const created = await createAccount(store.sql, parsed.data);
		if (!created.ok) fail(`${created.field} : ${created.message}`);
		console.log(
			`Compte créé dans ${store.label} : ${created.user.email} (${created.user.role === 'admin' ? 'administration' : 'édition'}).`
		);
	} finally {
		await store.close();
	}
}

await main();
