import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';
import { dealFields } from '../deals/commands';
import { CONSENT_DECISIONS, CONSENT_PURPOSES, CONSENT_WAYS } from './rules/consent';

const newLead = shape({ name: text, phone: text, source: text, ownerId: text, notes: text });

const kioskSettings = shape({
	fields: v.array(text),
	customFields: v.array(text),
	consentText: shape({ en: text, 'zh-CN': text }),
	welcome: shape({ kind: text, points: v.number(), campaignId: text })
});

const walkIn = shape({
	name: text,
	phone: text,
	fields: v.record(v.string(), text),
	custom: shape({}),
	consents: shape({ sms: v.boolean(), wechat: v.boolean(), email: v.boolean() }),
	language: v.picklist(['en', 'zh-CN']),
	welcomeNote: text
});

// Loaded on first use: the worker's first load (part of the first route's budget) need not
// carry them.
const load = () => import('./lead-commands');

const consentInput = v.strictObject({
	purpose: v.picklist(CONSENT_PURPOSES),
	decision: v.picklist(CONSENT_DECISIONS),
	method: v.picklist(CONSENT_WAYS),
	text
});

/** The leads inbox and the walk-in kiosk. */
export const leadCommands = {
	/** A consent decision for one purpose, as the customer gave it (added to their history). */
	recordConsent: command({
		args: args(id, consentInput),
		undo: 'step',
		load: async () => (await load()).recordConsent
	}),
	addLead: command({
		args: args(newLead),
		undo: 'step',
		load: async () => (await load()).addLead
	}),
	assignLead: command({
		args: args(id, id),
		undo: 'step',
		load: async () => (await load()).assignLead
	}),
	discardLead: command({
		args: args(id, text, text),
		undo: 'step',
		load: async () => (await load()).discardLead
	}),
	reopenLead: command({
		args: args(id),
		undo: 'step',
		load: async () => (await load()).reopenLead
	}),
	keepLeadApart: command({
		args: args(id, id),
		undo: 'step',
		load: async () => (await load()).keepLeadApart
	}),
	qualifyLead: command({
		args: args(id, dealFields),
		undo: 'step',
		load: async () => (await load()).qualifyLead
	}),
	setKioskSettings: command({
		args: args(kioskSettings),
		undo: 'step',
		load: async () => (await load()).setKioskSettings
	}),
	signUpWalkIn: command({
		args: args(walkIn),
		undo: 'step',
		load: async () => (await load()).signUpWalkIn
	})
};
