import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // Filled by the inventory and policy modules.
});
