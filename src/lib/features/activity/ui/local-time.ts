import { localDateKey } from '$lib/domain/dates';

/** The value a datetime-local input shows for a moment: YYYY-MM-DDTHH:MM in local time. */
export function toDateTimeLocal(ms: number): string {
	const date = new Date(ms);
	const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
	return `${localDateKey(ms)}T${time}`;
}

/**
 * The moment a form means: its default "now" (left untouched) is the moment of saving, to the
 * millisecond, so entries keep the order they were made in; an edited entry left untouched keeps
 * its own moment (`untouchedMoment`); a time the user typed is taken as is.
 */
export function chosenMoment(
	value: string,
	untouchedDefault: string,
	untouchedMoment?: number
): number {
	if (value !== untouchedDefault) return fromDateTimeLocal(value);
	return untouchedMoment ?? Date.now();
}

/** A datetime-local value back to a moment; NaN when empty or malformed. */
export function fromDateTimeLocal(value: string): number {
	return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? new Date(value).getTime() : Number.NaN;
}
