import { browser } from 'wxt/browser';

/** Opens the welcome page once, when KeyWard is installed (not on updates or browser starts). */
export function startWelcome(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
}
