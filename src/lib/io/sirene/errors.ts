/** A SIRENE input file that cannot be read as it should: the message names the file, line and column. */
export class SireneFileError extends Error {
	constructor(
		readonly file: string,
		readonly detail: string,
		readonly line?: number,
		readonly column?: string
	) {
		const where = [file, line !== undefined ? `ligne ${line}` : null, column ? `colonne « ${column} »` : null]
			.filter(Boolean)
			.join(', ');
		super(`${where} : ${detail}`);
		this.name = 'SireneFileError';
	}
}
