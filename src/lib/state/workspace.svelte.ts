import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
	createCustomer,
	createCustomers,
	deleteCustomer,
	updateCustomer,
	type CommandContext
} from '../crdt/customer-commands';
import { createUndoManager } from '../crdt/undo';
import { stampSchemaVersion, workspaceDoc, type WorkspaceDoc } from '../crdt/workspace-doc';
import type { CustomerFields } from '../domain/customer';
import { ProjectionDb, projectionDbName } from '../projection/db';
import type { Projector } from '../projection/projector';
import { connectTabs } from '../sync/tab-channel';
import { loadMemberId } from './member';

const WORKSPACE_ID = 'main';

function describeError(error: unknown): string {
	if (error instanceof Error)
		return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
	return String(error);
}

/**
 * The open workspace in this tab: its doc (loaded from IndexedDB), its projection, and the
 * commands the UI calls. Reads never wait for the doc — the list renders from the projection
 * while the doc loads; commands wait until the doc is there.
 */
export class WorkspaceSession {
	status = $state<'opening' | 'ready' | 'failed'>('opening');
	failure = $state<string | null>(null);
	writeFailure = $state<string | null>(null);
	canUndo = $state(false);
	canRedo = $state(false);

	readonly db = new ProjectionDb(projectionDbName(WORKSPACE_ID));
	readonly ws: WorkspaceDoc = workspaceDoc(new Y.Doc());
	readonly memberId = loadMemberId();
	readonly #origin = { memberId: this.memberId };
	readonly #undo = createUndoManager(this.ws, this.#origin);
	readonly #ready: Promise<void>;
	#projector: Projector | null = null;

	constructor() {
		const refreshUndoState = () => {
			this.canUndo = this.#undo.canUndo();
			this.canRedo = this.#undo.canRedo();
		};
		this.#undo.on('stack-item-added', refreshUndoState);
		this.#undo.on('stack-item-popped', refreshUndoState);
		this.#undo.on('stack-cleared', refreshUndoState);
		this.#ready = this.#open();
	}

	async #open(): Promise<void> {
		try {
			const persistence = new IndexeddbPersistence(`clientbook-doc-${WORKSPACE_ID}`, this.ws.doc);
			await persistence.whenSynced;
			stampSchemaVersion(this.ws);
			// The projector brings the pinyin dictionary; load it off the first route's path.
			const { Projector } = await import('../projection/projector');
			this.#projector = new Projector(this.ws, this.db, {
				onWriteError: (error) => (this.writeFailure = describeError(error)),
				onWriteRecovered: () => (this.writeFailure = null)
			});
			await this.#projector.start();
			connectTabs(this.ws.doc, `clientbook-tabs-${WORKSPACE_ID}`);
			this.status = 'ready';
		} catch (error) {
			this.failure = describeError(error);
			this.status = 'failed';
			throw error;
		}
	}

	whenReady(): Promise<void> {
		return this.#ready;
	}

	/** Resolves when every change so far is visible in the projection. */
	async settled(): Promise<void> {
		await this.#ready;
		await this.#projector?.idle();
	}

	get #context(): CommandContext {
		return { ws: this.ws, memberId: this.memberId, origin: this.#origin };
	}

	async createCustomer(fields: CustomerFields) {
		await this.#ready;
		const result = createCustomer(this.#context, fields);
		if (result.ok) await this.settled();
		return result;
	}

	async createCustomers(fields: CustomerFields[]) {
		await this.#ready;
		const result = createCustomers(this.#context, fields);
		if (result.ok) await this.settled();
		return result;
	}

	async updateCustomer(id: string, patch: Partial<CustomerFields>) {
		await this.#ready;
		const result = updateCustomer(this.#context, id, patch);
		if (result.ok) await this.settled();
		return result;
	}

	/** Deletes, and returns a function that undoes exactly this delete while it is the last step. */
	async deleteCustomer(id: string) {
		await this.#ready;
		const result = deleteCustomer(this.#context, id);
		if (!result.ok) return { result, undoDelete: null };
		const step = this.#undo.undoStack.at(-1);
		await this.settled();
		const undoDelete = () => {
			if (step && this.#undo.undoStack.at(-1) === step) this.#undo.undo();
			else this.ws.doc.transact(() => this.ws.customers.get(id)?.delete('deletedAt'), this.#origin);
		};
		return { result, undoDelete };
	}

	undo(): boolean {
		return this.#undo.undo() !== null;
	}

	redo(): boolean {
		return this.#undo.redo() !== null;
	}
}

let session: WorkspaceSession | null = null;

/** The tab's workspace, opened on first use (in the browser only). */
export function workspace(): WorkspaceSession {
	session ??= new WorkspaceSession();
	return session;
}
