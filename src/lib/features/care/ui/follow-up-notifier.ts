import { localDateKey } from '$lib/domain/dates';
import { t } from '$lib/i18n/i18n.svelte';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';

const CHECK_MS = 60_000;
const SHOWN_KEY = 'clientbook-notified-follow-ups';

/** Whether this browser can show system notifications at all. */
export const canNotify = () => typeof Notification !== 'undefined';

function shownToday(today: string): Set<string> {
	try {
		const saved = JSON.parse(localStorage.getItem(SHOWN_KEY) ?? '{}') as Record<string, string[]>;
		return new Set(saved[today] ?? []);
	} catch {
		return new Set();
	}
}

/**
 * While the app (or the installed app) is open and the shopkeeper allowed notifications, shows
 * one for each follow-up due today: at its time when it has one, else at the first check of
 * the day. Each is shown once per device and day. Nothing runs when the app is closed: the
 * .ics export is what reminds the phone then.
 */
let running: (() => void) | null = null;

export function startFollowUpNotifier(session: WorkspaceSession): () => void {
	// One per page: the layout and Today may both ask, and each follow-up is shown once.
	if (running) return running;
	const check = async () => {
		if (!canNotify() || Notification.permission !== 'granted') return;
		const now = new Date();
		const today = localDateKey(now.getTime());
		const time = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
		const shown = shownToday(today);
		const due = await session.db.tasks
			.filter(
				(task) =>
					task.status === 'open' &&
					task.effectiveDue <= today &&
					(task.effectiveDue < today || task.dueTime === '' || task.dueTime <= time) &&
					!shown.has(task.id)
			)
			.toArray();
		// Chrome on Android shows notifications only through the service worker.
		const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
		for (const task of due) {
			const customer = await session.db.customers.get(task.customerId);
			if (!customer) continue; // a deleted customer's follow-up is not due
			const options = { body: `${task.title} — ${customer.name}`, tag: `follow-up-${task.id}` };
			if (registration) await registration.showNotification(t('care.notifyTitle'), options);
			else new Notification(t('care.notifyTitle'), options);
			shown.add(task.id);
		}
		if (due.length > 0) localStorage.setItem(SHOWN_KEY, JSON.stringify({ [today]: [...shown] }));
	};
	void check();
	const timer = setInterval(() => void check(), CHECK_MS);
	running = () => {
		clearInterval(timer);
		running = null;
	};
	return running;
}
