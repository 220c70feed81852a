// pino loads its transport in a worker thread, where the test process's tsx hooks are not
// registered: register them here, then hand pino the transport from the sources.
import { register } from "tsx/esm/api";

register();
const { default: pinoTransport } = await import("../../../src/writer/pino.ts");
export default pinoTransport;
