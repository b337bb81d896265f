/**
 * What WXT's content script entry hands to `main` in the guard's build (wxt.config.ts points
 * `wxt/utils/content-script-context` here): nothing. WXT's own context cost about 0.4 ms at every page
 * load, within the guard's 2 ms budget: the runtime API's first use (for its event names), an event and
 * a message posted to the page, a location watcher. The guard keeps its own lifetime instead
 * (utils/guard/copies.ts), so its `main` takes no `ctx`.
 */
export class ContentScriptContext {}
