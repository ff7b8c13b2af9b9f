import ical, { ICalAlarmType, ICalCalendarMethod } from 'ical-generator';

/**
 * Reminders without a server: follow-ups, birthdays, anniversaries and festivals as an
 * iCalendar file the shop's phone calendar imports, each with an alarm, so the phone reminds
 * them whether or not Clientbook is open. Written with ical-generator; each event's UID comes
 * from what it is, so importing a newer file updates the events rather than doubling them.
 */
export interface CalendarDay {
	uid: string;
	/** YYYY-MM-DD, a local calendar day: an all-day event, reminded at 9:00 that morning. */
	day: string;
	title: string;
	description?: string;
}

export interface CalendarTask {
	uid: string;
	day: string;
	/** HH:MM; with one the event lasts half an hour and reminds 15 minutes before. */
	time: string;
	title: string;
	description?: string;
}

const MORNING_SECONDS = 9 * 3600;
const HALF_HOUR_MS = 30 * 60_000;

function localDate(day: string, time = '00:00'): Date {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const [h, min] = time.split(':').map(Number) as [number, number];
	return new Date(y, m - 1, d, h, min);
}

export function calendarFile(
	name: string,
	days: readonly CalendarDay[],
	tasks: readonly CalendarTask[],
	now: number
): string {
	const calendar = ical({ name, method: ICalCalendarMethod.PUBLISH, prodId: '//Clientbook//EN' });
	const stamp = new Date(now);
	for (const entry of days) {
		calendar.createEvent({
			id: entry.uid,
			// A day as text: a Date would be written as its UTC day, the day before east of UTC.
			start: entry.day,
			allDay: true,
			summary: entry.title,
			description: entry.description ?? null,
			stamp,
			alarms: [{ type: ICalAlarmType.display, triggerAfter: MORNING_SECONDS }]
		});
	}
	for (const task of tasks) {
		const timed = task.time !== '';
		const start = localDate(task.day, timed ? task.time : '00:00');
		calendar.createEvent({
			id: task.uid,
			// A time of day is this device's local time, written as the instant it is (UTC).
			...(timed
				? { start, end: new Date(start.getTime() + HALF_HOUR_MS) }
				: { start: task.day, allDay: true }),
			summary: task.title,
			description: task.description ?? null,
			stamp,
			alarms: [
				timed
					? { type: ICalAlarmType.display, trigger: 15 * 60 }
					: { type: ICalAlarmType.display, triggerAfter: MORNING_SECONDS }
			]
		});
	}
	return calendar.toString();
}
