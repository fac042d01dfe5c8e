//! What libpq fills in when a URL leaves it out, so that `postgresql:///spend` reaches the
//! local server as `psql` would: the host from `PGHOST`, else the local server's socket
//! directory; the port, user and password from `PGPORT`, `PGUSER` and `PGPASSWORD`. The
//! user otherwise defaults to the login, as the driver already does.

use std::path::Path;

use postgres::Config;

/// Where a local server's socket usually is: Debian's and Fedora's directories, then the
/// directory PostgreSQL itself defaults to.
const SOCKET_DIRS: [&str; 3] = ["/run/postgresql", "/var/run/postgresql", "/tmp"];
const DEFAULT_PORT: u16 = 5432;

/// Fills in what the URL left out from the environment and the local socket.
pub(super) fn fill_in(config: &mut Config) {
    fill_in_from(config, |name| std::env::var(name).ok(), Path::exists);
}

fn fill_in_from(
    config: &mut Config,
    variable: impl Fn(&str) -> Option<String>,
    exists: impl Fn(&Path) -> bool,
) {
    let set = |name| variable(name).filter(|value| !value.is_empty());
    if config.get_ports().is_empty()
        && let Some(port) = set("PGPORT").and_then(|port| port.parse().ok())
    {
        config.port(port);
    }
    if config.get_user().is_none()
        && let Some(user) = set("PGUSER")
    {
        config.user(&user);
    }
    if config.get_password().is_none()
        && let Some(password) = set("PGPASSWORD")
    {
        config.password(&password);
    }
    if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
        match set("PGHOST") {
            Some(host) if host.starts_with('/') => {
                config.host_path(host);
            }
            Some(host) => {
                config.host(&host);
            }
            None => {
                let port = config.get_ports().first().copied().unwrap_or(DEFAULT_PORT);
                let socket = format!(".s.PGSQL.{port}");
                let dir = SOCKET_DIRS
                    .iter()
                    .find(|dir| exists(&Path::new(dir).join(&socket)))
                    .unwrap_or(&SOCKET_DIRS[1]);
                config.host_path(dir);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use postgres::config::Host;

    use super::*;

    fn filled(url: &str, env: &[(&str, &str)], sockets: &[&str]) -> Config {
        let mut config = Config::from_str(url).expect("a URL");
        fill_in_from(
            &mut config,
            |name| {
                env.iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_string())
            },
            |path| sockets.iter().any(|s| Path::new(s) == path),
        );
        config
    }

    #[test]
    fn a_url_without_a_host_finds_the_local_socket_for_its_port() {
        let config = filled("postgresql:///spend", &[], &["/tmp/.s.PGSQL.5432"]);
        assert_eq!(config.get_hosts(), [Host::Unix("/tmp".into())]);
        let config = filled(
            "postgresql:///spend?port=5433",
            &[],
            &["/tmp/.s.PGSQL.5432", "/run/postgresql/.s.PGSQL.5433"],
        );
        assert_eq!(config.get_hosts(), [Host::Unix("/run/postgresql".into())]);
    }

    #[test]
    fn the_environment_fills_in_only_what_the_url_left_out() {
        let env = [
            ("PGHOST", "db.example"),
            ("PGPORT", "6543"),
            ("PGUSER", "priya"),
            ("PGPASSWORD", "secret"),
        ];
        let config = filled("postgresql:///spend", &env, &[]);
        assert_eq!(config.get_hosts(), [Host::Tcp("db.example".into())]);
        assert_eq!(config.get_ports(), [6543]);
        assert_eq!(config.get_user(), Some("priya"));
        assert_eq!(config.get_password(), Some(&b"secret"[..]));
        let config = filled("postgresql://aman:pw@10.0.0.2:5432/spend", &env, &[]);
        assert_eq!(config.get_hosts(), [Host::Tcp("10.0.0.2".into())]);
        assert_eq!(config.get_ports(), [5432]);
        assert_eq!(config.get_user(), Some("aman"));
        assert_eq!(config.get_password(), Some(&b"pw"[..]));
    }

    #[test]
    fn a_socket_directory_in_pghost_is_a_socket() {
        let config = filled("postgresql:///spend", &[("PGHOST", "/srv/pg")], &[]);
        assert_eq!(config.get_hosts(), [Host::Unix("/srv/pg".into())]);
    }
}
