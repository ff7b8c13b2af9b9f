/** Ports of the servers the sync journeys start (see playwright.config.ts). */
export const SIGNALING_PORT = 4445;
export const RELAY_PORT = 4446;
export const SIGNALING_URL = `ws://127.0.0.1:${SIGNALING_PORT}`;
export const RELAY_URL = `ws://127.0.0.1:${RELAY_PORT}`;
