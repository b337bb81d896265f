import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, toCsv, toJson } from '../../utils/inventory/export';
import { keyFromSightings } from '../../utils/inventory/summary';
import { sighting } from './inventory-fixtures';

const sightings = [
  sighting({ time: Date.UTC(2026, 0, 2), outcome: 'inserted-anyway', justification: 'a test key, "revoked", see doc' }),
  { ...sighting({ time: Date.UTC(2026, 0, 1), path: '/a,b' }), afterRotation: true },
];
const keys = [keyFromSightings(sightings)!];

describe('export', () => {
  it('writes JSON with keys and sightings, oldest first, and nothing else', () => {
    const parsed = JSON.parse(toJson(keys, sightings, Date.UTC(2026, 0, 3)));
    expect(parsed.format).toBe('keyward-inventory/1');
    expect(parsed.exportedAt).toBe('2026-01-03T00:00:00.000Z');
    expect(parsed.keys).toEqual([
      {
        fingerprint: 'a1b2c3d4e5f60718',
        redacted: 'sk-proj-…Ab3d',
        provider: 'openai',
        type: 'project key',
        sightings: 2,
        firstSeen: '2026-01-01T00:00:00.000Z',
        lastSeen: '2026-01-02T00:00:00.000Z',
        outcomes: { 'inserted-anyway': 1, blocked: 1 },
        sites: ['https://github.com'],
        rotatedAt: null,
      },
    ]);
    expect(parsed.sightings.map((s: { time: string }) => s.time)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
    expect(Object.keys(parsed.sightings[1]).sort()).toEqual(
      ['afterRotation', 'event', 'fingerprint', 'justification', 'origin', 'outcome', 'path', 'provider', 'redacted', 'time', 'type'].sort(),
    );
    expect(parsed.sightings[0].afterRotation).toBe(true);
  });

  it('writes CSV with a header and quoted cells', () => {
    const lines = toCsv(sightings).split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1]).toBe('2026-01-01T00:00:00.000Z,a1b2c3d4e5f60718,sk-proj-…Ab3d,openai,project key,https://github.com,"/a,b",paste,blocked,,true');
    expect(lines[2]).toBe(
      '2026-01-02T00:00:00.000Z,a1b2c3d4e5f60718,sk-proj-…Ab3d,openai,project key,https://github.com,/o/r/issues/new,paste,inserted-anyway,"a test key, ""revoked"", see doc",false',
    );
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('plain')).toBe('plain');
  });
});
