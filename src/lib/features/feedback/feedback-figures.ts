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

export function feedbackFiguresOf(ws: WorkspaceDoc, period: FeedbackPeriod): FeedbackFigures {
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
		const response = readResponse(id, stored);
		if (response) yield response;
	}
}

function* feedbackOf(root: Y.Map<unknown>): Generator<FeedbackRow> {
	for (const [id, map] of entitiesOf(root)) {
		const item = readFeedback(id, map);
		if (item) yield item;
	}
}
