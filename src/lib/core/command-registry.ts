import { checkArgs, CommandRefused, type AnyCommand } from './command';

/**
 * Every command the worker answers, by name. The app's are declared by its features (see
 * workspace/commands.ts); `register` adds more, refusing a name already taken, so two features
 * can never answer one name differently.
 */
export class CommandRegistry {
	readonly #commands = new Map<string, AnyCommand>();

	constructor(commands: Record<string, AnyCommand> = {}) {
		this.register(commands);
	}

	register(commands: Record<string, AnyCommand>): void {
		for (const name of Object.keys(commands)) {
			if (this.#commands.has(name)) throw new Error(`the command ${name} is declared twice`);
		}
		for (const [name, spec] of Object.entries(commands)) this.#commands.set(name, spec);
	}

	get(name: string): AnyCommand {
		const spec = this.#commands.get(name);
		if (!spec) throw new CommandRefused(`there is no command ${name}`);
		return spec;
	}

	/** The command declared under `name` and the call's arguments, checked against it. */
	prepare(name: string, given: unknown): { spec: AnyCommand; checked: unknown[] } {
		const spec = this.get(name);
		return { spec, checked: checkArgs(name, spec, given) };
	}

	names(): string[] {
		return [...this.#commands.keys()];
	}
}
