import { askBackground } from '../../utils/ask';
import { toCsv, toJson } from '../../utils/inventory/export';

/** Saves text as a file through a Blob and an `<a download>`, the way every browser accepts from an extension page. */
export function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What an export saved: the file's name and how many keys and sightings it holds. */
export interface Saved {
  name: string;
  keys: number;
  sightings: number;
}

/**
 * Exports the inventory (redacted forms and fingerprints only) as JSON or CSV. The CSV starts with a
 * UTF-8 byte order mark, so spreadsheet programs read `…` and non-Latin site names correctly.
 */
export async function exportInventory(format: 'json' | 'csv'): Promise<Saved> {
  const { keys, sightings } = await askBackground('exportInventory', {});
  const day = new Date().toISOString().slice(0, 10);
  const name = `keyward-inventory-${day}.${format}`;
  if (format === 'json') saveFile(name, toJson(keys, sightings), 'application/json');
  else saveFile(name, `\uFEFF${toCsv(sightings)}`, 'text/csv;charset=utf-8');
  return { name, keys: keys.length, sightings: sightings.length };
}
