import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The OCSF Data Security Finding schema from ../shared/ocsf (generated from the official OCSF schema),
 * compiled once: every event KeyWard sends must validate against it.
 */
const SCHEMA = join(import.meta.dirname, '../../../shared/ocsf/data-security-finding.schema.json');

let compiled: ((event: unknown) => string | undefined) | undefined;

/** Why an event is not a valid OCSF Data Security Finding, or undefined when it is. */
export function ocsfProblems(event: unknown): string | undefined {
  if (!compiled) {
    if (!existsSync(SCHEMA)) throw new Error(`The OCSF schema is missing: expected ${SCHEMA} (the shared folder beside the checkout).`);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    compiled = (e) => (validate(e) ? undefined : ajv.errorsText(validate.errors));
  }
  return compiled(event);
}
