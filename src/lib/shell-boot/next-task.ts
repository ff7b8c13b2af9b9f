/**
 * Resolves in a new task of the event loop, letting the browser handle input and paint in
 * between. A message is used rather than `setTimeout(0)`, which browsers clamp to 4 ms once
 * timers nest.
 */
export function nextTask(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}
