/**
 * Test keys, built at run time from a seeded RNG, so no key-shaped literal is ever committed (the
 * repository is scanned by the very engine under test). The shapes are the providers' own examples
 * (utils/detect/provider/<id>.ts, gathered in ./examples.ts there); prefixes and the OpenAI marker are harmless on their own.
 */
import { PROVIDER_EXAMPLES } from '../../utils/detect/provider/examples';
import type { NearMiss, ShapeSpec } from '../../utils/detect/provider/example';
import type { ProviderId } from '../../utils/detect/types';
import type { Rng } from '../../utils/detect/provider/example';

export { AN, B64U, DIGITS, HEX, LOWER, UPPER, randomString, seededRng, type Rng, type ShapeSpec } from '../../utils/detect/provider/example';
export { OPENAI_MARKER as MARKER } from '../../utils/detect/openai';

/** Every shape in KEY-FORMATS.md: each provider's examples. */
export const ALL_SHAPES: readonly ShapeSpec[] = PROVIDER_EXAMPLES.flatMap((p) => p.examples);

/** Every provider's near-misses: texts shaped like its keys that must never be reported. */
export const NEAR_MISSES: readonly (NearMiss & { provider: ProviderId })[] = PROVIDER_EXAMPLES.flatMap((p) => p.nearMisses.map((n) => ({ ...n, provider: p.id })));

const BY_SHAPE = new Map(ALL_SHAPES.map((s) => [s.shape, s]));

/** The spec of a shape by name; throws on a typo so a test cannot silently test nothing. */
export function shapeSpec(shape: string): ShapeSpec {
  const found = BY_SHAPE.get(shape);
  if (found === undefined) throw new Error(`unknown key shape ${shape}`);
  return found;
}

/** A random key of `shape`, e.g. `makeKey('openai-project-164', seededRng(1))`. */
export function makeKey(shape: string, rng: Rng): string {
  return shapeSpec(shape).make(rng);
}
