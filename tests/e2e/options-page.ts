import type { KwPage } from './harness';

/** What a user does and reads on KeyWard's options page (options.html). */

/** Types `value` into a list's field (allowlist, extraSites, excludedSites) and presses Add. */
export async function addEntry(page: KwPage, field: string, value: string): Promise<void> {
  await page.evaluate((f) => {
    const input = document.querySelector<HTMLInputElement>(`#${f}-input`)!;
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, field);
  await page.focus(`#${field}-input`);
  await page.type(value);
  await page.click(`.list-${field} button.add`);
}

/** Types `value` as the most sightings kept and presses the retention's save button. */
export async function setRetention(page: KwPage, value: string): Promise<void> {
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('#retention-maxSightings')!;
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.focus('#retention-maxSightings');
  await page.type(value);
  await page.click('button.save-retention');
}

/** The error message the input with this id points at, once the input is marked invalid. */
export function errorNextTo(page: KwPage, inputId: string): Promise<string> {
  return page.waitFor((id) => {
    const input = document.getElementById(id)!;
    const error = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    return input.getAttribute('aria-invalid') === 'true' && error?.closest('form') === input.closest('form') ? error!.textContent : '';
  }, inputId);
}

/** The save confirmation of a section (`retention`, `actions`, …) once it shows: its text, and whether it is a live region. */
export async function savedIn(page: KwPage, section: string): Promise<{ text: string; live: string | null }> {
  const saved = await page.waitFor((name) => {
    const status = document.querySelector(`.section-${name} .saved`);
    return status?.textContent ? { text: status.textContent, live: status.getAttribute('aria-live') } : undefined;
  }, section);
  // waitFor answers only once the confirmation shows.
  return saved!;
}
