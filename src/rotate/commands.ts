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
    const pipes: Promise<void>[] = [];
    if (options.stdin) pipes.push(pipeline(options.stdin, child.stdin!));
    if (options.stdout) pipes.push(pipeline(child.stdout!, options.stdout));
    let spawnError: Error | null = null;
    child.once("error", (error) => (spawnError = error));
    child.once("close", (code, signal) => {
      Promise.allSettled(pipes).then((results) => {
        if (spawnError) return reject(spawnError);
        const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
        // A program that failed explains itself on stderr; a pipe error only matters on success.
        if (failed && code === 0) return reject(failed.reason);
        resolve({ code, signal, stderr });
      });
    });
  });
