#!/usr/bin/env bash
# Starts a throwaway Dovecot IMAP server on 127.0.0.1 for the mail-intake tests and benchmark,
# from a configuration in a folder of its own (the system-wide service is left alone), installing
# the Debian package first if it is missing. One test user; plaintext login on loopback only.
# Mail is delivered with dovecot-lda. Prints the settings the tests read (FOI_TEST_IMAP) on its
# last line. Stop it with: kill "$(cat <root>/run/master.pid)"
#   usage: .ci/start-dovecot.sh [port]   (default 20143)
set -euo pipefail
port="${1:-20143}"

if [ ! -x /usr/sbin/dovecot ] || [ ! -x /usr/lib/dovecot/dovecot-lda ]; then
  echo "installing Dovecot from Debian packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq dovecot-imapd >&2
fi
lda=/usr/lib/dovecot/dovecot-lda

root="${FOI_DOVECOT_ROOT:-/tmp/foitracker-dovecot-$port}"
user=foi
password="foi-test-password"
config="$root/dovecot.conf"

if [ -f "$root/run/master.pid" ] && kill -0 "$(cat "$root/run/master.pid")" 2>/dev/null; then
  echo "Dovecot already running in $root" >&2
else
  rm -rf "$root"
  mkdir -p "$root/run" "$root/state" "$root/mail"
  # Dovecot never lets mail be stored as root: as root the mailbox belongs to nobody, and the
  # server's own processes use the package's system users; otherwise everything is the caller's.
  if [ "$(id -u)" = "0" ]; then
    mail_uid="$(id -u nobody)"; mail_gid="$(id -g nobody)"
    internal_user=dovecot; login_user=dovenull
    chown "$mail_uid:$mail_gid" "$root/mail"
  else
    mail_uid="$(id -u)"; mail_gid="$(id -g)"
    internal_user="$(id -un)"; login_user="$(id -un)"
  fi
  printf '%s:{PLAIN}%s\n' "$user" "$password" > "$root/users"
  chmod 0644 "$root/users"
  cat > "$config" <<EOF
base_dir = $root/run
state_dir = $root/state
log_path = $root/log
info_log_path = $root/log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = $internal_user
default_internal_group = $(id -gn "$internal_user")
default_login_user = $login_user
first_valid_uid = 1
mail_location = maildir:$root/mail/%u
# Throwaway data: no fsync, for speed.
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $root/users
}
userdb {
  driver = static
  args = uid=$mail_uid gid=$mail_gid home=$root/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service auth {
  unix_listener auth-userdb {
    mode = 0666
  }
}
protocol lda {
  postmaster_address = postmaster@localhost
  # Each test delivers into a folder of its own (dovecot-lda -m), made on first delivery.
  lda_mailbox_autocreate = yes
}
EOF
  /usr/sbin/dovecot -c "$config"
fi

# Ready when the IMAP greeting arrives.
for _ in $(seq 1 100); do
  if exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
    if IFS= read -r -t 2 greeting <&3 && [[ "$greeting" == "* OK"* ]]; then
      exec 3<&- 3>&-
      echo "Host=127.0.0.1;Port=$port;User=$user;Password=$password;Lda=$lda;Config=$config"
      exit 0
    fi
    exec 3<&- 3>&-
  fi
  sleep 0.1
done
echo "Dovecot did not answer on 127.0.0.1:$port; its log:" >&2
cat "$root/log" >&2 || true
exit 1
