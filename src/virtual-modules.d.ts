/** The workspace worker entry's URL, from the build plugin in vite.config.ts. */
declare module 'virtual:workspace-worker-url' {
	const url: string;
	export default url;
}
