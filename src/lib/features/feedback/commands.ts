import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';

const feedbackFields = shape({
	kind: text,
	channel: text,
	customerId: id,
	purchaseId: text,
	products: v.array(text),
	severity: text,
	description: text,
	ownerId: text,
	receivedAt: v.number()
});

const followUp = v.nullable(shape({ taskDue: text, taskTitle: text, goodwillCampaignId: text }));

const surveyFields = shape({
	name: text,
	questions: v.array(
		shape({
			id: text,
			type: text,
			text: shape({ en: text, 'zh-CN': text }),
			options: v.array(text),
			required: v.boolean()
		})
	)
});

// Loaded on first use: the worker's first load (part of the first route's budget) need not
// carry them.
const load = () => import('./feedback-commands');
const loadSurveys = () => import('./survey-commands');

/** Feedback items handled to their end, and the shop's response-time rules. */
export const feedbackCommands = {
	logFeedback: command({
		args: args(feedbackFields, followUp),
		undo: 'step',
		load: async () => (await load()).logFeedback
	}),
	setFeedbackStatus: command({
		args: args(id, text, text),
		undo: 'step',
		load: async () => (await load()).setFeedbackStatus
	}),
	assignFeedback: command({
		args: args(id, text),
		undo: 'step',
		load: async () => (await load()).assignFeedback
	}),
	updateFeedback: command({
		// Only the fields the shopkeeper changed: a colleague's changes to the others stand.
		args: args(id, shape({})),
		undo: 'step',
		load: async () => (await load()).updateFeedback
	}),
	setResponseRules: command({
		args: args(shape({ hours: shape({ low: v.number(), medium: v.number(), high: v.number() }) })),
		undo: 'step',
		load: async () => (await load()).setResponseRules
	}),
	createSurvey: command({
		args: args(surveyFields),
		undo: 'step',
		load: async () => (await loadSurveys()).createSurvey
	}),
	updateSurvey: command({
		args: args(id, surveyFields),
		undo: 'step',
		load: async () => (await loadSurveys()).updateSurvey
	}),
	inviteToSurvey: command({
		args: args(id, id, text),
		undo: 'step',
		load: async () => (await loadSurveys()).inviteToSurvey
	}),
	answerAtCounter: command({
		args: args(id, shape({ phone: text, name: text }), shape({}), shape({ nps: text, csat: text })),
		undo: 'step',
		load: async () => (await loadSurveys()).answerAtCounter
	}),
	recordResponse: command({
		args: args(id, id, shape({}), text, text, shape({ nps: text, csat: text })),
		undo: 'step',
		load: async () => (await loadSurveys()).recordResponse
	})
};
