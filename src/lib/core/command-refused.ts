/** Raised when a page asks for a command no feature declared, or with malformed arguments. */
export class CommandRefused extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CommandRefused';
	}
}
