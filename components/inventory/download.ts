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

/** Exports the inventory (redacted forms and fingerprints only) as JSON or CSV. */
export async function exportInventory(format: 'json' | 'csv'): Promise<void> {
  const { keys, sightings } = await askBackground('exportInventory', {});
  const day = new Date().toISOString().slice(0, 10);
  if (format === 'json') saveFile(`keyward-inventory-${day}.json`, toJson(keys, sightings), 'application/json');
  else saveFile(`keyward-inventory-${day}.csv`, toCsv(sightings), 'text/csv');
}
