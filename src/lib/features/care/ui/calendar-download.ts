import { addDays } from '$lib/domain/dates';
import { t, type MessageKey } from '$lib/i18n/i18n.svelte';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import type { CustomerRow } from '$lib/projection/db';
import { downloadFile } from '$lib/features/export/csv';
import type { CareSettings } from '../rules/care-settings';

/** How far ahead the calendar file reaches: lunar dates are expanded to solar days this far. */
const YEARS_AHEAD = 2;

/**
 * Writes the shop's reminders as an .ics file and downloads it: open follow-ups, and the
 * birthdays, anniversaries and festivals of the next two years. Returns how many events.
 */
export async function downloadCalendar(
	session: WorkspaceSession,
	customers: readonly CustomerRow[],
	settings: CareSettings,
	today: string
): Promise<number> {
	const until = addDays(today, 365 * YEARS_AHEAD);
	// Call-backs after a purchase are follow-ups of their own; the calendar keeps to dates.
	const [occasions, { calendarFile }] = await Promise.all([
		session.occasions(today, until, 0),
		import('../calendar-file')
	]);
	const names = new Map(customers.map((customer) => [customer.id, customer.name]));
	const days = occasions.map((occasion) => {
		const name = occasion.customerId ? (names.get(occasion.customerId) ?? '') : '';
		const title =
			occasion.kind === 'festival'
				? t(`care.festival.${occasion.festival}` as MessageKey)
				: occasion.kind === 'birthday'
					? t(occasion.lunar ? 'care.calendarLunarBirthday' : 'care.calendarBirthday', { name })
					: t('care.calendarAnniversary', { name, count: occasion.years ?? 1 });
		return {
			uid: `${occasion.kind}-${occasion.customerId ?? occasion.festival}-${occasion.day}@clientbook`,
			day: occasion.day,
			title
		};
	});
	const open = await session.db.tasks.filter((task) => task.status === 'open').toArray();
	const tasks = open.map((task) => ({
		uid: `task-${task.id}@clientbook`,
		day: task.effectiveDue,
		time: task.dueTime,
		title: t('care.calendarTask', { title: task.title, name: names.get(task.customerId) ?? '' })
	}));
	const text = calendarFile(settings.shopName || 'Clientbook', days, tasks, Date.now());
	downloadFile(`clientbook-reminders-${today}.ics`, text, 'text/calendar;charset=utf-8');
	return days.length + tasks.length;
}
