// `npm run schema`: writes schema/rotor.schema.json and the key reference of
// docs/config-yaml.md from the job-key table (test/config/yaml/schema.test.ts fails when
// either is stale).
import { readFileSync, writeFileSync } from "node:fs";
import { rotorJsonSchemaText } from "../src/config/yaml/schema.js";
import { withReference } from "../src/config/yaml/reference.js";

const root = new URL("..", import.meta.url);
writeFileSync(new URL("schema/rotor.schema.json", root), rotorJsonSchemaText());
const doc = new URL("docs/config-yaml.md", root);
writeFileSync(doc, withReference(readFileSync(doc, "utf8")));
