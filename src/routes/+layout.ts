// Clientbook renders in the browser from local data: no server rendering, and the static
// host answers every route with the SPA fallback page.
export const ssr = false;
export const prerender = false;
