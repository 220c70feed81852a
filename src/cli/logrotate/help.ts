/** logrotate 3.21's help, usage and version texts, word for word where scripts may read them. */
import { DEFAULT_STATE } from "./arguments.js";

export const USAGE = `Usage: rotor-logrotate [-dfv?] [-d|--debug] [-f|--force] [-m|--mail=command]
        [-s|--state=statefile] [--skip-state-lock] [--wait-for-state-lock]
        [-v|--verbose] [-l|--log=logfile] [--version] [-?|--help] [--usage]
        [OPTION...] <configfile>`;

export const HELP = `Usage: rotor-logrotate [OPTION...] <configfile>
  -d, --debug                   Don't do anything, just test and print debug
                                messages
  -f, --force                   Force file rotation
  -m, --mail=command            Command to send mail (instead of
                                \`/usr/bin/mail')
  -s, --state=statefile         Path of state file
      --skip-state-lock         Do not lock the state file
      --wait-for-state-lock     Wait for lock on the state file
  -v, --verbose                 Display messages during rotation
  -l, --log=logfile             Log file or 'syslog' to log to syslog
      --version                 Display version information

Help options:
  -?, --help                    Show this help message
      --usage                   Display brief usage message`;

/**
 * The `--version` text: logrotate's first line names the version it is compatible with,
 * so that scripts parsing `logrotate --version` keep working.
 *
 * @example
 * versionText("0.1.0").split("\n")[0]; // "logrotate 3.21.0 (rotor-logrotate 0.1.0)"
 */
export function versionText(rotorVersion: string): string {
  return `logrotate 3.21.0 (rotor-logrotate ${rotorVersion})

    Default mail command:       /usr/bin/mail
    Default compress command:   gzip (built in, zlib)
    Default uncompress command: /bin/gunzip
    Default compress extension: .gz
    Default state file path:    ${DEFAULT_STATE}
    ACL support:                no
    SELinux support:            no`;
}
