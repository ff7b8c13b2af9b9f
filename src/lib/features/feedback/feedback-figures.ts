/**
 * Insights → Feedback, worked out in the workspace worker from the doc: 20,000 answers are read
 * and scored there, away from the page's main thread, and only the figures travel.
 */
import type * as Y from 'yjs';
import { entitiesOf, eventOwner, liveCustomer, type WorkspaceDoc } from '../../crdt/workspace-doc';
import { readPurchase } from '../activity/activity-records';
import { FEEDBACK_ROOT, readFeedback } from './kinds';
import { feedbackFigures, type FeedbackFigures } from './rules/feedback-insights';
import type { FeedbackRow } from './rules/feedback-records';
import type { ResponseRow, SurveyRow } from './rules/survey-records';
import {
	INVITATIONS_ROOT,
	readInvitation,
	readResponse,
	readSurvey,
	RESPONSES_ROOT,
	SURVEYS_ROOT
} from './survey-kinds';

export interface FeedbackPeriod {
	/** ms since epoch, inclusive; 0 for all time. */
	from: number;
	/** ms since epoch, exclusive. */
	until: number;
}

/**
 * The last answers worked out, by period, until what they are made of changes: opening
 * Insights → Feedback again costs nothing, while a new answer, a feedback item's change, a
 * customer deleted or merged, or a purchase edited has them worked out afresh. Changes
 * elsewhere (points, tasks, a colleague's presence) leave them be.
 */
const lastFigures = new WeakMap<
	WorkspaceDoc,
	{ version: number; byPeriod: Map<string, FeedbackFigures> }
>();
const versions = new WeakMap<WorkspaceDoc, { version: number }>();

function versionOf(ws: WorkspaceDoc): number {
	let counter = versions.get(ws);
	if (!counter) {
		const created = { version: 0 };
		const bump = () => created.version++;
		for (const root of [
			ws.doc.getMap<unknown>(SURVEYS_ROOT),
			ws.doc.getMap<unknown>(RESPONSES_ROOT),
			ws.doc.getMap<unknown>(INVITATIONS_ROOT),
			ws.doc.getMap<unknown>(FEEDBACK_ROOT),
			ws.customers,
			ws.purchases
		])
			root.observeDeep(bump);
		versions.set(ws, created);
		counter = created;
	}
	return counter.version;
}

/**
 * Answers as read from the doc, by the stored value: an answer is never changed once written,
 * so each is parsed once (20,000 JSON texts took most of the work each time).
 */
const readAnswers = new WeakMap<object, ResponseRow | null>();

export function feedbackFiguresOf(ws: WorkspaceDoc, period: FeedbackPeriod): FeedbackFigures {
	const version = versionOf(ws);
	let cache = lastFigures.get(ws);
	if (!cache || cache.version !== version) {
		cache = { version, byPeriod: new Map() };
		lastFigures.set(ws, cache);
	}
	const key = `${period.from}-${period.until}`;
	const known = cache.byPeriod.get(key);
	if (known) return known;
	const figures = workOut(ws, period);
	cache.byPeriod.set(key, figures);
	return figures;
}

function workOut(ws: WorkspaceDoc, period: FeedbackPeriod): FeedbackFigures {
	const { doc } = ws;
	const surveys = new Map<string, SurveyRow>();
	for (const [id, map] of entitiesOf(doc.getMap<unknown>(SURVEYS_ROOT))) {
		const survey = readSurvey(id, map);
		if (survey) surveys.set(id, survey);
	}
	const owners = new Map<string, string | null>();
	const invitations = doc.getMap<unknown>(INVITATIONS_ROOT);
	return feedbackFigures({
		responses: responsesOf(doc.getMap<unknown>(RESPONSES_ROOT)),
		surveys,
		feedback: feedbackOf(doc.getMap<unknown>(FEEDBACK_ROOT)),
		ownerOf: (customerId) => {
			let owner = owners.get(customerId);
			if (owner === undefined) {
				const end = eventOwner(ws, customerId);
				owner = liveCustomer(ws, end) ? end : null;
				owners.set(customerId, owner);
			}
			return owner;
		},
		purchaseOf: (purchaseId) => {
			const purchase = readPurchase(purchaseId, ws.purchases.get(purchaseId));
			return purchase
				? { products: purchase.lines.map((line) => line.product), servedBy: purchase.createdBy }
				: null;
		},
		invitedBy: (invitationId) =>
			readInvitation(invitationId, invitations.get(invitationId))?.by ?? '',
		from: period.from,
		until: period.until
	});
}

function* responsesOf(root: Y.Map<unknown>): Generator<ResponseRow> {
	for (const [id, stored] of root.entries()) {
		let response: ResponseRow | null | undefined;
		if (typeof stored === 'object' && stored !== null) {
			response = readAnswers.get(stored);
			if (response === undefined) readAnswers.set(stored, (response = readResponse(id, stored)));
		} else response = readResponse(id, stored);
		if (response) yield response;
	}
}

function* feedbackOf(root: Y.Map<unknown>): Generator<FeedbackRow> {
	for (const [id, map] of entitiesOf(root)) {
		const item = readFeedback(id, map);
		if (item) yield item;
	}
}
