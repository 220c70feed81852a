/**
 * Running external programs (scripts through /bin/sh, shred, external compressors): one
 * injectable function, so tests can record calls or simulate failures, and so arguments
 * always travel as an argv array, never through a shell string.
 */
import { spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface CommandResult {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  signal: string | null;
  /** The last few KiB of stderr, for error messages. */
  stderr: string;
}

export interface CommandOptions {
  /** Fed to the program's stdin (an external compressor's input). */
  stdin?: Readable;
  /** Receives the program's stdout (an external compressor's output). */
  stdout?: Writable;
  /** Aborting kills the program (SIGTERM). */
  signal?: AbortSignal;
  cwd?: string;
  /** Run as this user and group (logrotate's `su`); needs root. */
  uid?: number;
  gid?: number;
}

export type RunCommand = (file: string, args: readonly string[], options?: CommandOptions) => Promise<CommandResult>;

const STDERR_KEEP = 4096;

/** Runs a program to completion; never rejects for a non-zero exit (the caller decides). */
export const runCommand: RunCommand = (file, args, options = {}) =>
  new Promise<CommandResult>((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: [options.stdin ? "pipe" : "ignore", options.stdout ? "pipe" : "ignore", "pipe"],
      signal: options.signal,
      cwd: options.cwd,
      uid: options.uid,
      gid: options.gid,
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    // Each pipe's failure is caught at once (a program that exits without reading its stdin
    // breaks that pipe); whether it matters is decided when the program has exited.
    const pipeErrors: unknown[] = [];
    const pipes: Promise<void>[] = [];
    const watch = (pipe: Promise<void>): number => pipes.push(pipe.catch((error: unknown) => void pipeErrors.push(error)));
    if (options.stdin) watch(pipeline(options.stdin, child.stdin!));
    if (options.stdout) watch(pipeline(child.stdout!, options.stdout));
    let spawnError: Error | null = null;
    child.once("error", (error) => (spawnError = error));
    child.once("close", (code, signal) => {
      void Promise.all(pipes).then(() => {
        if (spawnError) return reject(spawnError);
        // A program that failed explains itself on stderr; a pipe error only matters on success.
        if (pipeErrors.length > 0 && code === 0) return reject(pipeErrors[0]);
        resolve({ code, signal, stderr });
      });
    });
  });
