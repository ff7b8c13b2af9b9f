import { liveQuery, type Subscription } from 'dexie';
import type { ProjectionDb } from '../../../projection/db';
import {
	readReportDefinition,
	type ReportDefinition,
	type ReportRow
} from '../rules/report-definition';

/** A saved report with its layout read (null when it cannot be read on this device). */
export interface SavedReport extends ReportRow {
	layout: ReportDefinition | null;
}

/** The saved reports, by name, following every change (a colleague's too). */
export class ReportListState {
	rows = $state.raw<readonly SavedReport[]>([]);
	loaded = $state(false);
	#subscription: Subscription | null = null;

	connect(db: ProjectionDb): () => void {
		this.#subscription ??= liveQuery(() => db.reports.orderBy('name').toArray()).subscribe({
			next: (rows) => {
				this.rows = rows.map((row) => ({ ...row, layout: readReportDefinition(row.definition) }));
				this.loaded = true;
			},
			error: (error: unknown) => console.error('Clientbook could not read reports', error)
		});
		return () => {
			this.#subscription?.unsubscribe();
			this.#subscription = null;
		};
	}
}
