import { defineBackground } from 'wxt/utils/define-background';
import { startBadge } from './badge';
import { startIcon } from './icon';
import { startPauseExpiry } from './pause';
import { startInventory } from './inventory';
import { startPolicy } from './policy';
import { startReporting } from './reporting';
import { startSites } from './sites';
import { startWelcome } from './welcome';

export default defineBackground(() => {
  // Filled by the inventory and policy modules.
  startInventory();
  startBadge();
  startPolicy();
  startSites();
  startReporting();
  startWelcome();
  startIcon();
  startPauseExpiry();
});
