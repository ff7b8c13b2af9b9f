import { isDateKey } from '../../domain/dates';

/** How to read an ambiguous date such as 3/8/2024. */
export type DayMonthOrder = 'dmy' | 'mdy';

const pad = (n: number) => String(n).padStart(2, '0');

function dateKey(y: number, m: number, d: number): string | null {
	const key = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
	return y >= 1900 && y <= 2200 && isDateKey(key) ? key : null;
}

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
function fromExcelSerial(serial: number): string | null {
	const ms = Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000;
	const date = new Date(ms);
	return dateKey(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * Reads a date as shops write them: 2024-03-08, 2024/3/8, 2024.3.8, 2024年3月8日, 08.03.2024,
 * 3/8/2024 (day or month first, as chosen), 20240308 and Excel serial numbers. Returns
 * YYYY-MM-DD, or null when the text is not a real date.
 */
export function parseImportDate(raw: string, order: DayMonthOrder = 'dmy'): string | null {
	const text = raw.trim().replace(/\s+/g, ' ');
	if (text === '') return null;
	let match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(text);
	if (match) return dateKey(Number(match[1]), Number(match[2]), Number(match[3]));
	match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?: .*)?$/.exec(text);
	if (match) {
		const [a, b, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
		// A dot means day first everywhere it is used (08.03.2024); slashes follow the choice.
		const dayFirst = text.includes('.') || order === 'dmy';
		// When only one reading is a real date (14/5/1975 or 5/14/1975), that one is meant.
		return dayFirst
			? (dateKey(y, b, a) ?? dateKey(y, a, b))
			: (dateKey(y, a, b) ?? dateKey(y, b, a));
	}
	match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
	if (match) return dateKey(Number(match[1]), Number(match[2]), Number(match[3]));
	if (/^\d{3,5}(\.\d+)?$/.test(text)) {
		const serial = Number(text);
		if (serial >= 1 && serial < 100_000) return fromExcelSerial(serial);
	}
	return null;
}

/**
 * A cell as data: trimmed, and without the apostrophe our own export (and other careful
 * exporters) put before a value starting with = + - @ to stop spreadsheets running it as a
 * formula.
 */
export function cleanCell(raw: string | undefined): string {
	const text = (raw ?? '').trim();
	return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** Tags as people separate them: commas (either width), semicolons, 、 or vertical bars. */
export function splitTags(raw: string): string[] {
	return [
		...new Set(
			raw
				.split(/[,;，；、|]/)
				.map((tag) => tag.trim())
				.filter(Boolean)
		)
	];
}
