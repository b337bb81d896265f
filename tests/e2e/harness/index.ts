import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { Engine } from './browsers';
import type { KwBrowser, LaunchOptions } from './types';

export * from './types';
export * from './browsers';
export { poll } from './routing';

/** Launches the given engine with the built KeyWard extension installed. */
export function launch(engine: Engine, options: LaunchOptions = {}): Promise<KwBrowser> {
  return engine === 'chromium' ? launchChromium(options) : launchFirefox(options);
}
