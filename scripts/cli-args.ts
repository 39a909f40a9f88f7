/**
 * The command-line reading the import scripts share: `--flag value` options, `--switch` options and one
 * file, with the same French refusals (« valeur manquante », « option inconnue », « argument en trop »).
 * Each script validates the result with its own zod schema.
 */
export interface CliSpec {
	/** Options followed by a value: flag -> the key it sets. */
	values: Record<string, string>;
	/** Options alone: flag -> the key it sets and the value it sets it to. */
	switches: Record<string, [string, unknown]>;
}

export function readCliArgs(
	argv: readonly string[],
	spec: CliSpec,
	defaults: Record<string, unknown>
): Record<string, unknown> {
	const raw: Record<string, unknown> = { ...defaults };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (Object.hasOwn(spec.values, a)) {
			const v = argv[i + 1];
			if (v === undefined || v.startsWith('--')) throw new Error(`${a} : valeur manquante`);
			raw[spec.values[a]] = v;
			i++;
		} else if (Object.hasOwn(spec.switches, a)) {
			const [key, value] = spec.switches[a];
			raw[key] = value;
		} else if (a.startsWith('--')) throw new Error(`option inconnue : ${a}`);
		else if (raw.file === undefined) raw.file = a;
		else throw new Error(`argument en trop : ${a}`);
	}
	return raw;
}
