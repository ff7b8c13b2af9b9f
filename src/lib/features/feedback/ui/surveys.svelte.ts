import { liveQuery, type Subscription } from 'dexie';
import { resolve } from '$app/paths';
import { t } from '$lib/i18n/i18n.svelte';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import { toasts } from '$lib/state/toasts.svelte';
import type { SurveyFields, SurveyRow, Answers, ResponseChannel } from '../rules/survey';
import { encodeInvitation, readAnswerCode, type ReadCode } from '../rules/survey-code';

/** How many answers and invitations a survey has, for the list. */
export interface SurveyCounts {
	responses: number;
	invitations: number;
}

/** What came of a pasted or scanned code, said on the dialog. */
export type CodeOutcome =
	| { kind: 'recorded'; name: string; complaint: boolean }
	| { kind: 'duplicate'; name: string }
	| { kind: 'refused'; reason: Exclude<ReadCode, { ok: true }>['reason'] | 'gone' }
	| { kind: 'failed' };

/** Where the shop keeps the name its survey links show (one device's choice). */
const SHOP_NAME_KEY = 'clientbook.survey-shop-name';

/** The shop's surveys, their answers counted, and what the survey screens do. */
export class SurveysState {
	surveys = $state.raw<readonly SurveyRow[]>([]);
	// Replaced whole on each read, never changed in place: raw state, a plain map.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	counts = $state.raw<ReadonlyMap<string, SurveyCounts>>(new Map());
	loaded = $state(false);
	/** The editor: a new survey (null id) or one being changed. */
	editing = $state<{ survey: SurveyRow | null } | null>(null);
	entering = $state(false);
	typing = $state(false);
	#subscriptions: Subscription[] = [];

	constructor(private readonly session: WorkspaceSession) {}

	connect(): () => void {
		const { db } = this.session;
		this.#subscriptions.push(
			liveQuery(() => db.surveys.toArray()).subscribe({
				next: (rows) => {
					this.surveys = [...rows].sort((a, b) => b.createdAt - a.createdAt);
					this.loaded = true;
				},
				error: failed
			}),
			// Counted from the indexes: 20,000 answers need not be read to be counted.
			liveQuery(async () => {
				const surveys = await db.surveys.toCollection().primaryKeys();
				const counts = await Promise.all(
					surveys.map(async (id) => ({
						id,
						responses: await db.surveyResponses.where('surveyId').equals(id).count(),
						invitations: await db.surveyInvitations.where('surveyId').equals(id).count()
					}))
				);
				// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a read's result, replaced whole
				return new Map(counts.map(({ id, ...count }) => [id, count]));
			}).subscribe({ next: (counts) => (this.counts = counts), error: failed })
		);
		return () => {
			for (const subscription of this.#subscriptions) subscription.unsubscribe();
			this.#subscriptions = [];
		};
	}

	/** Saves the editor's survey; its errors by field when it is not yet complete. */
	save = async (fields: SurveyFields): Promise<Partial<Record<string, string>> | null> => {
		const id = this.editing?.survey?.id;
		const result = await (
			id
				? this.session.commands.updateSurvey(id, fields)
				: this.session.commands.createSurvey(fields)
		).catch(failed);
		if (result && !result.ok && result.reason === 'invalid') return result.errors;
		if (!result?.ok) {
			toasts.show(t('survey.notSaved'), { tone: 'error' });
			return null;
		}
		this.editing = null;
		toasts.show(t(id ? 'survey.updated' : 'survey.created', { name: fields.name.trim() }), {
			action: { label: t('common.undo'), run: () => void this.session.undo() }
		});
		return null;
	};

	/**
	 * An invitation for the customer and the link that carries it; null when it could not be
	 * made (the survey or the customer went meanwhile).
	 */
	async invite(
		survey: SurveyRow,
		customerId: string,
		purchaseId: string,
		shop: string
	): Promise<string | null> {
		const result = await this.session.commands
			.inviteToSurvey(survey.id, customerId, purchaseId)
			.catch(failed);
		if (!result?.ok) return null;
		rememberShopName(shop);
		const language = survey.questions.every((question) => question.text.en.trim()) ? 'en' : 'zh-CN';
		const fragment = encodeInvitation({
			invitation: result.value.invitationId,
			token: result.value.token,
			shop: shop.trim().slice(0, 80),
			language,
			questions: survey.questions
		});
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- an address worked out once
		return `${new URL(resolve('/survey'), location.href).href}#${fragment}`;
	}

	/** Checks a code against its invitation and records the answers on its customer. */
	async enterCode(code: string, nameOf: (id: string) => string): Promise<CodeOutcome> {
		const { db } = this.session;
		const found = { surveyId: '', customerId: '' };
		const read = await readAnswerCode(code, async (id) => {
			const invitation = await db.surveyInvitations.get(id);
			const survey = invitation ? await db.surveys.get(invitation.surveyId) : undefined;
			if (!invitation || !survey) return null;
			found.surveyId = survey.id;
			found.customerId = invitation.customerId;
			return { token: invitation.token, questions: survey.questions };
		}).catch(() => null);
		if (!read) return { kind: 'failed' };
		if (!read.ok) return { kind: 'refused', reason: read.reason };
		return this.#record(
			found.surveyId,
			found.customerId,
			read.answers,
			'link',
			read.invitation,
			nameOf
		);
	}

	/** Records answers typed in from a paper card (or given at the counter). */
	async enterAnswers(
		surveyId: string,
		customerId: string,
		answers: Answers,
		channel: ResponseChannel,
		nameOf: (id: string) => string
	): Promise<CodeOutcome> {
		return this.#record(surveyId, customerId, answers, channel, '', nameOf);
	}

	async #record(
		surveyId: string,
		customerId: string,
		answers: Answers,
		channel: ResponseChannel,
		invitationId: string,
		nameOf: (id: string) => string
	): Promise<CodeOutcome> {
		const result = await this.session.commands
			.recordResponse(surveyId, customerId, answers, channel, invitationId, {
				nps: t('survey.complaintNps'),
				csat: t('survey.complaintCsat')
			})
			.catch(failed);
		if (!result) return { kind: 'failed' };
		// The invitation's customer was deleted, or its survey, since the link went out.
		if (!result.ok)
			return { kind: 'refused', reason: result.reason === 'invalid' ? 'forged' : 'gone' };
		const name = nameOf(customerId);
		if (result.value.duplicate) return { kind: 'duplicate', name };
		return { kind: 'recorded', name, complaint: result.value.complaintId !== '' };
	}
}

export function rememberedShopName(): string {
	try {
		return localStorage.getItem(SHOP_NAME_KEY) ?? '';
	} catch {
		return '';
	}
}

function rememberShopName(name: string): void {
	try {
		localStorage.setItem(SHOP_NAME_KEY, name.trim().slice(0, 80));
	} catch {
		// Not kept: the field is simply empty next time.
	}
}

/** A read or a command that failed outright (storage refused, say): nothing was recorded. */
function failed(error: unknown): null {
	console.error('Clientbook could not read or record survey answers', error);
	return null;
}
