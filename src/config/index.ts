/**
 * The config layer: one model, loaders into it, and errors that name file:line:column.
 * Depends on no other layer of rotor.
 */
export * from "./model.js";
export { ConfigError, expected, type ConfigErrorCode, type ConfigProblem } from "./errors.js";
export { createMemoryAccounts, createMemoryReader, type Accounts, type ConfigReader, type FileInfo, type FileKind, type MemoryEntry } from "./reader.js";
export { createNodeAccounts, createNodeReader } from "./node-reader.js";
export { DEFAULT_COMPRESS_COMMAND, DEFAULT_SIZE, copySettings, defaultSettings, finishSettings } from "./settings.js";
export { fnmatch, hasGlob } from "./fnmatch.js";
export { DIRECTIVES, directiveHelp, lookupDirective, parseLogrotate, type Directive, type ParseOptions, type ParseResult } from "./logrotate/index.js";
export { ConfigLoadError } from "./errors.js";
export { isRotorConfigPath } from "./config-path.js";
// rotor's YAML loader and loadConfigFile are in ./yaml/index.js, loaded only where needed.
