import { BackupError, type BackupProblem } from '$lib/backup/backup-file';
import type { MessageKey } from '$lib/i18n/i18n.svelte';

const PROBLEM_KEYS: Record<BackupProblem, MessageKey> = {
	notBackup: 'backup.problemNotBackup',
	damaged: 'backup.problemDamaged',
	newerVersion: 'backup.problemNewerVersion',
	needPassphrase: 'backup.problemNeedPassphrase',
	wrongPassphrase: 'backup.problemWrongPassphrase'
};

/** The message for a backup that cannot be opened, or null for another kind of failure. */
export function backupProblemKey(error: unknown): MessageKey | null {
	return error instanceof BackupError ? PROBLEM_KEYS[error.problem] : null;
}

export function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
