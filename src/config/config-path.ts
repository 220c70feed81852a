/** Which loader a config file needs, by its name alone (cheap: loads no parser). */

/**
 * Whether a path names a rotor YAML config (by its extension).
 *
 * @example
 * isRotorConfigPath("/etc/rotor.yml"); // true
 */
export function isRotorConfigPath(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}
