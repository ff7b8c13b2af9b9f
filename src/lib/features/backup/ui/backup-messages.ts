import { SealedFileError, type SealedFileProblem } from '$lib/features/backup/sealed-file';
import type { MessageKey } from '$lib/i18n/i18n.svelte';

const PROBLEM_KEYS: Record<SealedFileProblem, MessageKey> = {
	wrongKind: 'backup.problemNotBackup',
	damaged: 'backup.problemDamaged',
	newerVersion: 'backup.problemNewerVersion',
	needPassphrase: 'backup.problemNeedPassphrase',
	wrongPassphrase: 'backup.problemWrongPassphrase'
};

/** The message for a backup that cannot be opened, or null for another kind of failure. */
export function backupProblemKey(error: unknown): MessageKey | null {
	return error instanceof SealedFileError ? PROBLEM_KEYS[error.problem] : null;
}
