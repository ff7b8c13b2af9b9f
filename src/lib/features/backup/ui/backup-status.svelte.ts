import { calendarDaysBetween } from '../../../domain/dates';

const LAST_BACKUP_KEY = 'clientbook.lastBackupAt';
/** After this long without a backup, Settings and Today remind the shopkeeper. */
export const BACKUP_REMINDER_DAYS = 7;

/**
 * Whether a backup is due: none yet, or the last is more than the reminder period ago in
 * calendar days, as the reminder's "more than 7 days" is read.
 */
export function backupDue(lastBackupAt: number | null, now: number): boolean {
	return lastBackupAt === null || calendarDaysBetween(lastBackupAt, now) > BACKUP_REMINDER_DAYS;
}

/** When this device last saved a backup (kept per device: a backup is a file on this device). */
class BackupStatus {
	lastBackupAt = $state<number | null>(null);

	constructor() {
		if (typeof localStorage === 'undefined') return;
		const saved = Number(localStorage.getItem(LAST_BACKUP_KEY));
		this.lastBackupAt = Number.isFinite(saved) && saved > 0 ? saved : null;
	}

	recordBackup(at = Date.now()): void {
		this.lastBackupAt = at;
		localStorage.setItem(LAST_BACKUP_KEY, String(at));
	}

	due(now = Date.now()): boolean {
		return backupDue(this.lastBackupAt, now);
	}
}

export const backupStatus = new BackupStatus();
