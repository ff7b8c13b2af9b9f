import { downloadFile, toCsv } from '$lib/features/export/csv';
import { t } from '$lib/i18n/i18n.svelte';

/** The refused rows as they were in the file, with a reason column, for fixing and re-importing. */
export function downloadRejected(headers: string[], rows: { cells: string[]; reason: string }[]) {
	const body = rows.map(({ cells, reason }) => [
		...headers.map((_, i) => cells[i] ?? ''),
		...cells.slice(headers.length),
		reason
	]);
	downloadFile(
		t('import.rejectedFileName'),
		toCsv([[...headers, t('import.reasonColumn')], ...body]),
		'text/csv;charset=utf-8'
	);
}
