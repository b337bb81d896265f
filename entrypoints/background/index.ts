import { defineBackground } from 'wxt/utils/define-background';
import { startBadge } from './badge';
import { startInventory } from './inventory';
import { startPolicy } from './policy';
import { startReporting } from './reporting';
import { startSites } from './sites';

export default defineBackground(() => {
  // Filled by the inventory and policy modules.
  startInventory();
  startBadge();
  startPolicy();
  startSites();
  startReporting();
});
