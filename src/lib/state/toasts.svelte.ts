export interface ToastAction {
	label: string;
	run: () => void;
}

export interface Toast {
	id: number;
	message: string;
	action?: ToastAction;
	/** Errors stay until dismissed and are announced assertively. */
	tone: 'info' | 'error';
}

const DEFAULT_DURATION_MS = 6000;

class ToastQueue {
	items = $state<Toast[]>([]);
	#nextId = 1;
	#timers = new Map<number, ReturnType<typeof setTimeout>>();
	#confirmationsHeld: () => boolean = () => false;

	/**
	 * While `held` says so, informational notices ("Added…", "Saved") are not shown: the changes
	 * they confirm are not stored, and a banner says what happened instead. Errors still show.
	 */
	holdConfirmationsWhile(held: () => boolean): void {
		this.#confirmationsHeld = held;
	}

	show(
		message: string,
		options: { action?: ToastAction; tone?: Toast['tone']; durationMs?: number | null } = {}
	): number {
		const id = this.#nextId++;
		const tone = options.tone ?? 'info';
		if (tone === 'info' && this.#confirmationsHeld()) return id;
		// Only the newest Undo is offered: an older one would undo this newer step instead of its
		// own (the undo manager takes back the latest), e.g. bring back a product just merged.
		const label = options.action?.label;
		const older = this.items
			.slice(-2)
			.map((toast) =>
				label !== undefined && toast.action?.label === label
					? { ...toast, action: undefined }
					: toast
			);
		this.items = [...older, { id, message, action: options.action, tone }];
		const duration = options.durationMs === undefined ? DEFAULT_DURATION_MS : options.durationMs;
		if (duration !== null && tone !== 'error') {
			this.#timers.set(
				id,
				setTimeout(() => this.dismiss(id), duration)
			);
		}
		return id;
	}

	dismiss(id: number): void {
		clearTimeout(this.#timers.get(id));
		this.#timers.delete(id);
		this.items = this.items.filter((toast) => toast.id !== id);
	}
}

export const toasts = new ToastQueue();
