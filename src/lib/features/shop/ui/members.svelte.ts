import { liveQuery } from 'dexie';
import type { MemberRow, ProjectionDb } from '../../../projection/db';

/** The team's members as they named themselves, following changes from colleagues. */
class MembersState {
	byId = $state.raw<ReadonlyMap<string, MemberRow>>(new Map());
	#connected = false;

	connect(db: ProjectionDb): void {
		if (this.#connected) return;
		this.#connected = true;
		liveQuery(() => db.members.toArray()).subscribe((rows) => {
			this.byId = new Map(rows.map((row) => [row.memberId, row]));
		});
	}

	of(memberId: string): MemberRow | undefined {
		return this.byId.get(memberId);
	}
}

export const members = new MembersState();
