// Lint rules, including the layer rule of DESIGN.md: each layer imports only the layers
// above it. The scheduler depends on nothing but the JS runtime; its one host adapter
// (src/scheduler/host.ts) is the only file allowed to touch host APIs.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Layers in order; a layer may import only those listed before it. */
const layers = ["scheduler", "rotate", "triggers", "config", "daemon", "writer", "cli"];

/** `config` depends on no other layer (STYLE.md), whatever its position in the list. */
const independent = new Set(["config"]);

function forbiddenFor(layer) {
  const index = layers.indexOf(layer);
  const allowed = independent.has(layer) ? [] : layers.slice(0, index);
  return layers.filter((other) => other !== layer && !allowed.includes(other));
}

const layerRules = layers.map((layer) => {
  const patterns = [];
  const forbidden = forbiddenFor(layer);
  if (forbidden.length > 0) {
    patterns.push({
      group: forbidden.flatMap((other) => [`../${other}`, `../${other}/*`, `../../${other}/*`]),
      message: `src/${layer} may not import this layer: see the layer list in DESIGN.md.`,
    });
  }
  if (layer === "scheduler") {
    patterns.push({ group: ["node:*", "fs", "path", "os", "child_process"], message: "src/scheduler imports no host module; go through src/scheduler/host.ts." });
  }
  return { files: [`src/${layer}/**/*.ts`], rules: patterns.length > 0 ? { "no-restricted-imports": ["error", { patterns }] } : {} };
});

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Generators that only delegate (`yield*`) to an operation are the normal shape here.
      "require-yield": "off",
    },
  },
  ...layerRules,
  {
    files: ["src/scheduler/**/*.ts"],
    ignores: ["src/scheduler/host.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        ...["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "setInterval", "performance", "process"].map((name) => ({
          name,
          message: "The scheduler reaches the host only through src/scheduler/host.ts.",
        })),
      ],
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "Read time from the injected Clock." }],
    },
  },
);
