import { localDateKey } from '$lib/domain/dates';

/** The value a datetime-local input shows for a moment: YYYY-MM-DDTHH:MM in local time. */
export function toDateTimeLocal(ms: number): string {
	const date = new Date(ms);
	const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
	return `${localDateKey(ms)}T${time}`;
}

/** A datetime-local value back to a moment; NaN when empty or malformed. */
export function fromDateTimeLocal(value: string): number {
	return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? new Date(value).getTime() : Number.NaN;
}
