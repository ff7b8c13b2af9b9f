import { localDateKey } from '../../../domain/dates';
import type { WorkspaceSession } from '../../../state/workspace.svelte';
import { downloadFile } from '../../export/csv';
import { BACKUP_EXTENSION } from '../backup-file';
import { backupStatus } from './backup-status.svelte';

/**
 * Saves this device's whole archive as a backup file (unencrypted: it stays on this device) and
 * returns the file's name. Used before the archive is about to be replaced.
 */
export async function downloadArchiveBackup(session: WorkspaceSession): Promise<string> {
	const { bytes } = await session.writeBackup(undefined);
	const file = `clientbook-backup-${localDateKey(Date.now())}${BACKUP_EXTENSION}`;
	downloadFile(file, bytes as BlobPart, 'application/octet-stream');
	backupStatus.recordBackup();
	return file;
}
