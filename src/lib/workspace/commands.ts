import { CommandRegistry } from '../core/command-registry';
import { activityCommands } from '../features/activity/commands';
import { backupCommands } from '../features/backup/commands';
import { customFieldCommands } from '../features/custom-fields/commands';
import { customerCommands } from '../features/customers/commands';
import { demoCommands } from '../features/demo/commands';
import { importCommands } from '../features/import/commands';
import { reportCommands } from '../features/insights/commands';
import { productCommands } from '../features/products/commands';
import { segmentCommands } from '../features/segments/commands';
import { shopCommands } from '../features/shop/commands';
import { syncCommands } from '../features/sync/commands';
import { tagCommands } from '../features/tags/commands';
import { valueCommands } from '../features/value/commands';
import { loyaltyCommands } from '../features/loyalty/commands';
import { couponCommands } from '../features/coupons/commands';
import { careCommands } from '../features/care/commands';
import { automationCommands } from '../features/automations/commands';
import { dealCommands } from '../features/deals/commands';
import { leadCommands } from '../features/leads/commands';
import { feedbackCommands } from '../features/feedback/commands';
import { auditCommands } from '../features/audit/commands';
import { privacyCommands } from '../features/privacy/commands';
import { roleCommands } from '../features/roles/commands';

/** Each feature's commands; the registry refuses a name two of them declare. */
export const FEATURE_COMMANDS = [
	customerCommands,
	customFieldCommands,
	tagCommands,
	productCommands,
	activityCommands,
	shopCommands,
	demoCommands,
	importCommands,
	syncCommands,
	backupCommands,
	segmentCommands,
	reportCommands,
	valueCommands,
	loyaltyCommands,
	couponCommands,
	careCommands,
	automationCommands,
	dealCommands,
	leadCommands,
	feedbackCommands,
	auditCommands,
	privacyCommands,
	roleCommands
] as const;

/** The registry the worker dispatches by name. */
export function appCommandRegistry(): CommandRegistry {
	const registry = new CommandRegistry();
	for (const commands of FEATURE_COMMANDS) registry.register(commands);
	return registry;
}

type Merged<List extends readonly object[]> = List extends readonly [
	infer First,
	...infer Rest extends readonly object[]
]
	? First & Merged<Rest>
	: unknown;

/** Every command by name, as the page's proxy is typed (see `WorkspaceSession.commands`). */
export type AppCommands = Merged<typeof FEATURE_COMMANDS>;

/** Every command in one object, for tests that go through all of them. */
export const APP_COMMANDS_FOR_TESTS = Object.assign({}, ...FEATURE_COMMANDS) as AppCommands;
