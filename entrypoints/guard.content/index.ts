import { defineContentScript } from 'wxt/utils/define-content-script';

export default defineContentScript({
  matches: ['https://github.com/*'],
  allFrames: true,
  runAt: 'document_start',
  main() {
    document.documentElement.dataset.keywardGuard = 'on';
  },
});
