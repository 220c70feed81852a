#!/usr/bin/env bash
# logrotate-experiments.sh -- recreates, from scratch, the experiments behind
# docs/logrotate-behaviour.md: the real logrotate (Debian 3.21.0) is run with -f on
# small hand-made log directories, and the before/after listings, the verbose output,
# the exit code, what the scripts saw and the syscall order (strace) are printed.
#
# Needs: root, logrotate, gzip, xz, shred, strace, faketime
#   apt-get install -y logrotate xz-utils strace faketime
# Usage:  sudo bash docs/logrotate-experiments.sh > /tmp/lr-results.txt 2>&1
#         sudo bash docs/logrotate-experiments.sh 04 07b   # only scenarios whose id starts so
# Env:    LR_BASE   scratch directory (default /tmp/lr-research/exp, wiped per scenario)
#         LR_TRACE  1 (default) records the syscall order with strace; 0 skips it
#
# In the output, $S stands for the scenario's directory; logs live in $S/logs, the config
# is $S/conf, the state file $S/state, and $S/scripts.out is what scripts printed.
# Every run is `logrotate -f -v -s $S/state $S/conf` under `faketime "2026-03-15 10:00:00"`
# unless the scenario says otherwise (NOFAKE=1: real clock; NOFORCE=1: no -f).
set -u
export LC_ALL=C TZ=UTC
umask 022

[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 2; }
for t in logrotate gzip xz shred strace faketime; do
  command -v "$t" >/dev/null || { echo "missing: $t (apt-get install -y logrotate xz-utils strace faketime)" >&2; exit 2; }
done

BASE=${LR_BASE:-/tmp/lr-research/exp}
FT='2026-03-15 10:00:00'          # the fixed "now" used with faketime
TRACE=${LR_TRACE:-1}
ONLY=("$@")
mkdir -p "$BASE"
S=""

# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

# want ID -- is this scenario selected on the command line?
want() {
  [ ${#ONLY[@]} -eq 0 ] && return 0
  local p; for p in "${ONLY[@]}"; do case "$1" in "$p"*) return 0;; esac; done; return 1
}

# new ID "title" -- start a scenario in $BASE/ID (fresh)
new() {
  S="$BASE/$1"
  rm -rf "$S"; mkdir -p "$S/logs"
  printf '\n\n######################################################################\n'
  printf '### %s  %s\n' "$1" "$2"
  printf '######################################################################\n'
}

# mk NAME CONTENT [MTIME] -- plain file in $S/logs;  mkgz: gzip-compressed file
mk()   { printf '%s\n' "$2" > "$S/logs/$1"; [ $# -ge 3 ] && touch -d "$3" "$S/logs/$1"; return 0; }
mkgz() { printf '%s\n' "$2" | gzip -c > "$S/logs/$1"; [ $# -ge 3 ] && touch -d "$3" "$S/logs/$1"; return 0; }
# conf -- the config, from stdin
conf() { cat > "$S/conf"; chmod 0644 "$S/conf"; }

# sl NAME -- one script line recording its name, $1, $2, $#, cwd and the logs directory
sl() {
  printf '    echo "%s 1=[$1] 2=[$2] argc=$# pwd=$(pwd) ls=[$(ls -A %s/logs | tr "\\n" " ")]" >> %s/scripts.out\n' \
    "$1" "$S" "$S"
}

content() {
  local magic; magic=$(od -An -tx1 -N2 -- "$1" 2>/dev/null | tr -d ' ')
  case "$magic" in
    1f8b) printf 'gz[%s]' "$(zcat -- "$1" 2>/dev/null | tr '\n' '|')" ;;
    fd37) printf 'xz[%s]' "$(xzcat -- "$1" 2>/dev/null | tr '\n' '|')" ;;
    *)    printf '%s' "$(tr '\n' '|' < "$1")" ;;
  esac
}

# listing DIR -- name, mode, owner, size, link count, content (decompressed; newline = |)
listing() {
  local d=$1 f
  [ -e "$d" ] || { echo "    (directory does not exist)"; return; }
  (cd "$d" && find . -mindepth 1 | sort) | while IFS= read -r f; do
    f=${f#./}
    if [ -L "$d/$f" ]; then
      printf '    %-30s symlink -> %s\n' "$f" "$(readlink "$d/$f")"
    elif [ -d "$d/$f" ]; then
      printf '    %-30s dir  %s\n' "$f/" "$(stat -c '%a %U:%G' "$d/$f")"
    elif [ -p "$d/$f" ]; then
      printf '    %-30s fifo\n' "$f"
    else
      printf '    %-30s %s size=%s links=%s  %s\n' "$f" "$(stat -c '%a %U:%G' "$d/$f")" \
        "$(stat -c %s "$d/$f")" "$(stat -c %h "$d/$f")" "$(content "$d/$f")"
    fi
  done
}
show() { echo "--- listing of $1:" | sed "s#$S#\$S#g"; listing "$1"; }

# filt FILE -- logrotate -v output without its boilerplate lines, paths shortened to $S
filt() {
  sed -e "s#$S#\$S#g" "$1" | grep -v -E \
    '^(reading config file|Reading state from file|acquired lock|Allocating hash table|Handling [0-9]+ logs|Creating stub state file|Creating new state|  Now: |  Last rotated at|$)' \
    | sed 's/^/    /'
}

# tfilt FILE -- strace output: execs and the file operations under $S
tfilt() {
  sed -E 's/^[0-9]+ +//' "$1" \
    | grep -v -E '^(\+\+\+|---)' \
    | grep -E "^execve|$S" \
    | grep -v -E '= -1 ENOENT' \
    | grep -v -E '^openat\([^"]*"/(etc|lib|lib64|proc|usr|dev|sys|run)/' \
    | grep -v -E "\"$S/(conf|state|state\\.tmp)\"|<$S/state(\\.tmp)?>" \
    | grep -v -E '^[a-z0-9]+\((AT_FDCWD|[0-9]+)?[^"]*"[^"]*(scripts\.out|\.trace-raw)' \
    | grep -v -E '^execve\("/(usr/)?bin/(ls|tr|cat|touch|readlink|faketime|date|id)"' \
    | sed -E -e "s#$S#\$S#g" -e 's/, 0x[0-9a-f]+ \/\* [0-9]+ vars \*\//, env/' \
    | sed 's/^/    /'
}

# run -- print config + before listing, run logrotate, print output/exit code/after/scripts/syscalls
#   NOFORCE=1 run   -> without -f;   NOFAKE=1 run -> real clock;   NOW='...' run -> other fake time
run() {
  local force=-f; [ "${NOFORCE:-0}" = 1 ] && force=
  local pre=(faketime "${NOW:-$FT}"); [ "${NOFAKE:-0}" = 1 ] && pre=()
  echo "--- config:"; sed -e "s#$S#\$S#g" -e 's/^/    /' "$S/conf"
  echo "--- before:"; listing "$S/logs"
  local cmd=("${pre[@]}" logrotate $force -v -s "$S/state" "$S/conf")
  echo "--- command: ${cmd[*]}" | sed "s#$S#\$S#g"
  rm -f "$S/scripts.out" "$S/.trace-raw"
  if [ "$TRACE" = 1 ]; then
    (cd "$S" && strace -f -qq -y -s 300 -o "$S/.trace-raw" \
      -e trace=execve,rename,renameat,renameat2,unlink,unlinkat,rmdir,mkdir,mkdirat,openat,creat,fchmod,fchmodat,chmod,fchown,fchownat,chown,lchown,ftruncate,truncate,link,linkat,symlink,symlinkat,fsetxattr,setxattr,chdir,fchdir,setresuid,setresgid,setuid,setgid,setfsuid,setfsgid,setreuid,setregid \
      "${cmd[@]}" > "$S/out" 2>&1)
  else
    (cd "$S" && "${cmd[@]}" > "$S/out" 2>&1)
  fi
  local rc=$?
  echo "--- logrotate output (boilerplate lines removed):"; filt "$S/out"
  echo "--- exit code: $rc"
  echo "--- after:"; listing "$S/logs"
  if [ -f "$S/scripts.out" ]; then
    echo "--- scripts.out:"; sed -e "s#$S#\$S#g" -e 's/^/    /' "$S/scripts.out"
  fi
  if [ "$TRACE" = 1 ]; then echo "--- syscalls (strace -f, filtered):"; tfilt "$S/.trace-raw"; fi
  return 0
}

# ===========================================================================
# 01  numbered rotation
# ===========================================================================
if want 01a; then new 01a "rotate 3, existing .1 .2 .3"
mk app.log live; mk app.log.1 v1; mk app.log.2 v2; mk app.log.3 v3
conf <<C
$S/logs/app.log {
  rotate 3
}
C
run; fi

if want 01b; then new 01b "rotate 3, gap: existing .1 and .3 only"
mk app.log live; mk app.log.1 v1; mk app.log.3 v3
conf <<C
$S/logs/app.log {
  rotate 3
}
C
run; fi

if want 01c; then new 01c "rotate 3, strays .4 .5 beyond the count"
mk app.log live; mk app.log.1 v1; mk app.log.2 v2; mk app.log.3 v3; mk app.log.4 v4; mk app.log.5 v5
conf <<C
$S/logs/app.log {
  rotate 3
}
C
run; fi

if want 01d; then new 01d "start 0, rotate 3, existing .0 .1 .2 (and .3 beyond)"
mk app.log live; mk app.log.0 v0; mk app.log.1 v1; mk app.log.2 v2; mk app.log.3 v3
conf <<C
$S/logs/app.log {
  rotate 3
  start 0
}
C
run; fi

if want 01e; then new 01e "start 5, rotate 3, existing .5 .6 .7 (+ .1 and .8)"
mk app.log live; mk app.log.1 v1; mk app.log.5 v5; mk app.log.6 v6; mk app.log.7 v7; mk app.log.8 v8
conf <<C
$S/logs/app.log {
  rotate 3
  start 5
}
C
run; fi

if want 01f; then new 01f "nocompress, rotate 3, existing .1 and .2.gz (mixed)"
mk app.log live; mk app.log.1 v1; mkgz app.log.2.gz v2gz
conf <<C
$S/logs/app.log {
  rotate 3
}
C
run; fi

if want 01g; then new 01g "no rotate directive (default count 0), existing .1"
mk app.log live; mk app.log.1 v1
conf <<C
$S/logs/app.log {
}
C
run; fi

if want 01h; then new 01h "rotate 3, existing .1 and .4 only (.4 = the dispose slot, .3 missing)"
mk app.log live; mk app.log.1 v1; mk app.log.4 v4
conf <<C
$S/logs/app.log {
  rotate 3
}
C
run; fi

# ===========================================================================
# 02  compression
# ===========================================================================
if want 02a; then new 02a "compress, rotate 3, existing .1.gz .2.gz; live is 0640 daemon:adm"
mk app.log live; mkgz app.log.1.gz v1; mkgz app.log.2.gz v2
chmod 0640 "$S/logs/app.log"; chown daemon:adm "$S/logs/app.log"
conf <<C
$S/logs/app.log {
  rotate 3
  compress
}
C
run; fi

if want 02b; then new 02b "compress, rotate 3, existing uncompressed .1 .2 (compress just turned on)"
mk app.log live; mk app.log.1 v1; mk app.log.2 v2
conf <<C
$S/logs/app.log {
  rotate 3
  compress
}
C
run; fi

if want 02c; then new 02c "compress + compressext .z (gzip still used)"
mk app.log live; mkgz app.log.1.z v1
conf <<C
$S/logs/app.log {
  rotate 3
  compress
  compressext .z
}
C
run; fi

if want 02d; then new 02d "compresscmd /usr/bin/xz + compressoptions -9 + compressext .xz"
mk app.log live; printf 'v1\n' | xz -c > "$S/logs/app.log.1.xz"
conf <<C
$S/logs/app.log {
  rotate 3
  compress
  compresscmd /usr/bin/xz
  compressoptions -9
  compressext .xz
}
C
run; fi

if want 02e; then new 02e "compresscmd /usr/bin/xz alone (no compressext, no compressoptions)"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 3
  compress
  compresscmd /usr/bin/xz
}
C
run; fi

if want 02f; then new 02f "compresscmd = wrapper script that records argv, stdin, stdout, cwd; compressoptions '-9 -n'"
mk app.log live
cat > "$S/gzwrap.sh" <<W
#!/bin/sh
echo "gzwrap argv=[\$*] argc=\$# stdin=\$(readlink /proc/\$\$/fd/0) stdout=\$(readlink /proc/\$\$/fd/1) pwd=\$(pwd)" >> $S/scripts.out
exec /bin/gzip "\$@"
W
chmod 0755 "$S/gzwrap.sh"
conf <<C
$S/logs/app.log {
  rotate 3
  compress
  compresscmd $S/gzwrap.sh
  compressoptions -9 -n
  compressext .gz
}
C
run; fi

if want 02g; then new 02g "compresscmd /bin/false (compression fails)"
mk app.log live; mkgz app.log.1.gz v1
conf <<C
$S/logs/app.log {
  rotate 3
  compress
  compresscmd /bin/false
  compressext .gz
}
C
run; fi

if want 02h; then new 02h "compress with umask 077 in the invoking shell; live 0644"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 3
  compress
}
C
( umask 077; run ); fi

# ===========================================================================
# 03  delaycompress
# ===========================================================================
if want 03a; then new 03a "compress + delaycompress, rotate 3, four successive forced runs from the live log only"
mk app.log live1
conf <<C
$S/logs/app.log {
  rotate 3
  compress
  delaycompress
}
C
echo "=== run 1"; run
mk app.log live2; echo "=== run 2 (after writing live2)"; run
mk app.log live3; echo "=== run 3 (after writing live3)"; run
mk app.log live4; echo "=== run 4 (after writing live4)"; run
fi

if want 03b; then new 03b "compress + delaycompress, rotate 1, two runs"
mk app.log live1
conf <<C
$S/logs/app.log {
  rotate 1
  compress
  delaycompress
}
C
echo "=== run 1"; run
mk app.log live2; echo "=== run 2"; run
fi

if want 03c; then new 03c "delaycompress with an already-compressed .1.gz present"
mk app.log live; mkgz app.log.1.gz v1
conf <<C
$S/logs/app.log {
  rotate 3
  compress
  delaycompress
}
C
run; fi

# ===========================================================================
# 04  dateext
# ===========================================================================
if want 04a; then new 04a "dateext (default -%Y%m%d), rotate 2"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
}
C
run; fi

if want 04b; then new 04b "dateext + dateformat -%Y-%m-%d-%s"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
  dateformat -%Y-%m-%d-%s
}
C
run; fi

if want 04c; then new 04c "dateext + dateyesterday"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
  dateyesterday
}
C
run; fi

if want 04d; then new 04d "hourly + dateext (no dateformat), at 10:30"
mk app.log live
conf <<C
$S/logs/app.log {
  hourly
  rotate 2
  dateext
}
C
NOW='2026-03-15 10:30:00' run; fi

if want 04e; then new 04e "hourly + dateext + datehourago, at 00:30 (hour ago is yesterday)"
mk app.log live
conf <<C
$S/logs/app.log {
  hourly
  rotate 2
  dateext
  datehourago
}
C
NOW='2026-03-15 00:30:00' run; fi

if want 04f; then new 04f "daily + dateext + datehourago (no hourly) at 00:30"
mk app.log live
conf <<C
$S/logs/app.log {
  daily
  rotate 2
  dateext
  datehourago
}
C
NOW='2026-03-15 00:30:00' run; fi

if want 04g; then new 04g "dateext, rotating twice on the same day"
mk app.log live1
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
}
C
echo "=== run 1"; run
mk app.log live2; echo "=== run 2 (same day, after writing live2)"; run
fi

if want 04g2; then new 04g2 "dateext: today's target exists AND there are excess old dated files (rotate 1)"
mk app.log live; mk app.log-20260301 d01; mk app.log-20260302 d02; mk app.log-20260315 today
conf <<C
$S/logs/app.log {
  rotate 1
  dateext
}
C
run; fi

if want 04h; then new 04h "dateext twice the same day with compress"
mk app.log live1
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
  compress
}
C
echo "=== run 1"; run
mk app.log live2; echo "=== run 2 (same day)"; run
fi

if want 04i; then new 04i "dateext retention: rotate 2, four older dated files + non-matching names"
mk app.log live
mk app.log-20260310 d10; mk app.log-20260311 d11; mk app.log-20260312 d12; mk app.log-20260313 d13
mk app.log-old old; mk app.log.1 n1; mk app.log-2026031 seven; mk app.log-20260309.bak bak
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
}
C
run; fi

if want 04j; then new 04j "dateext retention sorts by name: dateformat -%d%m%Y (not sortable), rotate 2"
mk app.log live
mk app.log-28022026 feb28 '2026-02-28'; mk app.log-01032026 mar01 '2026-03-01'; mk app.log-10032026 mar10 '2026-03-10'
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
  dateformat -%d%m%Y
}
C
run; fi

if want 04j2; then new 04j2 "same as 04j but mtimes in the opposite order (is the sort by name-date or by mtime?)"
mk app.log live
mk app.log-28022026 feb28 '2026-03-10'; mk app.log-01032026 mar01 '2026-03-01'; mk app.log-10032026 mar10 '2026-02-28'
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
  dateformat -%d%m%Y
}
C
run; fi

if want 04j3; then new 04j3 "default dateformat, names vs mtimes disagree, rotate 2"
mk app.log live
mk app.log-20260301 mar01 '2026-03-14'; mk app.log-20260302 mar02 '2026-03-13'; mk app.log-20260303 mar03 '2026-03-12'
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
}
C
run; fi

if want 04k; then new 04k "dateext + compress, rotate 2, existing dated .gz files and one uncompressed dated file"
mk app.log live
mk app.log-20260311 d11; mkgz app.log-20260312.gz d12; mkgz app.log-20260313.gz d13; mkgz app.log-20260314.gz d14
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
  compress
}
C
run; fi

if want 04l; then new 04l "dateext + compress + delaycompress, rotate 2, runs on 03-15, 03-16, 03-17"
mk app.log live15
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
  compress
  delaycompress
}
C
echo "=== run 1 (2026-03-15)"; NOW='2026-03-15 10:00:00' run
mk app.log live16; echo "=== run 2 (2026-03-16)"; NOW='2026-03-16 10:00:00' run
mk app.log live17; echo "=== run 3 (2026-03-17)"; NOW='2026-03-17 10:00:00' run
fi

if want 04o; then new 04o "dateext + compress + delaycompress with several uncompressed dated files present"
mk app.log live; mk app.log-20260312 d12; mk app.log-20260313 d13; mk app.log-20260314 d14
conf <<C
$S/logs/app.log {
  rotate 5
  dateext
  compress
  delaycompress
}
C
run; fi

if want 04m; then new 04m "dateext with numbered leftovers .1 .2 (switching to dateext)"
mk app.log live; mk app.log.1 n1; mk app.log.2 n2
conf <<C
$S/logs/app.log {
  rotate 1
  dateext
}
C
run; fi

# ===========================================================================
# 05  extension / addextension
# ===========================================================================
if want 05a; then new 05a "extension .log on app.log, rotate 3, two runs"
mk app.log live1
conf <<C
$S/logs/app.log {
  rotate 3
  extension .log
}
C
echo "=== run 1"; run
mk app.log live2; echo "=== run 2"; run
fi

if want 05b; then new 05b "extension .log + compress, two runs"
mk app.log live1
conf <<C
$S/logs/app.log {
  rotate 3
  extension .log
  compress
}
C
echo "=== run 1"; run
mk app.log live2; echo "=== run 2"; run
fi

if want 05c; then new 05c "extension .log + dateext"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 3
  extension .log
  dateext
}
C
run; fi

if want 05d; then new 05d "extension .log + dateext + compress"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 3
  extension .log
  dateext
  compress
}
C
run; fi

if want 05e; then new 05e "extension .txt on app.log (extension not matching the name)"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 3
  extension .txt
}
C
run; fi

if want 05f; then new 05f "addextension .log on 'app' and on 'web.log', compress"
mk app live-app; mk web.log live-web
conf <<C
$S/logs/app $S/logs/web.log {
  rotate 3
  addextension .log
  compress
}
C
run; fi

if want 05g; then new 05g "extension .log on a name with several dots: app.prod.log"
mk app.prod.log live; mk app.prod.1.log v1
conf <<C
$S/logs/app.prod.log {
  rotate 3
  extension .log
}
C
run; fi

# ===========================================================================
# 06  olddir
# ===========================================================================
if want 06a; then new 06a "olddir old (relative, existing), rotate 2, old/app.log.1 .2 and a stray app.log.1 next to the log"
mkdir "$S/logs/old"
mk app.log live; mk old/app.log.1 o1; mk old/app.log.2 o2; mk app.log.1 stray1
conf <<C
$S/logs/app.log {
  rotate 2
  olddir old
}
C
run; fi

if want 06b; then new 06b "olddir absolute"
mkdir "$S/archive"; mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  olddir $S/archive
}
C
run; show "$S/archive"; fi

if want 06c; then new 06c "olddir missing, no createolddir"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  olddir old
}
C
run; fi

if want 06c2; then new 06c2 "three blocks: fine, missing olddir, fine"
mk a.log live-a; mk b.log live-b; mk c.log live-c
conf <<C
$S/logs/a.log {
  rotate 2
}
$S/logs/b.log {
  rotate 2
  olddir old
}
$S/logs/c.log {
  rotate 2
}
C
run; fi

if want 06d; then new 06d "olddir missing + createolddir 0750 root root"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  olddir old
  createolddir 0750 root root
}
C
run; fi

if want 06e; then new 06e "olddir missing + createolddir 0750 daemon adm"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  olddir old
  createolddir 0750 daemon adm
}
C
run; fi

if want 06f; then new 06f "olddir missing + createolddir without arguments"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  olddir old
  createolddir
}
C
run; fi

if want 06g; then new 06g "olddir + dateext + compress"
mkdir "$S/logs/old"; mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  olddir old
  dateext
  compress
}
C
run; fi

if want 06h; then new 06h "olddir on another filesystem (/dev/shm), plain rename"
OD=/dev/shm/lr-research-06h; rm -rf "$OD"; mkdir -p "$OD"; mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  olddir $OD
}
C
run; show "$OD"; rm -rf "$OD"; fi

if want 06i; then new 06i "olddir on another filesystem (/dev/shm) + copytruncate"
OD=/dev/shm/lr-research-06i; rm -rf "$OD"; mkdir -p "$OD"; mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  olddir $OD
  copytruncate
}
C
run; show "$OD"; rm -rf "$OD"; fi

if want 06j; then new 06j "olddir given as a path to a directory that is a symlink"
mkdir "$S/real-old"; ln -s "$S/real-old" "$S/logs/old"; mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  olddir old
}
C
run; show "$S/real-old"; fi

# ===========================================================================
# 07  create / copy / copytruncate / renamecopy
# ===========================================================================
if want 07a; then new 07a "create (no arguments); live log is 0604 daemon:adm"
mk app.log live; chmod 0604 "$S/logs/app.log"; chown daemon:adm "$S/logs/app.log"
conf <<C
$S/logs/app.log {
  rotate 2
  create
}
C
run; fi

if want 07b; then new 07b "create 0640 root adm; live log is 0644 daemon:daemon"
mk app.log live; chown daemon:daemon "$S/logs/app.log"
conf <<C
$S/logs/app.log {
  rotate 2
  create 0640 root adm
}
C
run; fi

if want 07c; then new 07c "create 0600 (mode only); live log is 0644 daemon:adm"
mk app.log live; chown daemon:adm "$S/logs/app.log"
conf <<C
$S/logs/app.log {
  rotate 2
  create 0600
}
C
run; fi

if want 07d; then new 07d "create daemon adm (owner group, no mode); live log 0640 root:root"
mk app.log live; chmod 0640 "$S/logs/app.log"
conf <<C
$S/logs/app.log {
  rotate 2
  create daemon adm
}
C
run; fi

if want 07e; then new 07e "nocreate"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  nocreate
}
C
run; fi

if want 07f; then new 07f "copytruncate; live 0640 daemon:adm (inode shown)"
mk app.log live; chmod 0640 "$S/logs/app.log"; chown daemon:adm "$S/logs/app.log"; mk app.log.1 v1
echo "inode of app.log before: $(stat -c %i "$S/logs/app.log")"
conf <<C
$S/logs/app.log {
  rotate 2
  copytruncate
  compress
}
C
run
echo "inode of app.log after:  $(stat -c %i "$S/logs/app.log")"; fi

if want 07g; then new 07g "copy (live stays as is)"
mk app.log live; chmod 0640 "$S/logs/app.log"; chown daemon:adm "$S/logs/app.log"
echo "inode of app.log before: $(stat -c %i "$S/logs/app.log")"
conf <<C
$S/logs/app.log {
  rotate 2
  copy
  create 0600 root root
}
C
run
echo "inode of app.log after:  $(stat -c %i "$S/logs/app.log")"; fi

if want 07h; then new 07h "renamecopy + postrotate + compress + create"
mk app.log live; mk app.log.1 v1
conf <<C
$S/logs/app.log {
  rotate 2
  renamecopy
  create
  compress
  prerotate
$(sl prerotate)
  endscript
  postrotate
$(sl postrotate)
  endscript
}
C
run; fi

if want 07i; then new 07i "copytruncate + create 0600 daemon adm (is create ignored?)"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  copytruncate
  create 0600 daemon adm
}
C
run; fi

if want 07j; then new 07j "create when the invoking umask is 077 (live 0644 root:root)"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  create
}
C
( umask 077; run ); fi

if want 07k; then new 07k "copytruncate + compress + prerotate/postrotate: order"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  copytruncate
  compress
  prerotate
$(sl prerotate)
  endscript
  postrotate
$(sl postrotate)
  endscript
}
C
run; fi

# ===========================================================================
# 08  rotate 0 / -1, maxage, size, empty, missing
# ===========================================================================
if want 08a; then new 08a "rotate 0 with create; stray .1 present"
mk app.log live; mk app.log.1 v1
conf <<C
$S/logs/app.log {
  rotate 0
  create
}
C
run; fi

if want 08b; then new 08b "rotate 0 + compress + postrotate"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 0
  compress
  postrotate
$(sl postrotate)
  endscript
}
C
run; fi

if want 08c; then new 08c "rotate -1 with .1 .. .12"
mk app.log live; for i in $(seq 1 12); do mk "app.log.$i" "v$i"; done
conf <<C
$S/logs/app.log {
  rotate -1
}
C
SHOWTRACE=0 run; fi

if want 08c2; then new 08c2 "rotate -1 with a gap: .1 .2 .7"
mk app.log live; mk app.log.1 v1; mk app.log.2 v2; mk app.log.7 v7
conf <<C
$S/logs/app.log {
  rotate -1
}
C
run; fi

if want 08d; then new 08d "maxage 2 (real clock; mtimes in the past), rotate 5"
mk app.log live '30 days ago'; mk app.log.1 v1 '1 day ago'; mk app.log.2 v2 '3 days ago'
mk app.log.3 v3 '10 days ago'; mk app.log.bak bak '10 days ago'; mk app.log.9 v9 '10 days ago'
conf <<C
$S/logs/app.log {
  rotate 5
  maxage 2
}
C
NOFAKE=1 run; fi

if want 08e; then new 08e "maxage 2 + rotate -1 (real clock)"
mk app.log live; mk app.log.1 v1 '1 day ago'; mk app.log.2 v2 '3 days ago'; mk app.log.3 v3 '10 days ago'
conf <<C
$S/logs/app.log {
  rotate -1
  maxage 2
}
C
NOFAKE=1 run; fi

if want 08f; then new 08f "maxage 2 + dateext (real clock): dated files with old mtimes and old names"
mk app.log live
mk app.log-20200101 old-name-new-mtime '1 hour ago'
mk app.log-20990101 new-name-old-mtime '10 days ago'
mk app.log-20200102 old-name-old-mtime '10 days ago'
conf <<C
$S/logs/app.log {
  rotate 10
  dateext
  maxage 2
}
C
NOFAKE=1 run; fi

if want 08g; then new 08g "minsize 1k with -f on a 5-byte log"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  daily
  minsize 1k
}
C
run; fi

if want 08h; then new 08h "minsize 1k WITHOUT -f, state says last rotation 2026-03-01 (daily due), 5-byte log then 2000-byte log"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  daily
  minsize 1k
}
C
printf 'logrotate state -- version 2\n"%s/logs/app.log" 2026-3-1-0:0:0\n' "$S" > "$S/state"
echo "=== small log"; NOFORCE=1 run
head -c 2000 /dev/zero | tr '\0' 'x' > "$S/logs/app.log"
echo "=== 2000-byte log"; NOFORCE=1 run
fi

if want 08i; then new 08i "size 10 WITHOUT -f: 5-byte log, then 20-byte log"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  size 10
}
C
echo "=== 5-byte log"; NOFORCE=1 run
mk app.log "twenty-bytes-content"; echo "=== 21-byte log"; NOFORCE=1 run
fi

if want 08j; then new 08j "ifempty (default) with an empty log"
: > "$S/logs/app.log"
conf <<C
$S/logs/app.log {
  rotate 2
  ifempty
  create
}
C
run; fi

if want 08k; then new 08k "notifempty with an empty log (forced)"
: > "$S/logs/app.log"; mk app.log.1 v1
conf <<C
$S/logs/app.log {
  rotate 2
  notifempty
  postrotate
$(sl postrotate)
  endscript
}
C
run; fi

if want 08l; then new 08l "nomissingok (default) with a missing log"
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

if want 08m; then new 08m "missingok with a missing log (and existing .1)"
mk app.log.1 v1
conf <<C
$S/logs/app.log {
  rotate 2
  missingok
  firstaction
$(sl firstaction)
  endscript
}
C
run; fi

if want 08n; then new 08n "glob that matches nothing, without and with missingok"
conf <<C
$S/logs/*.log {
  rotate 2
}
C
echo "=== nomissingok"; run
conf <<C
$S/logs/*.log {
  rotate 2
  missingok
}
C
echo "=== missingok"; run
fi

if want 08o; then new 08o "minage 2 with -f on a fresh log"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  minage 2
}
C
run; fi

# ===========================================================================
# 09  scripts
# ===========================================================================
if want 09a; then new 09a "all five scripts, one log, compress, rotate 2, existing .1.gz .2.gz"
mk app.log live; mkgz app.log.1.gz v1; mkgz app.log.2.gz v2
conf <<C
$S/logs/app.log {
  rotate 2
  compress
  firstaction
$(sl firstaction)
  endscript
  prerotate
$(sl prerotate)
  endscript
  postrotate
$(sl postrotate)
  endscript
  lastaction
$(sl lastaction)
  endscript
  preremove
$(sl preremove)
  endscript
}
C
run; fi

if want 09b; then new 09b "all scripts, glob *.log matching a.log b.log, sharedscripts, compress, rotate 1, existing .1.gz each"
mk a.log live-a; mk b.log live-b; mkgz a.log.1.gz a1; mkgz b.log.1.gz b1
conf <<C
$S/logs/*.log {
  rotate 1
  compress
  sharedscripts
  firstaction
$(sl firstaction)
  endscript
  prerotate
$(sl prerotate)
  endscript
  postrotate
$(sl postrotate)
  endscript
  lastaction
$(sl lastaction)
  endscript
  preremove
$(sl preremove)
  endscript
}
C
run; fi

if want 09c; then new 09c "same as 09b but nosharedscripts (default)"
mk a.log live-a; mk b.log live-b; mkgz a.log.1.gz a1; mkgz b.log.1.gz b1
conf <<C
$S/logs/*.log {
  rotate 1
  compress
  firstaction
$(sl firstaction)
  endscript
  prerotate
$(sl prerotate)
  endscript
  postrotate
$(sl postrotate)
  endscript
  lastaction
$(sl lastaction)
  endscript
  preremove
$(sl preremove)
  endscript
}
C
run; fi

if want 09d; then new 09d "two explicit names in one block + sharedscripts"
mk a.log live-a; mk b.log live-b
conf <<C
$S/logs/a.log $S/logs/b.log {
  rotate 1
  sharedscripts
  prerotate
$(sl prerotate)
  endscript
  postrotate
$(sl postrotate)
  endscript
}
C
run; fi

if want 09e; then new 09e "prerotate fails (exit 1), one log, with postrotate/lastaction/create"
mk app.log live; mk app.log.1 v1
conf <<C
$S/logs/app.log {
  rotate 2
  create
  prerotate
$(sl prerotate)
    exit 1
  endscript
  postrotate
$(sl postrotate)
  endscript
  lastaction
$(sl lastaction)
  endscript
}
C
run; echo "--- state file:"; sed "s#$S#\$S#g" "$S/state"; fi

if want 09f; then new 09f "postrotate fails (exit 1), compress, with lastaction; then a second run"
mk app.log live; mk app.log.1 v1
conf <<C
$S/logs/app.log {
  rotate 2
  compress
  create
  postrotate
$(sl postrotate)
    exit 1
  endscript
  lastaction
$(sl lastaction)
  endscript
}
C
echo "=== run 1"; run
mk app.log live2; echo "=== run 2 (after writing live2; the uncompressed .1 from run 1 is still there)"; run
fi

if want 09g; then new 09g "firstaction fails (exit 1)"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  firstaction
$(sl firstaction)
    exit 1
  endscript
  prerotate
$(sl prerotate)
  endscript
}
C
run; fi

if want 09h; then new 09h "lastaction fails (exit 1)"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  lastaction
$(sl lastaction)
    exit 1
  endscript
}
C
run; fi

if want 09i; then new 09i "preremove fails (exit 1): is the old version still removed?"
mk app.log live; mk app.log.1 v1; mk app.log.2 v2
conf <<C
$S/logs/app.log {
  rotate 2
  preremove
$(sl preremove)
    exit 1
  endscript
}
C
run; fi

if want 09j; then new 09j "nosharedscripts glob of a.log b.log, prerotate fails only for a.log"
mk a.log live-a; mk b.log live-b
conf <<C
$S/logs/*.log {
  rotate 1
  prerotate
$(sl prerotate)
    case "\$1" in *a.log) exit 1;; esac
  endscript
  postrotate
$(sl postrotate)
  endscript
}
C
run; fi

if want 09k; then new 09k "sharedscripts glob of a.log b.log, prerotate fails"
mk a.log live-a; mk b.log live-b
conf <<C
$S/logs/*.log {
  rotate 1
  sharedscripts
  prerotate
$(sl prerotate)
    exit 1
  endscript
  postrotate
$(sl postrotate)
  endscript
  lastaction
$(sl lastaction)
  endscript
}
C
run; fi

if want 09l; then new 09l "postrotate with delaycompress: \$2 and when compression happens"
mk app.log live; mk app.log.1 v1
conf <<C
$S/logs/app.log {
  rotate 3
  compress
  delaycompress
  postrotate
$(sl postrotate)
  endscript
}
C
run; fi

if want 09m; then new 09m "postrotate \$2 with dateext + olddir"
mkdir "$S/logs/old"; mk app.log live
conf <<C
$S/logs/app.log {
  rotate 3
  dateext
  olddir old
  compress
  postrotate
$(sl postrotate)
  endscript
}
C
run; fi

if want 09n; then new 09n "sharedscripts + delaycompress? order of postrotate vs compression with 2 logs"
mk a.log live-a; mk b.log live-b
conf <<C
$S/logs/*.log {
  rotate 2
  compress
  sharedscripts
  postrotate
$(sl postrotate)
  endscript
}
C
run; fi

if want 09o; then new 09o "preremove with dateext deletions (rotate 1, two older dated files)"
mk app.log live; mk app.log-20260301 d01; mk app.log-20260302 d02
conf <<C
$S/logs/app.log {
  rotate 1
  dateext
  preremove
$(sl preremove)
  endscript
}
C
run; fi

# ===========================================================================
# 10  safety rules
# ===========================================================================
if want 10a; then new 10a "log with 2 hard links (noallowhardlink default)"
mk app.log live; ln "$S/logs/app.log" "$S/logs/other-link"
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

if want 10b; then new 10b "log with 2 hard links + allowhardlink + create"
mk app.log live; ln "$S/logs/app.log" "$S/logs/other-link"
conf <<C
$S/logs/app.log {
  rotate 2
  allowhardlink
  create
}
C
run; fi

if want 10c; then new 10c "log is a symlink to a file in the same directory"
mk real.log live; ln -s real.log "$S/logs/app.log"
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

if want 10d; then new 10d "log in a 0777 root:root directory"
mk app.log live; chmod 0777 "$S/logs"
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

if want 10e; then new 10e "log in a 0775 root:root directory"
mk app.log live; chmod 0775 "$S/logs"
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

if want 10f; then new 10f "log in a 0775 root:adm directory"
mk app.log live; chmod 0775 "$S/logs"; chgrp adm "$S/logs"
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

if want 10g; then new 10g "log in a 0777 directory + su root root"
mk app.log live; chmod 0777 "$S/logs"
conf <<C
$S/logs/app.log {
  rotate 2
  su root root
}
C
run; fi

if want 10h; then new 10h "log in a 1777 (sticky, world-writable) directory"
mk app.log live; chmod 1777 "$S/logs"
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

if want 10i; then new 10i "log in a 0755 directory owned by daemon:daemon"
mk app.log live; chown daemon:daemon "$S/logs"
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

if want 10j; then new 10j "0775 daemon:adm directory + su daemon adm + create + compress; files owned by daemon"
mk app.log live; mk app.log.1 v1; chown daemon:adm "$S/logs" "$S/logs/app.log" "$S/logs/app.log.1"; chmod 0775 "$S/logs"
conf <<C
$S/logs/app.log {
  rotate 2
  su daemon adm
  create
  compress
  postrotate
    echo "postrotate uid=\$(id -u) gid=\$(id -g)" >> $S/scripts.out
  endscript
}
C
run; fi

if want 10k; then new 10k "su daemon adm on a root-owned 0755 directory (no permission)"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
  su daemon adm
}
C
run; fi

if want 10l; then new 10l "log in a 0777 directory whose parent is fine, but the log's grandparent is 0777"
mkdir -p "$S/logs/sub"; chmod 0777 "$S/logs"; mk sub/app.log live
conf <<C
$S/logs/sub/app.log {
  rotate 2
}
C
run; fi

if want 10m; then new 10m "log is a FIFO"
mkfifo "$S/logs/app.log"
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

# ===========================================================================
# 11  shred
# ===========================================================================
if want 11a; then new 11a "shred, rotate 1, existing .1 .2"
mk app.log live; mk app.log.1 v1; mk app.log.2 v2
conf <<C
$S/logs/app.log {
  rotate 1
  shred
}
C
run; fi

if want 11b; then new 11b "shred + shredcycles 2, rotate 1, existing .1"
mk app.log live; mk app.log.1 v1
conf <<C
$S/logs/app.log {
  rotate 1
  shred
  shredcycles 2
}
C
run; fi

if want 11c; then new 11c "shred + copytruncate (is the live log shredded?)"
mk app.log live; mk app.log.1 v1
conf <<C
$S/logs/app.log {
  rotate 1
  shred
  copytruncate
}
C
run; fi

if want 11d; then new 11d "shred + compress, rotate 1"
mk app.log live; mkgz app.log.1.gz v1
conf <<C
$S/logs/app.log {
  rotate 1
  shred
  compress
}
C
run; fi

# ===========================================================================
# 12  a version path that is a directory
# ===========================================================================
if want 12a; then new 12a "app.log.2 is a directory, rotate 3, existing .1"
mk app.log live; mk app.log.1 v1; mkdir "$S/logs/app.log.2"; mk app.log.2/inside x
conf <<C
$S/logs/app.log {
  rotate 3
}
C
run; fi

if want 12b; then new 12b "app.log.3 is a (non-empty) directory, rotate 2 (the path that is deleted)"
mk app.log live; mk app.log.1 v1; mk app.log.2 v2; mkdir "$S/logs/app.log.3"; mk app.log.3/inside x
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

if want 12c; then new 12c "app.log.1 is a directory (target of the live log's rename)"
mk app.log live; mkdir "$S/logs/app.log.1"; mk app.log.1/inside x
conf <<C
$S/logs/app.log {
  rotate 3
}
C
run; fi

if want 12d; then new 12d "app.log.3 is an EMPTY directory, rotate 2"
mk app.log live; mk app.log.1 v1; mk app.log.2 v2; mkdir "$S/logs/app.log.3"
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

if want 12e; then new 12e "dateext target app.log-20260315 is a directory"
mk app.log live; mkdir "$S/logs/app.log-20260315"
conf <<C
$S/logs/app.log {
  rotate 2
  dateext
}
C
run; fi

if want 12f; then new 12f "the log path itself is a directory"
mkdir "$S/logs/app.log"
conf <<C
$S/logs/app.log {
  rotate 2
}
C
run; fi

# ===========================================================================
# 13  odd file names
# ===========================================================================
if want 13a; then new 13a "names with spaces, quotes and \$(...), quoted in the config, with scripts"
mk 'my app.log' live-space
mk 'it"s.log' live-dq
mk "a'b.log" live-sq
mk '$(touch PWNED).log' live-dollar
conf <<C
"$S/logs/my app.log" '$S/logs/it"s.log' "$S/logs/a'b.log" "$S/logs/\$(touch PWNED).log" {
  rotate 2
  compress
  prerotate
$(sl prerotate)
  endscript
  postrotate
$(sl postrotate)
  endscript
}
C
run
echo "--- PWNED created anywhere under \$S? $(find "$S" -name PWNED | sed "s#$S#\$S#g" | tr '\n' ' ')"; fi

if want 13b; then new 13b "glob over odd names + sharedscripts: \$1 is the pattern"
mk 'my app.log' live-space; mk '$(touch PWNED).log' live-dollar
conf <<C
"$S/logs/*.log" {
  rotate 2
  sharedscripts
  postrotate
$(sl postrotate)
    for f in \$1; do echo "  word: [\$f]" >> $S/scripts.out; done
  endscript
}
C
run
echo "--- PWNED created anywhere under \$S? $(find "$S" -name PWNED | sed "s#$S#\$S#g" | tr '\n' ' ')"; fi

if want 13c; then new 13c "backslash-escaped space in an unquoted name"
mk 'my app.log' live
conf <<C
$S/logs/my\\ app.log {
  rotate 2
}
C
run; fi

# ===========================================================================
# 14  misc
# ===========================================================================
if want 14a; then new 14a "glob * in the log dir also rotates already-rotated files"
mk app.log live; mk app.log.1 v1
conf <<C
$S/logs/* {
  rotate 2
}
C
run; fi

if want 14b; then new 14b "same log named in two blocks"
mk app.log live
conf <<C
$S/logs/app.log {
  rotate 2
}
$S/logs/app.log {
  rotate 5
}
C
run; fi

if want 14c; then new 14c "state file content after a run (two logs)"
mk a.log a; mk b.log b
conf <<C
$S/logs/a.log $S/logs/b.log {
  rotate 2
}
C
run; echo "--- state file:"; sed "s#$S#\$S#g" "$S/state"; ls -l "$S/state" | awk '{print "    mode: "$1}'; fi

if want 14d; then new 14d "two logs in one block, the first fails (missing), the second still rotates?"
mk b.log live-b
conf <<C
$S/logs/a.log $S/logs/b.log {
  rotate 2
}
C
run; fi

if want 14e; then new 14e "delaycompress when both app.log.1 and app.log.1.gz exist (compression target exists)"
mk app.log live; mk app.log.1 v1; mkgz app.log.1.gz v1gz
conf <<C
$S/logs/app.log {
  rotate 3
  compress
  delaycompress
}
C
run; fi

if want 14f; then new 14f "one block, two logs: the first has an insecure parent dir, the second is fine"
mkdir "$S/logs/bad"; chmod 0777 "$S/logs/bad"; mk bad/a.log live-a; mk b.log live-b
conf <<C
$S/logs/bad/a.log $S/logs/b.log {
  rotate 2
}
C
run; fi

echo; echo "done; scratch directories under $BASE"
