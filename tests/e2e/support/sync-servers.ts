/** Ports of the servers the sync journeys start (see playwright.config.ts). */
// E2E_PORT_OFFSET lets two checkouts run their journeys side by side without sharing servers.
const OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const APP_PORT = 4173 + OFFSET;
export const SIGNALING_PORT = 4445 + OFFSET;
export const RELAY_PORT = 4446 + OFFSET;
export const SIGNALING_URL = `ws://127.0.0.1:${SIGNALING_PORT}`;
export const RELAY_URL = `ws://127.0.0.1:${RELAY_PORT}`;
