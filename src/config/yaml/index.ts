/**
 * rotor's YAML config, and `loadConfigFile` (either format). A separate entry from the
 * config barrel on purpose: the YAML parser and the schema library take about a quarter of
 * a second to load, which `rotor-logrotate` — a one-shot command run from cron on logrotate
 * configs — must not pay (`npm run bench:logrotate`'s no-op pass is mostly start-up).
 */
export { loadConfigFile } from "../load-config.js";
export { loadRotorConfig, readRotorConfig } from "./load.js";
export { parseRotorConfig, type RotorParseResult } from "./document.js";
export { rotorJsonSchema, rotorJsonSchemaText } from "./schema.js";
