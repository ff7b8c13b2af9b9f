import type { AuditFacts } from '../../../core/audit-action';

/** The part of the workspace that logs (see the `recordAudit` command). */
export interface AuditWriter {
	commands: { recordAudit(facts: AuditFacts): Promise<unknown> };
}

/**
 * Logs an action the page did (a file saved, a team joined). The action has happened by then:
 * a log that cannot be written is said in the console and never turns it into a failure.
 */
export async function logAction(session: AuditWriter, facts: AuditFacts): Promise<void> {
	try {
		await session.commands.recordAudit(facts);
	} catch (error) {
		console.warn('Clientbook could not write the audit log', error);
	}
}
