/** Where commands write, injected so that tests capture it. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}
