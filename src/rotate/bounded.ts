/**
 * Work over many items with a bound on how much of it is under way at once.
 *
 * WHY: a batch's calls that each hold a file descriptor while they wait for the disk (a
 * compression, the barrier's fdatasync of each compressed file, a directory's fsync) must not
 * all be started together: with thousands of logs they took more descriptors than the
 * process may have (EMFILE under the common soft limit of 1,024), and the rotations whose
 * calls failed were reported failed. libuv's thread pool makes only a few of them at a time
 * anyway, so a bound costs nothing the disk could have merged.
 */

/**
 * Runs `work` on each of `items`, at most `limit` at a time; rejects with the first error
 * once no work is under way (the rest is not started).
 *
 * @example
 * await eachBounded(dirs, 64, (dir) => fs.fsyncDir(dir));
 */
export async function eachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (next < items.length && failure === null) {
      try {
        await work(items[next++]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(items.length, limit) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/**
 * Runs `work` on each of `items`, at most `limit` at a time, and says how each went, in
 * their order (as Promise.allSettled).
 *
 * @example
 * const synced = await settleBounded(paths, 64, (path) => fs.fsyncFile(path));
 */
export async function settleBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<Array<PromiseSettledResult<R>>> {
  const results = new Array<PromiseSettledResult<R>>(items.length);
  const indexes = items.map((_, k) => k);
  await eachBounded(indexes, limit, async (k) => {
    try {
      results[k] = { status: "fulfilled", value: await work(items[k]!) };
    } catch (reason) {
      results[k] = { status: "rejected", reason };
    }
  });
  return results;
}
